// Screenshots as people send them (issue 16): JPEG and WebP designs, fractional scales. Designs are rendered from a
// component we wrote (fixtures/lossy), so what the engine should find is known.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { compare } from '../src/compare/compare.js';
import { scoreComponent } from '../src/compare/score-component.js';
import { analyzeDesign, closeLocalEngine, createLocalProvider, designTypography } from '../src/generate/local/index.js';
import { colorDistance, type Region } from '../src/generate/local/segment.js';
import { readDesign, scaleFromName } from '../src/intake/decode.js';
import { jpegQuality } from '../src/intake/lossy.js';
import { encodePng } from '../src/intake/png.js';
import type { Design } from '../src/types.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();
const form = fs.readFileSync(path.join(fixturesDir, 'lossy/GreenForm.tsx'), 'utf8');
const size = { width: 640, height: 480 };
let pngFile = '';

before(async () => {
  const shot = await renderer.render(form, { ...size, deviceScaleFactor: 1 });
  pngFile = path.join(dir, 'form.png');
  fs.writeFileSync(pngFile, encodePng(shot.image));
});

async function saved(name: string, encode: (s: sharp.Sharp) => sharp.Sharp): Promise<Design> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await encode(sharp(pngFile)).toBuffer());
  return readDesign(file);
}

const convert = async (design: Design) => (await createLocalProvider().generate({ design, renderer })).code;

describe('lossy designs', () => {
  it('knows a JPEG and a lossy WebP for what they are, and a PNG or lossless WebP as lossless', async () => {
    for (const q of [70, 85, 95]) {
      const design = await saved(`form-${q}.jpg`, (s) => s.jpeg({ quality: q }));
      assert.equal(design.lossy?.codec, 'jpeg');
      assert.ok(Math.abs(design.lossy.quality - q) <= 1, `quality ${design.lossy.quality} for ${q}`);
      assert.equal(jpegQuality(design.bytes), design.lossy.quality);
      assert.ok(design.lossy.noise > 0, 'a JPEG of text carries noise');
    }
    assert.equal((await saved('form.webp', (s) => s.webp({ quality: 80 }))).lossy?.codec, 'webp');
    assert.equal((await saved('form-lossless.webp', (s) => s.webp({ lossless: true }))).lossy, undefined);
    assert.equal((await readDesign(pngFile)).lossy, undefined);
  });

  it('converts a flat design saved as JPEG without an image placeholder, as close to the original as its PNG', async () => {
    const original = await readDesign(pngFile);
    const fromPng = await scoreComponent(renderer, original, await convert(original));
    for (const [name, encode] of [['form-q75.jpg', (s: sharp.Sharp) => s.jpeg({ quality: 75 })], ['form-q80.webp', (s: sharp.Sharp) => s.webp({ quality: 80 })]] as const) {
      const code = await convert(await saved(name, encode));
      assert.doesNotMatch(code, /role="img"/, `${name}: no image placeholder in a design of flat colours`);
      // Scored against the lossless original, like the bench: the codec's noise must not have become content.
      const { scores } = await scoreComponent(renderer, original, code);
      // Issue 16's target is 0.005; the engine gets within 0.02 today (without the cleaning it was 0.03-0.04 off).
      assert.ok(scores.mismatch <= fromPng.scores.mismatch + 0.02, `${name}: mismatch ${scores.mismatch} against the PNG's ${fromPng.scores.mismatch}`);
      assert.ok(scores.fgMismatch <= fromPng.scores.fgMismatch + 0.05, `${name}: fgMismatch ${scores.fgMismatch} against the PNG's ${fromPng.scores.fgMismatch}`);
    }
  });

  it('does not let the codec pull down the score of a lossy design, and says it is lossy', async () => {
    const design = await saved('form-q70.jpg', (s) => s.jpeg({ quality: 70 }));
    // The very component the design was made from: a perfect answer.
    const { scores, render } = await scoreComponent(renderer, design, form);
    const naive = compare(design.image, render).scores;
    assert.equal(scores.lossyQuality, design.lossy!.quality);
    assert.ok(scores.mismatch < naive.mismatch / 2, `through the codec ${scores.mismatch}, naive ${naive.mismatch}`);
    assert.ok(scores.score >= 0.95, `score ${scores.score}`);
    assert.equal((await scoreComponent(renderer, await readDesign(pngFile), form)).scores.lossyQuality, undefined);
  });
});

