// Boxes raised by shadows: a component of our own (fixtures/code/Raised.tsx: three white cards with `0 2px 8px
// rgba(0,0,0,0.12)`, a panel of the page's colour with `0 4px 16px rgba(0,0,0,0.2)`) rendered to PNG and saved as a
// chat app would send it. The local engine should find each box with a shadow near the one written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { compare } from '../src/compare/compare.js';
import { analyzeDesign, closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import type { Region } from '../src/generate/local/segment.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import type { Design } from '../src/types.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();
const size = { width: 800, height: 480 };
let pngFile = '';

before(async () => {
  const shot = await renderer.render(fs.readFileSync(path.join(fixturesDir, 'code/Raised.tsx'), 'utf8'), { ...size, deviceScaleFactor: 1 });
  pngFile = path.join(dir, 'raised.png');
  fs.writeFileSync(pngFile, encodePng(shot.image));
});

async function saved(name: string, encode?: (s: sharp.Sharp) => sharp.Sharp): Promise<Design> {
  const file = path.join(dir, name);
  if (encode) fs.writeFileSync(file, await encode(sharp(pngFile)).toBuffer());
  return readDesign(encode ? file : pngFile);
}

const shadowed = (regions: Region[]): Region[] => regions.flatMap((r) => [...(r.shadow ? [r] : []), ...shadowed(r.children)]);

/** The cards and the panel as written: place, size and shadow. */
const written = [
  ...[40, 290, 540].map((x) => ({ x, y: 40, width: 218, height: 140, shadow: { x: 0, y: 2, blur: 8, alpha: 0.12 } })),
  { x: 40, y: 228, width: 720, height: 172, shadow: { x: 0, y: 4, blur: 16, alpha: 0.2 } },
];

function assertFound(regions: Region[], slack: { blur: number; alpha: number }, boxes = written) {
  const found = shadowed(regions).sort((a, b) => a.y - b.y || a.x - b.x);
  assert.equal(found.length, boxes.length, `every box with its shadow: ${JSON.stringify(found.map(({ x, y, width, height, shadow }) => ({ x, y, width, height, shadow })))}`);
  boxes.forEach((w, i) => {
    const f = found[i];
    for (const k of ['x', 'y', 'width', 'height'] as const) assert.ok(Math.abs(f[k] - w[k]) <= 1, `box ${i}'s ${k}: ${f[k]} for ${w[k]}`);
    assert.equal(f.shadow!.x, 0, `box ${i}'s shadow is not moved sideways`);
    assert.ok(Math.abs(f.shadow!.y - w.shadow.y) <= 1, `box ${i}'s shadow offset: ${f.shadow!.y} for ${w.shadow.y}`);
    assert.ok(Math.abs(f.shadow!.blur - w.shadow.blur) <= slack.blur, `box ${i}'s blur: ${f.shadow!.blur} for ${w.shadow.blur}`);
    assert.ok(Math.abs(f.shadow!.alpha - w.shadow.alpha) <= slack.alpha, `box ${i}'s alpha: ${f.shadow!.alpha} for ${w.shadow.alpha}`);
  });
  // The panel has the page's colour: its shadow alone shows it, and it holds the button.
  if (boxes.length > 3) assert.equal(found[3].children.length, 1, 'the panel holds its button');
}

describe('box shadows', () => {
  it('finds each raised box and fits its shadow, the panel of the page colour too', async () => {
    assertFound((await analyzeDesign(await saved('raised.png'))).regions, { blur: 1, alpha: 0.01 });
  });

  // A codec's noise hides the panel's faint top band (it is found, but with no top a box of the page's colour is not
  // placed): the cards are found as from the PNG. (WebP at quality 80 moves the bands' edges by a pixel or two: not
  // found yet.)
  it('finds the cards in a JPEG at quality 85', async () => {
    assertFound((await analyzeDesign(await saved('raised.jpg', (s) => s.jpeg({ quality: 85 })))).regions, { blur: 2, alpha: 0.02 }, written.slice(0, 3));
  });

  it('writes each box with its shadow and draws the design closely', async () => {
    const design = await saved('raised.png');
    const { code } = await createLocalProvider().generate({ design, renderer });
    const shadows = [...code.matchAll(/boxShadow: "0 (\d+)px (\d+)px ([^"]+)"/g)];
    assert.ok(shadows.length >= 2, `the cards' and the panel's shadows are written:\n${code}`);
    // The panel is an element with a shadow holding the line and the button.
    const panel = code.slice(code.lastIndexOf('boxShadow'));
    assert.match(panel, /Questions about a plan\?[\s\S]*Contact sales/, 'the panel holds its text and button');
    const render = await renderer.render(code, { ...size, deviceScaleFactor: 1 });
    const { mismatch } = compare(design.image, render).scores;
    assert.ok(mismatch <= 0.01, `mismatch ${mismatch}`);
  });
});
