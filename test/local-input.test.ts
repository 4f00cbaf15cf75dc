// The local engine on bad input: blank, noise, 1x1, a 6000 px tall page. Each gives a sensible component (or a typed
// error), never a hang: every case runs under a deadline.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import type { RgbaImage } from '../src/types.js';
import { tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const dir = tempDir('ui2code-local-');
after(async () => {
  await closeLocalEngine();
  fs.rmSync(dir, { recursive: true, force: true });
});

function image(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([...paint(x, y), 255], o);
    }
  }
  return { width, height, data };
}

/** A deterministic pseudo-random sequence, so the noise image is the same on every run. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function convert(name: string, img: RgbaImage) {
  const file = path.join(dir, `${name}.png`);
  fs.writeFileSync(file, encodePng(img));
  const design = await readDesign(file);
  const { code } = await createLocalProvider().generate({ design, renderer });
  const render = await renderer.render(code, { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 });
  return { code, render };
}

const deadline = { timeout: 120_000 };

describe('local engine: bad input', () => {
  it('a blank image gives an empty page of its colour', deadline, async () => {
    const { code, render } = await convert('Blank', image(800, 600, () => [250, 250, 250]));
    assert.match(code, /export default function Blank\(\)/);
    assert.equal(render.texts.length, 0);
    // Its colour, or the palette's shade next to it (colours snap to the palette within a distance of 0.02).
    const drawn = [...render.image.data.subarray(0, 3)];
    assert.ok(drawn.every((c) => Math.abs(c - 250) <= 2), `drawn ${drawn}`);
  });

  it('pure noise gives a component without invented text', deadline, async () => {
    const rnd = lcg(7);
    const { code, render } = await convert('Noise', image(320, 240, () => [rnd() * 256, rnd() * 256, rnd() * 256].map(Math.floor) as [number, number, number]));
    assert.match(code, /export default function Noise\(\)/);
    assert.ok(render.texts.length <= 2, `read ${render.texts.length} texts in noise`);
    assert.doesNotMatch(code, /data:image|base64/);
  });

  it('a 1x1 image gives a 1x1 component', deadline, async () => {
    const { code, render } = await convert('Dot', image(1, 1, () => [10, 20, 30]));
    assert.match(code, /maxWidth: 1\b/);
    assert.deepEqual([...render.image.data.subarray(0, 3)], [10, 20, 30]);
  });

  it('a 6000 px tall page gives a component of its full height with its text', deadline, async () => {
    // A tall page: stripes of colour with a text-free rhythm, and a dark bar near the bottom.
    const tall = image(400, 6000, (_x, y) => (y > 5800 && y < 5840 ? [30, 30, 30] : y % 600 < 300 ? [255, 255, 255] : [230, 240, 250]));
    const { code, render } = await convert('Tall', tall);
    assert.match(code, /minHeight: 6000\b/);
    assert.ok(render.documentHeight >= 5999, `rendered ${render.documentHeight} px tall`);
  });
});
