// The local engine's code is code a developer keeps: components of our own, rendered to PNG, come back with repeated
// parts as data and one `.map`, clean values, flowing text, a root that fills its parent, landmarks on pages, real
// font stacks, and they compile under `tsc --strict --noUnusedLocals` and render within tolerance of the design.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import type { Design } from '../src/types.js';
import { checkPolicy } from '../src/validate/policy.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();

async function designOf(name: string, width: number, height: number): Promise<Design> {
  const tsx = fs.readFileSync(path.join(fixturesDir, 'code', `${name}.tsx`), 'utf8');
  const render = await renderer.render(tsx, { width, height, deviceScaleFactor: 1 });
  const file = path.join(dir, `${name}.png`);
  fs.writeFileSync(file, encodePng(render.image));
  return readDesign(file);
}

async function convert(name: string, width: number, height: number) {
  const design = await designOf(name, width, height);
  const { code } = await createLocalProvider().generate({ design, renderer });
  if (process.env.UI2CODE_SHOW_CODE) console.log(code);
  const render = await renderer.render(code, { width, height, deviceScaleFactor: 1 });
  return { design, code, render, scores: compare(design.image, render).scores };
}

describe('local engine code', () => {
  it('three equal cards become one sub-component and one .map', async () => {
    const { code, scores } = await convert('ThreePlans', 800, 480);
    assert.deepEqual(checkPolicy(code), [], 'the output passes the safety policy');
    assert.equal(code.match(/\.map\(/g)?.length, 1, code);
    assert.match(code, /^function \w+\(\{ [\w, ]+ \}: \w+Props\)/m, 'a sub-component with typed props');
    assert.ok(scores.mismatch <= 0.02, `mismatch ${scores.mismatch}`);
  });
});
