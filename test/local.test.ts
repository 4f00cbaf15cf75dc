// The local engine on a design whose code we know: it recovers texts, colours and structure, deterministically, and
// meets bad input with a sensible component or a clear error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { compare } from '../src/compare/compare.js';
import { textTerms } from '../src/compare/text-terms.js';
import { closeLocalEngine, createLocalProvider, designTexts } from '../src/generate/local/index.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import type { Design } from '../src/types.js';
import { checkPolicy } from '../src/validate/policy.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const source = fs.readFileSync(path.join(fixturesDir, 'local/Pricing.tsx'), 'utf8');
const dir = tempDir();

async function designFrom(tsx: string, name: string, width = 640, height = 400): Promise<Design> {
  const render = await renderer.render(tsx, { width, height, deviceScaleFactor: 1 });
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodePng(render.image));
  return readDesign(file);
}

function pngFile(name: string, width: number, height: number, fill: (x: number, y: number) => [number, number, number]): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set([...fill(x, y), 255], (y * width + x) * 4);
  const file = path.join(dir, name);
  fs.writeFileSync(file, PNG.sync.write(png));
  return file;
}

const TEXTS = ['Starter plan', 'Everything to get going', 'Five projects included', 'Choose plan', 'Team plan', 'Unlimited projects and seats'];

describe('local engine', () => {
  it('recovers the texts, colours and structure of a known design', async () => {
    const design = await designFrom(source, 'pricing.png');
    const { code } = await createLocalProvider().generate({ design, renderer });
    assert.deepEqual(checkPolicy(code), [], 'the output passes the safety policy');
    const render = await renderer.render(code, { width: 640, height: 400, deviceScaleFactor: 1 });
    const rendered = render.texts.map((t) => t.text).join(' | ');
    const words = TEXTS.join(' ').toLowerCase().split(/\s+/);
    const found = words.filter((w) => rendered.toLowerCase().includes(w)).length / words.length;
    assert.ok(found >= 0.9, `text recall ${found}: ${rendered}`);
    // Colours: the dark panel and the button, within a few levels; the title's colour within a tolerance.
    const backgrounds = render.elements.map((e) => e.background).filter(Boolean) as number[][];
    const has = (c: number[], tol = 4) => backgrounds.some((b) => Math.max(...[0, 1, 2].map((i) => Math.abs(b[i] - c[i]))) <= tol);
    assert.ok(has([0x1e, 0x3a, 0x8a]), 'the dark panel');
    assert.ok(has([0x25, 0x63, 0xeb]), 'the button');
    assert.ok(has([0xff, 0xff, 0xff]), 'the white panel');
    const title = render.texts.find((t) => t.text.includes('Team plan'));
    assert.ok(title && title.color[0] > 230 && title.color[2] > 230, 'white title on the dark panel');
    // Structure: the panels where they were.
    const panel = render.elements.find((e) => e.background && Math.abs(e.background[2] - 0x8a) < 5 && e.width > 200);
    assert.ok(panel && Math.abs(panel.x - 328) <= 2 && Math.abs(panel.y - 24) <= 2 && Math.abs(panel.width - 288) <= 3, `panel at ${panel?.x},${panel?.y} ${panel?.width}`);
    const { scores } = compare(design.image, render);
    assert.ok(scores.mismatch < 0.05, `mismatch ${scores.mismatch}`);
    assert.ok(scores.score > 0.8, `score ${scores.score}`);
  });

  it('writes the same file for the same image', async () => {
    const design = await designFrom(source, 'pricing-again.png');
    const a = await createLocalProvider().generate({ design, renderer });
    await closeLocalEngine(); // a fresh analysis, not the cached one
    const b = await createLocalProvider().generate({ design, renderer });
    assert.equal(a.code, b.code);
  });

  it('meets bad input with a sensible component, never a hang', async () => {
    const provider = createLocalProvider();
    const cases: Array<[string, string]> = [
      ['blank', pngFile('blank.png', 300, 200, () => [250, 250, 250])],
      ['noise', pngFile('noise.png', 200, 150, (x, y) => { const v = (x * 7919 + y * 104729) % 251; return [v, (v * 3) % 256, (v * 7) % 256]; })],
      ['one pixel', pngFile('dot.png', 1, 1, () => [10, 20, 30])],
      ['tall page', pngFile('tall.png', 400, 6000, (x, y) => (y % 600 < 40 && x > 20 && x < 380 ? [40, 90, 200] : [255, 255, 255]))],
    ];
    for (const [name, file] of cases) {
      const design = await readDesign(file);
      const { code } = await provider.generate({ design, renderer });
      assert.deepEqual(checkPolicy(code), [], name);
      assert.match(code, new RegExp(`maxWidth: ${design.cssWidth}, minHeight: ${design.cssHeight}`), `${name}: the root has the design's size`);
    }
  });

  it('text terms fall when a text is lost or recoloured', async () => {
    const design = await designFrom(source, 'pricing-terms.png');
    const texts = await designTexts(design);
    const size = { width: 640, height: 400 };
    const same = textTerms(texts, (await renderer.render(source, { ...size, deviceScaleFactor: 1 })).texts, size);
    const lost = textTerms(texts, (await renderer.render(source.replace('Unlimited projects and seats', ''), { ...size, deviceScaleFactor: 1 })).texts, size);
    const recoloured = textTerms(texts, (await renderer.render(source.replaceAll("color: '#4b5563'", "color: '#dc2626'"), { ...size, deviceScaleFactor: 1 })).texts, size);
    assert.ok(same.textRecall >= 0.9, `recall ${same.textRecall}`);
    assert.ok(lost.textRecall < same.textRecall - 0.1, `lost ${lost.textRecall} vs ${same.textRecall}`);
    assert.ok(recoloured.textColor < same.textColor - 0.05, `colour ${recoloured.textColor} vs ${same.textColor}`);
    const { scores } = compare(design.image, await renderer.render(source.replace('Unlimited projects and seats', ''), { ...size, deviceScaleFactor: 1 }), { texts });
    assert.ok(scores.textRecall !== undefined && scores.textRecall < 0.9, 'compare reports the text terms');
  });
});