describe('pale boxes saved as JPEG at quality 70', () => {
  // Design2Code's FAQ page (d2c-060) in small: pale answer boxes 13 px apart with 1 px borders of a strong hue, and a
  // saturated blue bar beside a column of text. At quality 70 the codec's chroma bleeds across the gaps, joining every
  // box (and the text) into one component that is no box, and smears each border over a different number of rows on
  // each side: every box was lost.
  const answers = [
    ['#fff6bf', '#ffd324', 'When i try to start an application, i get an error.', 'Install the framework first.'],
    ['#e6efc2', '#c6d880', 'Do users have to download and install it?', 'No. It is already installed.'],
    ['#fff6bf', '#ffd324', 'Do i have to pay for the tools?', 'No, the tools are free of charge.'],
    ['#e6efc2', '#c6d880', 'Are the tools overclocking my computer?', 'No, they do not change your hardware.'],
  ];
  const page = `export default function Faq() {
  return (
    <div style={{ width: 800, height: 560, background: '#f6f6f6', fontFamily: 'DejaVu Sans, sans-serif', fontSize: 13 }}>
      <div style={{ position: 'absolute', left: 40, top: 20, width: 180, height: 120, background: '#0000fe' }} />
      <p style={{ position: 'absolute', left: 246, top: 30, margin: 0, width: 500, color: '#333' }}>Frequently asked questions about the tools, and their answers below.</p>
      ${answers.map(([fill, border, q, a], i) => `<div style={{ position: 'absolute', left: 40, top: ${170 + i * 90}, width: 700, height: 75, boxSizing: 'border-box', background: '${fill}', border: '1px solid ${border}', padding: '8px 10px', color: '#514721' }}><b>${q}</b><br />${a}</div>`).join('\n      ')}
    </div>
  );
}
`;
  it('finds each box at its place with its border, and the blue bar at its size without one', async () => {
    const shot = await renderer.render(page, { width: 800, height: 560, deviceScaleFactor: 1 });
    const png = path.join(dir, 'faq.png');
    fs.writeFileSync(png, encodePng(shot.image));
    const file = path.join(dir, 'faq.jpg');
    fs.writeFileSync(file, await sharp(png).jpeg({ quality: 70 }).toBuffer());
    const design = await readDesign(file);
    assert.equal(design.lossy?.quality, 70);
    const boxes = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...boxes(r.children)]);
    const found = boxes((await analyzeDesign(design)).regions);
    const all = JSON.stringify(found.map(({ x, y, width, height, fill, border }) => [x, y, width, height, fill, border?.color]));
    const near = (r: Region, x: number, y: number, width: number, height: number) =>
      Math.abs(r.x - x) <= 1 && Math.abs(r.y - y) <= 1 && Math.abs(r.width - width) <= 2 && Math.abs(r.height - height) <= 2;
    answers.forEach(([fill], i) => {
      const box = found.find((r) => near(r, 40, 170 + i * 90, 700, 75));
      assert.ok(box?.border, `answer ${i} at 40,${170 + i * 90} 700x75 with a border: ${all}`);
      const rgb = [1, 3, 5].map((k) => parseInt(fill.slice(k, k + 2), 16)) as [number, number, number];
      assert.ok(colorDistance(box.fill, rgb) <= 6, `answer ${i} fill ${box.fill} for ${fill}`);
    });
    const bar = found.find((r) => near(r, 40, 20, 180, 120));
    assert.ok(bar && !bar.border, `blue bar at 40,20 180x120 without a border: ${all}`);
    // Nothing else outside them: no halo strips beside a box (strokes of bold text inside one are another matter).
    const kept = found.filter((r) => r === bar || answers.some((_, i) => near(r, 40, 170 + i * 90, 700, 75)));
    const within = (r: Region, b: Region) => r.x >= b.x && r.y >= b.y && r.x + r.width <= b.x + b.width && r.y + r.height <= b.y + b.height;
    assert.deepEqual(found.filter((r) => !kept.some((b) => within(r, b))), [], all);
    assert.equal(kept.length, 5, all);
  });
});

