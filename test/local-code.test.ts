// The local engine's code is code a developer keeps: components of our own, rendered to PNG, come back with repeated
// parts as data and one `.map`, clean values, flowing text, a root that fills its parent, landmarks on pages, real
// font stacks, and they compile under `tsc --strict --noUnusedLocals` and render within tolerance of the design.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import type { Design } from '../src/types.js';
import ts from 'typescript';
import { fontStack } from '../src/render/fonts.js';
import { checkPolicy } from '../src/validate/policy.js';
import { fixturesDir, repoRoot, tempDir } from './support/paths.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import { lintProblems } from './support/lint.js';
import { fieldType } from '../src/generate/local/semantics.js';
import { designOf as designFromFixture } from './support/design-of.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();

const designOf = (name: string, width: number, height: number): Promise<Design> => designFromFixture(renderer, dir, name, width, height);

async function convert(name: string, width: number, height: number) {
  const design = await designOf(name, width, height);
  const { code } = await createLocalProvider().generate({ design, renderer });
  if (process.env.UI2CODE_SHOW_CODE) console.log(code);
  const render = await renderer.render(code, { width, height, deviceScaleFactor: 1 });
  return { design, code, render, scores: compare(design.image, render).scores };
}

/** The diagnostics of `tsc --strict --noUnusedLocals` (react-jsx, React's types) on one component. */
function typeErrors(code: string): string[] {
  const file = path.join(repoRoot, '__generated__', 'Component.tsx');
  const options: ts.CompilerOptions = {
    strict: true, noUnusedLocals: true, noUnusedParameters: true, noEmit: true, jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, types: ['react'],
    typeRoots: [path.join(repoRoot, 'node_modules/@types')], skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, code, language, true, ts.ScriptKind.TSX) : getSourceFile.call(host, name, language, ...rest));
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? code : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The px values the component writes for sizes and places (letter spacing aside: fractions of a pixel are its unit). */
const lengths = (code: string) =>
  [...code.matchAll(/\b(margin\w*|width|height|maxWidth|minHeight|gap|top|left|fontSize|borderRadius|lineHeight|padding\w*): "?(-?[\d.]+)/g)].map((m) => [m[1], Number(m[2])] as const);

describe('local engine code', () => {
  it('three equal cards become one sub-component and one .map', async () => {
    const { code, scores } = await convert('ThreePlans', 800, 480);
    assert.deepEqual(checkPolicy(code), [], 'the output passes the safety policy');
    assert.equal(code.match(/\.map\(/g)?.length, 1, code);
    assert.match(code, /^function \w+\(\{ [\w, ]+ \}: \w+Props\)/m, 'a sub-component with typed props');
    assert.ok(scores.mismatch <= 0.02, `mismatch ${scores.mismatch}`);
    // The data names the copies by their content, and the key is one of its own fields.
    assert.match(code, /"Basic plan"[^\n]*\n[^\n]*"Team plan"[^\n]*\n[^\n]*"Scale plan"/);
    assert.match(code, /key=\{\w+\.\w+\}/);
    assert.deepEqual(typeErrors(code), [], 'tsc --strict --noUnusedLocals');
    assert.deepEqual(await lintProblems(code), [], "ESLint's recommended React and TypeScript rules");
    // One top heading; the card titles rank under it; prices are not headings.
    assert.equal(code.match(/<h1\b/g)?.length, 1, code);
    assert.match(code, /<h1\b[^>]*>Choose a plan</);
    assert.doesNotMatch(code, /<h\d\b[^>]*>\{?\w*\.?price/);
    // Clean values: whole pixels; texts that fit flow without a width; the root fills its parent up to the design.
    assert.deepEqual(lengths(code).filter(([, n]) => !Number.isInteger(n)), [], 'no fractional px');
    assert.doesNotMatch(code, /<(p|h1|h2)\b[^>]*\bwidth:/, 'no fixed width on a text that fits');
    assert.doesNotMatch(code, /whiteSpace/);
    assert.match(code, /width: "100%", maxWidth: 800, minHeight: 480/);
    assert.match(code, /fontFamily: "Arial, Helvetica, sans-serif"/, 'the root sets the font stack once');
    assert.equal(code.match(/fontFamily/g)?.length, 1, 'texts inherit it');
  });

  it('a page with a menu band and a footer band gets header, nav, main and footer', async () => {
    const { code, scores } = await convert('Landing', 1280, 760);
    assert.deepEqual(checkPolicy(code), []);
    assert.deepEqual(typeErrors(code), [], 'tsc --strict --noUnusedLocals');
    assert.deepEqual(await lintProblems(code), []);
    assert.ok((code.match(/<h1\b/g)?.length ?? 0) <= 1, 'at most one top heading');
    for (const tag of ['header', 'nav', 'main', 'footer']) assert.match(code, new RegExp(`<${tag}\\b`), `<${tag}>`);
    assert.ok(code.indexOf('<nav') > code.indexOf('<header') && code.indexOf('<nav') < code.indexOf('</header>'), 'the menu is in the header');
    assert.match(code, /<nav\b[^>]*>\s*<ul\b[^>]*>\s*<li\b/, 'the menu is a list in the nav');
    assert.ok(scores.mismatch <= 0.02, `mismatch ${scores.mismatch}`);
  });

  it('a sign-in form gets labels tied to typed fields, and one top heading', async () => {
    const { code, scores } = await convert('SignIn', 800, 560);
    assert.deepEqual(checkPolicy(code), []);
    assert.deepEqual(typeErrors(code), [], 'tsc --strict --noUnusedLocals');
    assert.deepEqual(await lintProblems(code), []);
    const label = (text: string) => code.match(new RegExp(`<label htmlFor="([\\w-]+)"[^>]*>${text}</label>`))?.[1];
    const field = (id: string) => code.match(new RegExp(`<input id="${id}" type="(\\w+)"`))?.[1];
    const email = label('Email address'), password = label('Password');
    assert.ok(email && password && email !== password, code);
    assert.equal(field(email), 'email', 'the email field is typed from its caption and placeholder');
    assert.equal(field(password), 'password', 'the password field is masked');
    assert.equal(code.match(/<h1\b/g)?.length, 1);
    assert.match(code, /<h1\b[^>]*>Welcome back</);
    assert.match(code, /<h2\b[^>]*>Sign in to continue</);
    assert.ok(scores.mismatch <= 0.02, `mismatch ${scores.mismatch}`);
  });

  it('a field takes its type from its caption or placeholder', () => {
    assert.equal(fieldType('Email', ''), 'email');
    assert.equal(fieldType('', 'jane@acme.io'), 'email');
    assert.equal(fieldType('Password', ''), 'password');
    assert.equal(fieldType('', '••••••••'), 'password');
    assert.equal(fieldType('Phone number', ''), 'tel');
    assert.equal(fieldType('', 'Search products'), 'search');
    assert.equal(fieldType('Website', ''), 'url');
    assert.equal(fieldType('Full name', 'Jane Doe'), 'text');
    assert.equal(fieldType('Company', 'Acme'), 'text');
  });

  it("a paragraph's wrapped lines are one element that wraps where the design does", async () => {
    const { code, render, scores } = await convert('Article', 640, 480);
    const first = 'Our team planted three hundred young oaks along the river this spring, and most of them have already put out their first leaves.';
    const second = 'Volunteers water them every Saturday morning until the autumn rains arrive.';
    // One DOM text per paragraph: the browser wraps it, and the render draws it where the design has its lines.
    const texts = render.texts.map((t) => t.text);
    assert.ok(texts.includes(first) && texts.includes(second), `${JSON.stringify(texts)}\n${code}`);
    const lines = (text: string) => render.texts.find((t) => t.text === text)!.height / 24;
    assert.equal(Math.round(lines(first)), 3, 'the first paragraph wraps into its three lines');
    assert.equal(Math.round(lines(second)), 2);
    // Lines that only stack (short, each a paragraph of its own) stay apart, and so does the title over the text.
    assert.ok(texts.includes('Tools') && texts.includes('Gloves') && texts.includes('Field notes'), JSON.stringify(texts));
    assert.doesNotMatch(code, /whiteSpace/);
    assert.ok(scores.mismatch <= 0.005 && scores.fgMismatch <= 0.01, JSON.stringify(scores));
    assert.deepEqual(checkPolicy(code), []);
    assert.deepEqual(typeErrors(code), [], 'tsc --strict --noUnusedLocals');
  });

  it('a paragraph wrapped differently on desktop and on a phone is one text of one responsive component', async () => {
    // fixtures/responsive/story.tsx: two lines at 960 px, three at 375 px, each width's lines one paragraph.
    const source = fs.readFileSync(path.join(fixturesDir, 'responsive', 'story.tsx'), 'utf8');
    const widths: Design[] = [];
    for (const [width, height, name] of [[960, 240, 'story.png'], [375, 300, 'story@mobile.png']] as const) {
      const shot = await renderer.render(source, { width, height, deviceScaleFactor: 1 });
      fs.writeFileSync(path.join(dir, name), encodePng(shot.image));
      widths.push(await readDesign(path.join(dir, name)));
    }
    const { code, css } = await createLocalProvider().generate({ design: widths[0], widths, renderer, name: 'Story', style: 'css-modules' });
    const text = 'For ten years the town planted willows along the banks, and now the water runs clear again from the old mill to the sea.';
    assert.equal(code.split(text).length - 1, 1, `the paragraph is written once, whole:\n${code}`);
    assert.doesNotMatch(`${code}${css}`, /display: none/, 'no lines kept for one width and hidden at the other');
    for (const design of widths) {
      const render = await renderer.render(code, { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 }, { files: { 'Story.module.css': css! } });
      assert.deepEqual(render.texts.map((t) => t.text), ['How the river came back', text], `${design.cssWidth} px`);
      const { mismatch } = compare(design.image, render).scores;
      assert.ok(mismatch <= 0.005, `${design.cssWidth} px: mismatch ${mismatch}`);
    }
  });

  it('a main panel takes what its sidebar leaves, a field follows the panel, a button is padded round its label', async () => {
    const { code, scores } = await convert('Workspace', 800, 480);
    assert.deepEqual(checkPolicy(code), []);
    const tag = (pattern: RegExp) => code.match(pattern)?.[0] ?? assert.fail(`${pattern} in:\n${code}`);
    const panel = tag(/<div\b[^>]*>\s*<h1\b/);
    assert.match(panel, /flex: 1\b/, 'the main panel flexes');
    assert.doesNotMatch(panel, /\bwidth: \d/, 'and has no width of its own');
    assert.match(code, /flexShrink: 0, width: 200\b/, 'the sidebar keeps its width');
    assert.doesNotMatch(tag(/<input\b[^>]*\/>/), /\bwidth: \d/, 'the field, 6 px short of the panel\'s padding, stretches');
    const save = tag(/<button\b[^>]*>Save changes</);
    assert.match(save, /padding: "0 (1[89]|20)px"/, '(144 - the label) / 2 each side');
    assert.doesNotMatch(save, /\bwidth: \d/);
    assert.equal(code.match(/width: 96\b/g)?.length, 2, 'the pager buttons share one width');
    assert.ok(scores.mismatch <= 0.006, `mismatch ${scores.mismatch}`);
  });

  it('two columns whose lines do not line up are read as two columns, not as rows across both', async () => {
    const { code, scores } = await convert('Bulletin', 960, 600);
    assert.deepEqual(checkPolicy(code), []);
    const at = (text: string) => code.indexOf(text) >= 0 ? code.indexOf(text) : assert.fail(`${text} in:\n${code}`);
    // Column by column: the whole news column is written before the contact column begins.
    assert.ok(at('School concert raises funds for the park') < at('Contact'), code);
    assert.ok(at('Phone 555 0199') < at('Saturday 10 to 14'));
    // No line carries a width to hold a line of the other column in place.
    assert.doesNotMatch(code, /<(p|h1|h2|li)\b[^>]*\bwidth: \d/, 'no fixed width on a text');
    assert.ok(scores.mismatch <= 0.01, `mismatch ${scores.mismatch}`);
  });

  it("small components get no landmarks: a card is not a page", async () => {
    const { code } = await convert('ThreePlans', 800, 480);
    assert.doesNotMatch(code, /<(header|main|footer|nav)\b/);
  });

  it('font stacks draw exactly what the bundled family draws', async () => {
    const shot = async (family: string, weight: number) =>
      (await renderer.render(`export default () => <p style={{ margin: 0, fontFamily: ${JSON.stringify(family)}, fontWeight: ${weight}, fontSize: 19 }}>Quick brown fox jumps 0123 $9.99</p>`, { width: 420, height: 40, deviceScaleFactor: 1 })).image.data;
    for (const family of ['Arimo', 'Tinos', 'Cousine', 'DejaVu Sans', 'DejaVu Serif', 'Inter']) {
      const stack = fontStack(family);
      assert.match(stack, /(sans-serif|serif|monospace)$/, `${stack} ends in a generic family`);
      for (const weight of [400, 700]) assert.ok(Buffer.from(await shot(stack, weight)).equals(Buffer.from(await shot(`'${family}'`, weight))), `${stack} ${weight} draws ${family}`);
    }
    assert.equal(fontStack('Arimo'), 'Arial, Helvetica, sans-serif');
    assert.equal(fontStack('Tinos'), "'Times New Roman', Times, serif");
  });
});

describe('local engine code on a 4 px layout', () => {
  it('icon rows and swatches become two .maps, the card stretches, and the lengths sit on the grid', async () => {
    const { code, scores } = await convert('IconRows', 480, 360);
    assert.ok(scores.mismatch <= 0.01, `mismatch ${scores.mismatch}`);
    assert.equal(code.match(/\.map\(/g)?.length, 2, code);
    assert.match(code, /"Notifications"[^\n]*\n[^\n]*"Privacy and security"[^\n]*\n[^\n]*"Connected accounts"/, 'the rows are data');
    assert.match(code, /\{ id: 1 \},\n {2}\{ id: 2 \},\n {2}\{ id: 3 \},\n {2}\{ id: 4 \},/, 'the swatches, alike in every value, are mapped over ids');
    // The card fills the content box without a width: flex's own stretch (its column says no alignItems).
    assert.match(code, /maxWidth: 432, display: "flex", flexDirection: "column" \}/, 'the column stretches its items');
    assert.doesNotMatch(code, /width: 432\b/, 'no width of the content box');
    // Lengths a layout sets (sizes, places, spacing, line heights): on the grid, as the design has them. Radii go to
    // the theme's scale (2, 6 px are steps of it), font sizes to whole pixels or the theme's.
    const layout = lengths(code).filter(([k]) => !['fontSize', 'borderRadius', 'maxWidth', 'minHeight'].includes(k));
    const off = layout.filter(([, n]) => n % 4 !== 0);
    assert.ok(off.length <= layout.length * 0.1, `off the grid: ${JSON.stringify(off)} of ${layout.length}\n${code}`);
    assert.deepEqual(typeErrors(code), [], 'tsc --strict --noUnusedLocals');
    assert.deepEqual(await lintProblems(code), []);
  });
});
