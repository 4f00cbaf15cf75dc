// What makes renders cheaper must not change what is measured: the quick PNG path decodes exactly as pngjs does (and
// leaves it every other flavour), and the font subsets a page declares serve every character the code holds. And what
// keeps them cheap: a renderer fetches a font once, however many documents draw with it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { decodePlainPng } from '../src/intake/png.js';
import { codePointsOf, fontFaceCssFor, unicodeRanges } from '../src/render/fonts.js';
import { fixturesDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const pngs = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pngs(path.join(dir, e.name)) : e.name.endsWith('.png') ? [path.join(dir, e.name)] : []));

describe('plain PNG decoding', () => {
  it('gives the pixels pngjs gives, for every fixture it takes', () => {
    let taken = 0;
    for (const file of pngs(fixturesDir)) {
      const bytes = fs.readFileSync(file);
      const quick = decodePlainPng(bytes);
      if (!quick) continue;
      taken++;
      const png = PNG.sync.read(bytes);
      assert.equal(quick.width, png.width, file);
      assert.ok(Buffer.from(quick.data).equals(png.data), file);
    }
    assert.ok(taken > 10, `${taken} fixtures decoded`);
  });

  it('leaves palette, 16-bit, grey, interlaced and damaged files to pngjs', () => {
    const image = new PNG({ width: 7, height: 5 });
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 37) % 256;
    const rgba = PNG.sync.write(image);
    assert.ok(decodePlainPng(rgba), 'an 8-bit RGBA file is taken');
    assert.ok(Buffer.from(decodePlainPng(rgba)!.data).equals(PNG.sync.read(rgba).data));
    assert.equal(decodePlainPng(PNG.sync.write(image, { colorType: 0 })), null);
    assert.equal(decodePlainPng(PNG.sync.write(image, { colorType: 6, bitDepth: 16 } as never)), null);
    const damaged = Buffer.from(rgba);
    damaged[damaged.length - 20] ^= 1;
    assert.equal(decodePlainPng(damaged), null);
    assert.equal(decodePlainPng(Buffer.concat([rgba, Buffer.from([0])])), null);
  });
});

describe('font subsets per component', () => {
  const subsets = (code: string) => new Set([...fontFaceCssFor(code).matchAll(/roboto-([a-z-]+)-\d+-(?:normal|italic)\.woff2/g)].map((m) => m[1]));

  it('keeps Latin for Latin text, and the subsets of every other script the code writes, escaped or not', () => {
    assert.deepEqual([...subsets('<p style={{ fontFamily: "Roboto" }}>Hello</p>')].sort(), ['latin', 'latin-ext']);
    assert.ok(subsets('<p style={{ fontFamily: "Roboto" }}>Привет</p>').has('cyrillic'));
    assert.ok(subsets('jsx("p", { style: { fontFamily: "Roboto" }, children: "\\u041F\\u0440" })').has('cyrillic'));
    assert.ok(subsets('.a { font-family: Roboto } .a::after { content: "\\3b1" }').has('greek'));
    assert.ok(subsets('<p style={{ fontFamily: "Roboto" }} dangerouslySetInnerHTML={{ __html: "&#x3b1;" }} />').has('greek'));
  });

  it('keeps every subset for text made at run time', () => {
    const all = subsets('<p style={{ fontFamily: "Roboto" }}>{String.fromCharCode(945)}</p>');
    assert.ok(all.has('greek') && all.has('cyrillic') && all.has('vietnamese'));
  });

  it('declares WOFF2 sources only', () => {
    assert.doesNotMatch(fontFaceCssFor('<p style={{ fontFamily: "Roboto" }}>Hello</p>'), /\.woff\)/);
  });

  it('reads unicode ranges and the code points a code holds', () => {
    assert.deepEqual(unicodeRanges('unicode-range: U+0000-00FF,U+0131;'), [[0, 255], [0x131, 0x131]]);
    assert.equal(unicodeRanges('src: url(x)'), null);
    const points = codePointsOf('a\\u{1F600}\\xe9&#233;');
    for (const c of [0x61, 0x1f600, 0xe9, 0x20, 0x130]) assert.ok(points.has(c), c.toString(16));
  });
});

describe('font requests across fresh documents', () => {
  const renderer = testRenderer();
  const component = (stack: string, i: number) =>
    `export default function C() { return <main style={{ fontFamily: ${JSON.stringify(stack)} }}><h1>Title ${i}</h1><p>Body</p></main>; }`;

  it('asks once for each font address, when components name two aliases of one bundled family', async () => {
    // The stacks generated code writes: the first name draws, the second is declared on the same files.
    const stacks = ['Arial, Helvetica, sans-serif', "'Times New Roman', Times, serif", 'Helvetica, Arial, sans-serif'];
    for (let i = 0; i < 12; i++) await renderer.render(component(stacks[i % stacks.length], i), { width: 320, height: 200, deviceScaleFactor: 1 });
    const requests = await renderer.fontRequests();
    assert.ok(requests.size >= 4, `${requests.size} font addresses`);
    for (const [address, count] of requests) assert.equal(count, 1, `${address} asked for ${count} times over 12 renders`);
  });

  it('aliases draw the same file as the family they stand for', () => {
    const files = (css: string) => new Set([...css.matchAll(/url\(([^)?]+)/g)].map((m) => m[1]));
    assert.deepEqual(files(fontFaceCssFor('<p style={{ fontFamily: "Helvetica" }}>Hi</p>')), files(fontFaceCssFor('<p style={{ fontFamily: "Arimo" }}>Hi</p>')));
  });
});