/** flame-27 in small: a dropdown and a notes field outlined in the browser's greys, a serif title, a sans sentence. */
const notesPage = `export default function Notes() {
  return (
    <div style={{ position: 'relative', width: 640, height: 320, background: '#fafafa', fontFamily: 'Cousine, monospace' }}>
      <div style={{ position: 'absolute', left: 40, top: 28, width: 560, height: 39, boxSizing: 'border-box', border: '1px solid #767676', borderRadius: 5, background: '#fff', padding: '10px 16px', fontFamily: 'Arimo', fontSize: 13.33, color: '#000' }}>Select Book</div>
      <div style={{ position: 'absolute', left: 40, top: 88, width: 560, height: 120, boxSizing: 'border-box', border: '1px solid #ccc', borderRadius: 5, background: '#fff', padding: 10, fontSize: 13.33, color: '#757575' }}>Please enter your reading notes here.</div>
      <div style={{ position: 'absolute', left: 280, top: 230, fontFamily: 'Tinos', fontSize: 20, fontWeight: 700, color: '#222' }}>Reading list</div>
      <div style={{ position: 'absolute', left: 40, top: 270, fontFamily: 'Arimo', fontSize: 14, color: '#333' }}>Choose a book and write what you thought of it</div>
    </div>
  );
}`;

