// Anti-aliased edges in the local engine's segmentation: a card at a fractional position, or an outlined field with
// rounded corners, shows a row of blended colour along its sides. Such a row is not an element: it used to become an
// empty div in the card's own colour (invisible, yet written out and spacing the flow).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeDesign, closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import { colorDistance, type Region, type Rgb } from '../src/generate/local/segment.js';
import { designOf } from './support/design-of.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-edges-'));
after(async () => {
  await closeLocalEngine();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Boxes drawn in their parent's own colour with nothing in them and no border: empty divs a reader deletes. */
function invisible(regions: Region[], parent: Rgb): Region[] {
  return regions.flatMap((r) => [
    ...(r.kind === 'box' && !r.border && !r.children.length && colorDistance(r.fill, parent) <= 6 ? [r] : []),
    ...invisible(r.children, r.fill),
  ]);
}

describe('local engine: anti-aliased edges', () => {
  it('finds the cards and the outlined field, and no box in its parent’s own colour', async () => {
    const design = await designOf(renderer, tmp, 'Edges', 800, 600);
    const analysis = await analyzeDesign(design);
    assert.deepEqual(invisible(analysis.regions, analysis.background).map((r) => `${r.x},${r.y} ${r.width}x${r.height}`), []);
    const white = analysis.regions.filter((r) => r.kind === 'box' && colorDistance(r.fill, [255, 255, 255]) <= 2);
    assert.equal(white.length, 3, 'three white cards');
    const field = white[0].children.find((r) => r.border);
    assert.ok(field, 'the outlined field inside the first card');
    assert.ok(colorDistance(field.border!.color, [204, 204, 204]) <= 24, `its border ${field.border!.color}`);

    // The component written from it has no empty element either: every self-closing div draws something.
    const { code } = await createLocalProvider().generate({ design, renderer });
    const empty = [...code.matchAll(/<div\s+style=\{\{([^}]*)\}\}\s*\/>/g)].map((m) => m[1]);
    for (const style of empty) assert.match(style, /background|border/, `an empty div that draws nothing: ${style}`);
    assert.ok(!/backgroundColor: "#ffffff"[^}]*\}\}\s*\/>/.test(code), 'no empty white div inside the white cards');
  });
});