describe('fractional scales', () => {
  it('reads a scale suffix anywhere among the @ suffixes', () => {
    assert.equal(scaleFromName('plans@1.25x.png'), 1.25);
    assert.equal(scaleFromName('plans@1.5x.png'), 1.5);
    assert.equal(scaleFromName('plans@1.75X.jpg'), 1.75);
    assert.equal(scaleFromName('plans@mobile@1.5x.png'), 1.5);
    assert.equal(scaleFromName('plans@1.5x@mobile.png'), 1.5);
    assert.equal(scaleFromName('plans@mobile.png'), 1);
    assert.equal(scaleFromName('plans@9x.png'), 1);
    assert.equal(scaleFromName('user@example.png'), 1);
  });

  it('turns a @1.5x design into a component at CSS size, with every reported size in CSS px', async () => {
    const shot = await renderer.render(form, { ...size, deviceScaleFactor: 1.5 });
    assert.equal(shot.image.width, 960);
    const file = path.join(dir, 'form@mobile@1.5x.png');
    fs.writeFileSync(file, encodePng(shot.image));
    const design = await readDesign(file);
    assert.equal(design.scale, 1.5);
    assert.deepEqual([design.cssWidth, design.cssHeight], [640, 480]);
    const code = await convert(design);
    const { scores, render } = await scoreComponent(renderer, design, code);
    assert.deepEqual([scores.width, scores.height, scores.renderedWidth, scores.renderedHeight], [640, 480, 640, 480]);
    assert.equal(render.viewport.deviceScaleFactor, 1.5);
    // The component itself is laid out in CSS px: its outer box is the design's CSS size, not its pixel size.
    const outer = render.elements.filter((e) => e.depth <= 1).sort((a, b) => b.width * b.height - a.width * a.height)[0];
    assert.ok(outer && Math.abs(outer.width - 640) <= 1 && Math.abs(outer.height - 480) <= 1, `outer box ${outer?.width}x${outer?.height}`);
    assert.ok(scores.score >= 0.85, `score ${scores.score}`);
  });

  it('reads every word of a design enlarged to @1.5x by Lanczos resampling, and keeps its outlined fields', async () => {
    // The 1x screenshot enlarged as an image editor does: Lanczos rings beside every edge, and scaled back to CSS size
    // the rings stay. Rows of ringing through a word were taken for separators and blanked before OCR
    // ("Create account" read "Create avuoiiiit"), and a field's border spread over two faint pixels was lost.
    const shot = await renderer.render(form, { ...size, deviceScaleFactor: 1 });
    const file = path.join(dir, 'form-enlarged@1.5x.png');
    fs.writeFileSync(file, await sharp(encodePng(shot.image)).resize(960, 720, { kernel: 'lanczos3' }).png().toBuffer());
    const design = await readDesign(file);
    assert.equal(design.scale, 1.5);
    const analysis = await analyzeDesign(design);
    const words = (texts: Array<{ text: string }>): string[] => texts.map((t) => t.text).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const read = words(analysis.lines);
    const missing = words(shot.texts).filter((w) => !read.includes(w));
    assert.deepEqual(missing, [], `read: ${analysis.lines.map((l) => l.text).join(' | ')}`);
    // The four fields (320x40, 1 px grey border) are boxes with a border, as in the 1x design.
    const boxes = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...boxes(r.children)]);
    const fields = boxes(analysis.regions).filter((r) => r.border && Math.abs(r.width - 320) <= 3 && Math.abs(r.height - 40) <= 3);
    assert.equal(fields.length, 4, `fields: ${JSON.stringify(boxes(analysis.regions).map(({ x, y, width, height, border }) => [x, y, width, height, border?.width]))}`);
    // At CSS size, with every word in the component it writes.
    const { scores, render } = await scoreComponent(renderer, design, await convert(design));
    assert.deepEqual([scores.width, scores.height, scores.renderedWidth, scores.renderedHeight], [640, 480, 640, 480]);
    const drawn = words(render.texts);
    assert.deepEqual(words(shot.texts).filter((w) => !drawn.includes(w)), []);
  });
  it('fits the fonts of a design enlarged to @1.5x by Lanczos as at 1x, comparing blurred glyphs with blurred candidates', async () => {
    // Candidates measured sharp against the blurred glyphs: every design line a pixel wider and taller and paler than
    // any candidate's, and the family whose ink is tallest at a width won Arimo's labels ("Email" was Tinos,
    // "Password" DejaVu Sans).
    const shot = await renderer.render(form, { ...size, deviceScaleFactor: 1 });
    const file = path.join(dir, 'form-fonts@1.5x.png');
    fs.writeFileSync(file, await sharp(encodePng(shot.image)).resize(960, 720, { kernel: 'lanczos3' }).png().toBuffer());
    const texts = await designTypography(await readDesign(file), renderer);
    // The sizes GreenForm.tsx gives each text.
    const sizes: Record<string, number> = { 'Create account': 24, 'Free plan': 18, 'Three projects': 14, 'Sign up': 16, 'Full name': 14, Email: 14, Password: 14, Company: 14, 'Jane Doe': 15, 'jane@example.com': 15, 'At least 8 characters': 15, 'Acme Inc': 15 };
    assert.deepEqual(texts.map((t) => t.text).sort(), Object.keys(sizes).sort());
    assert.deepEqual(texts.filter((t) => t.fontFamily !== 'Arimo').map((t) => `${t.text}: ${t.fontFamily}`), []);
    for (const t of texts) assert.ok(Math.abs(t.fontSize - sizes[t.text]) <= 1, `${t.text}: ${t.fontSize} px for ${sizes[t.text]}`);
  });

  it('tells a short sans label from a bold serif one at @1.5x by where the blurred grey falls', async () => {
    // flame-27's dropdown: blurred, Tinos bold covers "Select Book" within a pixel as well as Arimo does, and its ink
    // is as tall, so the label was written in Times bold. The grey of the blurred glyphs still tells them apart.
    const shot = await renderer.render(notesPage, { width: 640, height: 320, deviceScaleFactor: 1 });
    const file = path.join(dir, 'notes@1.5x.png');
    fs.writeFileSync(file, await sharp(encodePng(shot.image)).resize(960, 480, { kernel: 'lanczos3' }).png().toBuffer());
    const texts = await designTypography(await readDesign(file), renderer);
    const faces = Object.fromEntries(texts.map((t) => [t.text, `${t.fontFamily} ${t.fontWeight}`]));
    assert.deepEqual(faces, {
      'Select Book': 'Arimo 400',
      'Please enter your reading notes here.': 'Cousine 400',
      'Reading list': 'Tinos 700',
      'Choose a book and write what you thought of it': 'Arimo 400',
    });
  });

  it('keeps outlined fields of a design enlarged to @1.5x and then saved as JPEG', async () => {
    // A laptop's 1.5x screenshot pasted into a chat app: blurred, then compressed. The dropdown's frame rings a few
    // rows past its lines and the component reached over the ringing: its frame was not found, and it became two
    // grey strips.
    const shot = await renderer.render(notesPage, { width: 640, height: 320, deviceScaleFactor: 1 });
    const file = path.join(dir, 'notes-chat@1.5x.jpg');
    fs.writeFileSync(file, await sharp(encodePng(shot.image)).resize(960, 480, { kernel: 'lanczos3' }).jpeg({ quality: 80 }).toBuffer());
    const design = await readDesign(file);
    assert.ok(design.lossy && design.scale === 1.5);
    const boxes = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...boxes(r.children)]);
    const found = boxes((await analyzeDesign(design)).regions);
    const all = JSON.stringify(found.map(({ x, y, width, height, border }) => [x, y, width, height, border?.color]));
    for (const [want, color] of [[[40, 28, 560, 39], [118, 118, 118]], [[40, 88, 560, 120], [204, 204, 204]]] as const) {
      const box = found.find((r) => r.border && [r.x, r.y, r.width, r.height].every((v, i) => Math.abs(v - want[i]) <= 1));
      assert.ok(box?.border, `a box at ${want} with a border: ${all}`);
      assert.ok(colorDistance(box.border.color, [...color]) <= 16, `border ${box.border.color} for ${color}`);
    }
    assert.deepEqual(found.filter((r) => Math.min(r.width, r.height) <= 2).map(({ x, y, width, height }) => [x, y, width, height]), [], 'no strips');
  });

  it('keeps a thick rule of a design enlarged to @1.5x at its thickness and in its colour, not in the blur of it', async () => {
    // A page's 4 px footer rule joined to faint side lines, as on a Design2Code page: blurred, its rows ripple apart
    // and the strip's commonest colour is a blend with the white (or white itself, and the rule was lost).
    const page = `export default function Footer() {
  return (
    <div style={{ position: 'relative', width: 640, height: 360, background: '#ffffff', fontFamily: 'Arimo' }}>
      <div style={{ position: 'absolute', left: 40, top: 24, width: 560, height: 280, borderLeft: '1px solid #f3f3f3', borderRight: '1px solid #f3f3f3', borderBottom: '4px solid #1e8fb5' }} />
      <div style={{ position: 'absolute', left: 60, top: 48, fontSize: 16, color: '#111827' }}>A page whose footer rule is four pixels thick</div>
    </div>
  );
}`;
    const shot = await renderer.render(page, { width: 640, height: 360, deviceScaleFactor: 1 });
    const file = path.join(dir, 'rule@1.5x.png');
    fs.writeFileSync(file, await sharp(encodePng(shot.image)).resize(960, 540, { kernel: 'lanczos3' }).png().toBuffer());
    const boxes = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...boxes(r.children)]);
    const found = boxes((await analyzeDesign(await readDesign(file))).regions);
    const rule = found.find((r) => r.width >= 550 && r.height <= 8 && Math.abs(r.y - 304) <= 2);
    assert.ok(rule, `regions: ${JSON.stringify(found.map(({ x, y, width, height, fill }) => [x, y, width, height, fill]))}`);
    assert.ok(Math.abs(rule.height - 4) <= 1, `rule ${rule.height} px thick`);
    assert.ok(colorDistance(rule.fill, [30, 143, 181]) <= 24, `rule colour ${rule.fill}`);
  });
});

describe('a registration form with a strong button and checkboxes, as JPEG and enlarged to @1.5x', () => {
  // flame-17 in small: white words on a magenta button, checkboxes with serif labels on a pink page, and a grey
  // button and a field outlined in #767676 (the browser's own control colours, as flame-27's).
  const page = `export default function Register() {
  return (
    <div style={{ position: 'relative', width: 640, height: 320, background: '#fce4ec', fontFamily: 'Tinos, serif' }}>
      <div style={{ position: 'absolute', left: 40, top: 24, width: 400, height: 38, boxSizing: 'border-box', background: '#ffffff', border: '1px solid #767676', borderRadius: 4 }} />
      ${['art workshop', 'tech workshop', 'business workshop'].map((w, i) => `<label style={{ position: 'absolute', left: ${40 + (i % 2) * 260}, top: ${90 + Math.floor(i / 2) * 44}, display: 'flex', gap: 40, alignItems: 'center', color: '#c2185b', fontSize: 16 }}><input type="checkbox" style={{ margin: 0, width: 14, height: 14 }} />${w}</label>`).join('\n      ')}
      <button type="button" style={{ position: 'absolute', left: 40, top: 190, width: 200, height: 39, border: 'none', borderRadius: 4, background: '#ad1457', color: '#ffffff', fontFamily: 'Arimo, sans-serif', fontSize: 14 }}>Submit registration</button>
      <div style={{ position: 'absolute', left: 40, top: 270, width: 560, height: 1, background: '#c0c0c0' }} />
      <button type="button" style={{ position: 'absolute', left: 300, top: 200, width: 66, height: 21, boxSizing: 'border-box', border: '1px solid #767676', borderRadius: 3, background: '#efefef', color: '#000000', fontFamily: 'Arimo, sans-serif', fontSize: 13, padding: 0 }}>Add note</button>
    </div>
  );
}`;
  const boxes = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...boxes(r.children)]);
  const near = (r: Region, x: number, y: number, width: number, height: number) =>
    Math.abs(r.x - x) <= 2 && Math.abs(r.y - y) <= 2 && Math.abs(r.width - width) <= 3 && Math.abs(r.height - height) <= 3;
  let png = '';
  before(async () => {
    const shot = await renderer.render(page, { width: 640, height: 320, deviceScaleFactor: 1 });
    png = path.join(dir, 'register.png');
    fs.writeFileSync(png, encodePng(shot.image));
  });

  it('reads every label and finds every checkbox at quality 95 and 70', async () => {
    // At 95 a row of the magenta's ringing along "registration" was masked as a rule before OCR, and rows of halo
    // through the serif labels were taken for 3 px boxes and blanked ("tech wuLRalup"); a checkbox's frame was read
    // as "[I]". At 70 the marks were grown over their halo and judged radio buttons or images.
    for (const q of [95, 70]) {
      const file = path.join(dir, `register-${q}.jpg`);
      fs.writeFileSync(file, await sharp(png).jpeg({ quality: q }).toBuffer());
      const analysis = await analyzeDesign(await readDesign(file));
      const lines = analysis.lines.map((l) => l.text);
      for (const want of ['art workshop', 'tech workshop', 'business workshop', 'Submit registration']) assert.ok(lines.includes(want), `q${q}: "${want}" in ${JSON.stringify(lines)}`);
      const found = boxes(analysis.regions);
      const checks = found.filter((r) => r.control?.type === 'checkbox');
      assert.equal(checks.length, 3, `q${q}: ${JSON.stringify(found.map(({ x, y, width, height, kind, control }) => [x, y, width, height, kind, control?.type]))}`);
      // The separator is the one strip: none inside a word.
      assert.deepEqual(found.filter((r) => Math.min(r.width, r.height) <= 3).map(({ x, y, width, height }) => [x, y, width, height]), [[40, 270, 560, 1]], `q${q}: strips`);
    }
  });

  it('finds the grey button with its border at @1.5x, and draws 1 px borders and rules in their own colour, not their blur', async () => {
    // Enlarged and brought back to CSS size, a 1 px #767676 border comes back as a 155 grey spread over two pixels,
    // and the grey button's fill (239) as 236 to 243 beside its label: the button was lost (an 8x18 image).
    const file = path.join(dir, 'register@1.5x.png');
    fs.writeFileSync(file, await sharp(png).resize(960, 480, { kernel: 'lanczos3' }).png().toBuffer());
    const found = boxes((await analyzeDesign(await readDesign(file))).regions);
    const all = JSON.stringify(found.map(({ x, y, width, height, fill, border }) => [x, y, width, height, fill, border?.color]));
    const grey = found.find((r) => near(r, 300, 200, 66, 21));
    assert.ok(grey?.border, `grey button at 300,200 66x21 with a border: ${all}`);
    assert.ok(colorDistance(grey.fill, [239, 239, 239]) <= 6, `fill ${grey.fill}`);
    const field = found.find((r) => near(r, 40, 24, 400, 38));
    assert.ok(field?.border, `field at 40,24 400x38 with a border: ${all}`);
    assert.ok(colorDistance(field.border.color, [118, 118, 118]) <= 16, `field border ${field.border.color} for #767676`);
    // The blur spreads a 1 px border towards the right and the bottom: measured to its faint side, each outlined box
    // came out a pixel wider and taller than the design's, its border drawn on the blend.
    for (const [box, want] of [[field, [40, 24, 400, 38]], [grey, [300, 200, 66, 21]]] as const) {
      assert.deepEqual([box.x, box.y, box.width, box.height], want, `outlined box on its border's core: ${all}`);
    }
    // A 1 px #c0c0c0 separator came back as two rows of 209 and 228, and was drawn 2 px thick in one of them.
    const rule = found.find((r) => r.width >= 550 && Math.abs(r.y - 270) <= 1 && r.height <= 2);
    assert.ok(rule, `separator at y 270: ${all}`);
    assert.equal(rule.height, 1, `separator ${rule.height} px thick`);
    assert.ok(colorDistance(rule.fill, [192, 192, 192]) <= 12, `separator ${rule.fill} for #c0c0c0`);
  });
});
