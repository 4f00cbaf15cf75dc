// Output styles end to end: the style option and its `auto`, the theme, the CSS policy, the two sinks, the two-file
// writer, and components of our own in each style rendered against the design their inline twin draws.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import { scoreComponent } from '../src/compare/score-component.js';
import { readDesign } from '../src/intake/decode.js';
import { extractComponent } from '../src/extract/extract.js';
import { createCssModuleSink } from '../src/generate/local/sinks/css-modules.js';
import { createTailwindSink } from '../src/generate/local/sinks/tailwind.js';
import { applyThemeCss, applyV3Theme, defaultTheme, loadTheme, resolveStyle } from '../src/generate/theme.js';
import { checkCssPolicy, checkTailwindClasses } from '../src/validate/css.js';
import { checkPolicy } from '../src/validate/policy.js';
import { writeComponent } from '../src/write/component.js';
import { parseHeader } from '../src/write/header.js';
import { readManifest } from '../src/write/manifest.js';
import { glmStream, mockModel } from './support/mock-model.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { runCli } from './support/cli.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();

function project(pkg: Record<string, unknown> = { name: 'app' }): string {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  return root;
}

const cli = runCli;

// The engine's known Card (fixtures/engine/Card.tsx, whose render is card.png), written by hand in the two other styles.
const cardModule = {
  code: `import React from 'react';
import styles from './Card.module.css';

export default function Card() {
  return (
    <div className={styles.card}>
      <h1 className={styles.title}>Monthly report</h1>
      <p className={styles.summary}>Revenue grew 12% against last month.</p>
      <div className={styles.tiles}>
        <div className={styles.tile} style={{ background: '#3b82f6' }} />
        <div className={styles.tile} style={{ background: '#10b981' }} />
        <div className={styles.tile} style={{ background: '#f59e0b' }} />
      </div>
      <button className={styles.open}>Open dashboard</button>
    </div>
  );
}
`,
  css: `.card {
  --color-ink: #1f2a44;
  width: 400px;
  height: 300px;
  background: #f4f6fb;
  font-family: Arial, sans-serif;
  padding: 24px;
  box-sizing: border-box;
}
.title { margin: 0; font-size: 28px; color: var(--color-ink); }
.summary { margin: 12px 0 20px; font-size: 15px; color: #4a5568; }
.tiles { display: flex; gap: 16px; }
.tile { width: 100px; height: 80px; border-radius: 8px; }
.open { margin-top: 20px; padding: 8px 16px; background: var(--color-ink); color: #fff; border: 0; border-radius: 6px; font-size: 14px; }
`,
};

// Tailwind's preflight sets line-height 1.5 and makes headings and buttons inherit: the component says what it means.
const cardTailwind = `import React from 'react';

export default function Card() {
  return (
    <div className="w-100 h-75 bg-[#f4f6fb] font-[Arial,sans-serif] p-6 box-border leading-[normal]">
      <h1 className="m-0 text-[28px] font-bold text-[#1f2a44]">Monthly report</h1>
      <p className="mt-3 mb-5 text-[15px] text-[#4a5568]">Revenue grew 12% against last month.</p>
      <div className="flex gap-4">
        <div className="w-25 h-20 bg-[#3b82f6] rounded-lg" />
        <div className="w-25 h-20 bg-[#10b981] rounded-lg" />
        <div className="w-25 h-20 bg-[#f59e0b] rounded-lg" />
      </div>
      <button className="mt-5 py-2 px-4 bg-[#1f2a44] text-white border-0 rounded-[6px] text-sm font-[system-ui] leading-[normal]">Open dashboard</button>
    </div>
  );
}
`;

describe('the style option', () => {
  it('auto is tailwind for a project on tailwindcss v4 or v3 with its config, else css-modules; a wrong value names the file', async () => {
    assert.equal(resolveStyle(project(), 'auto'), 'css-modules');
    assert.equal(resolveStyle(project({ devDependencies: { tailwindcss: '^4.1.0' } }), 'auto'), 'tailwind');
    const v3 = project({ dependencies: { tailwindcss: '^3.4.0' } });
    assert.equal(resolveStyle(v3, 'auto'), 'css-modules', 'v3 without its config is not set up');
    fs.writeFileSync(path.join(v3, 'tailwind.config.js'), 'module.exports = { theme: { extend: {} } };');
    assert.equal(resolveStyle(v3, 'auto'), 'tailwind');
    assert.equal(resolveStyle(v3, 'inline'), 'inline');

    const root = project();
    assert.equal((await loadConfig({ root, configFile: false })).style, 'css-modules');
    assert.equal((await loadConfig({ root, configFile: false, overrides: { style: 'tailwind' } })).style, 'tailwind');
    fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ style: 'tailwnd' }));
    await assert.rejects(loadConfig({ root }), (e: Error & { code?: string }) => e.code === 'CONFIG' && /ui2code\.config\.json/.test(e.message) && /'style'/.test(e.message));
    const bad = await cli(root, ['convert', 'designs/card.png', '--no-config', '--style', 'sass']);
    assert.equal(bad.code, 2, bad.stderr);
  });
});

describe('the theme', () => {
  it("reads Tailwind's defaults from the package, a v4 @theme from the project's CSS and a v3 config's theme.extend", async () => {
    const defaults = defaultTheme();
    // slate-900 is oklch(20.8% 0.042 265.755) in v4: #0f172b once converted.
    assert.equal(defaults.colors['slate-900'], '#0f172b');
    assert.equal(defaults.fontSize.sm, '0.875rem');
    assert.equal(defaults.radius.md, '0.375rem');
    assert.equal(defaults.spacing['4'], '1rem');

    const v4 = project({ devDependencies: { tailwindcss: '^4.1.0' } });
    fs.mkdirSync(path.join(v4, 'src'));
    fs.writeFileSync(path.join(v4, 'src/index.css'), '@import "tailwindcss";\n@theme {\n  --color-brand: #1e40af;\n  --radius-card: 14px;\n  --color-red-500: initial;\n}\n');
    const theme = await loadTheme(v4);
    assert.equal(theme.colors.brand, '#1e40af');
    assert.equal(theme.radius.card, '14px');
    assert.equal(theme.colors['red-500'], undefined);
    assert.equal(theme.source, path.join(v4, 'src/index.css'));
    assert.equal(theme.preflight, true, '@import "tailwindcss" brings preflight');
    // An entry of the theme and the utilities alone has no preflight: the resets stay in the classes.
    const bare = project({ devDependencies: { tailwindcss: '^4.1.0' } });
    fs.mkdirSync(path.join(bare, 'src'));
    fs.writeFileSync(path.join(bare, 'src/index.css'), '@import "tailwindcss/theme.css" layer(theme);\n@import "tailwindcss/utilities.css" layer(utilities);\n/* @import "tailwindcss"; */\n');
    assert.equal((await loadTheme(bare)).preflight, false);

    const v3 = applyV3Theme(defaultTheme(), { theme: { extend: { colors: { brand: { DEFAULT: '#ff0000', dark: '#990000' } }, fontSize: { huge: ['5rem', { lineHeight: '1' }] } } } });
    assert.equal(v3.colors.brand, '#ff0000');
    assert.equal(v3.colors['brand-dark'], '#990000');
    assert.equal(v3.fontSize.huge, '5rem');
    assert.equal(applyThemeCss(defaultTheme(), '@theme { --color-ink: rgb(1 2 3); }').colors.ink, '#010203');
  });
});

describe('the CSS policy', () => {
  const rules = async (css: string) => (await checkCssPolicy(css)).map((v) => v.rule);
  it('allows the module its own classes, relative and data:image URLs', async () => {
    assert.deepEqual(await rules('.card { background: url(./a.png); }\n.card > span, .card:hover .title { color: red; background-image: url("data:image/png;base64,AAAA"); }\n@media (max-width: 600px) { .card { padding: 0; } }\n@keyframes spin { from { opacity: 0 } to { opacity: 1 } }'), []);
  });
  it('refuses other URLs, @import, script in styles and selectors outside the module', async () => {
    assert.deepEqual(await rules('.a { background: url(https://evil.example/x.png); }'), ['css-url']);
    assert.deepEqual(await rules('.a { background: url(//evil.example/x.png); }'), ['css-url']);
    assert.deepEqual(await rules('.a { background: u\\72 l(http://evil.example/x.png); }'), ['css-url']);
    assert.deepEqual(await rules('.a { background: image-set("http://x.example/a.png" 1x); }'), ['css-url']);
    assert.deepEqual(await rules('@import "./other.css";\n.a { color: red; }'), ['css-no-import']);
    assert.deepEqual(await rules('.a { width: expression(alert(1)); }'), ['css-no-script']);
    assert.deepEqual(await rules('.a { behavior: url(x.htc); }'), ['css-no-script']);
    assert.deepEqual(await rules('@font-face { font-family: x; src: url(./x.woff); }'), ['css-at-rule']);
    for (const selector of ['body', '*', ':root', '#id', '[data-x]', ':global(.x)', '.a, html', '.a :global(.b)']) {
      assert.deepEqual(await rules(`${selector} { color: red; }`), ['css-own-classes'], selector);
    }
    assert.deepEqual(await rules('.a { color: red'), ['css-syntax']);
  });
  it('refuses Tailwind arbitrary values carrying URLs', () => {
    assert.equal(checkTailwindClasses('<div className="w-[12px] bg-[#fff] font-[\'Inter\']" />').length, 0);
    for (const cls of ["bg-[url('https://x.example/a.png')]", 'bg-[url(./a.png)]', "[background:url('data:image/png;base64,AA')]", 'bg-[image-set("x.png"_1x)]', 'bg-[expression(alert(1))]']) {
      assert.equal(checkTailwindClasses(`<div className="p-4 ${cls}" />`)[0]?.rule, 'tailwind-arbitrary-value', cls);
    }
  });
  it('lets a component import its own module and nothing else', () => {
    const code = "import React from 'react';\nimport styles from './Card.module.css';\nexport default function Card() { return <div className={styles.card} />; }\n";
    assert.deepEqual(checkPolicy(code, { styleModule: 'Card.module.css' }), []);
    assert.equal(checkPolicy(code)[0]?.rule, 'imports-only-react');
    assert.equal(checkPolicy(code.replace('./Card.module.css', './Other.module.css'), { styleModule: 'Card.module.css' })[0]?.rule, 'imports-only-react');
    assert.equal(checkPolicy(code.replace('import styles from', 'import * as styles from'), { styleModule: 'Card.module.css' })[0]?.rule, 'imports-only-react');
  });
});

describe('the sinks', () => {
  it('css-modules: a class per role, identical rule sets share one, repeated colours become custom properties on the root', () => {
    // A theme with one colour: nothing here is near it, so the literals stay.
    const sink = createCssModuleSink({ theme: { ...defaultTheme(), colors: { brand: '#1e40af' } } });
    assert.equal(sink.attr([['width', 400], ['background', 'rgb(244, 246, 251)']], 'root'), ' className={styles.root}');
    assert.equal(sink.attr([['color', 'rgb(30, 42, 59)'], ['fontSize', 15.9], ['marginTop', 11.6]], 'price tag'), ' className={styles.priceTag}');
    assert.equal(sink.attr([['color', 'rgb(30, 42, 59)'], ['fontSize', 15.9], ['marginTop', 11.6]], 'price tag'), ' className={styles.priceTag}', 'same rules, same class');
    assert.equal(sink.attr([['background', '#1e2a3b'], ['width', 33]], 'price tag'), ' className={styles.priceTag2}');
    assert.equal(sink.attr([['color', '#123456']], 'label', [['color', 'item.color']]), ' className={styles.label} style={{ color: item.color }}');
    assert.deepEqual(sink.imports('Pricing'), ["import styles from './Pricing.module.css';"]);
    const css = sink.css()!;
    assert.match(css, /\.root \{\n {2}--color-price-tag: #1e2a3b;/);
    assert.match(css, /\.priceTag \{[^}]*color: var\(--color-price-tag\);[^}]*font-size: 16px;[^}]*margin-top: 12px;/);
    assert.match(css, /\.priceTag2 \{[^}]*background: var\(--color-price-tag\);[^}]*width: 32px;/, 'on the 4 px grid');
  });
  it('tailwind: the spacing scale, colour tokens within a small distance, font sizes and radii; arbitrary values only where nothing fits', () => {
    const theme = applyThemeCss(defaultTheme(), '@theme { --color-brand: #1e40af; }');
    const sink = createTailwindSink({ theme });
    assert.equal(
      sink.attr([['marginTop', 16.3], ['width', 123.4], ['background', 'rgb(31, 65, 174)'], ['color', '#0f172a'], ['fontSize', 14], ['lineHeight', '20px'], ['borderRadius', 6]], 'card'),
      ' className="mt-4 w-31 bg-brand text-slate-900 text-sm leading-5 rounded-md"',
    );
    const whole = createTailwindSink({ theme, snap: 'whole' });
    assert.equal(whole.attr([['marginTop', 16.3], ['width', 123.4]], 'card'), ' className="mt-[16.3px] w-[123.4px]"', 'whole: the emitter\'s values, arbitrary where off the scale');
    assert.equal(sink.attr([['background', 'rgb(200, 10, 90)'], ['fontSize', 15.6], ['padding', '12px 7px']], 'x'), ' className="bg-pink-700 text-base py-3 px-2 leading-[normal]"', 'near a default palette colour; 15.6 px is text-base on the scale');
    const sparse = createTailwindSink({ theme: { ...theme, colors: { brand: '#1e40af' } } });
    assert.equal(sparse.attr([['background', 'rgb(200, 10, 90)'], ['fontSize', 16]], 'x'), ' className="bg-[#c80a5a] text-base leading-[normal]"', 'no token near: arbitrary');
    assert.equal(sink.attr([['textOverflow', 'ellipsis'], ['margin', '0 0 0 8px']], 'x'), ' className="[text-overflow:ellipsis] mt-0 mr-0 mb-0 ml-2"');
    assert.equal(sink.attr([['padding', '0 12px'], ['margin', '0 8px']], 'x'), ' className="px-3 my-0 mx-2"', 'preflight zeroes padding, not every margin (a list keeps its own)');
    assert.equal(sink.css(), undefined);
  });
  it('css-modules: after the first of a role, classes are named from what the element shows, never as a DOM name', () => {
    const sink = createCssModuleSink({ theme: defaultTheme() });
    // Distinct rule sets (colours far apart), so no two share a class.
    const text = (n: number): Array<[string, string]> => [['color', `#${(n * 40).toString(16).padStart(2, '0')}0000`]];
    assert.equal(sink.attr(text(1), 'title', undefined, 'Book Search'), ' className={styles.title}', 'the first keeps its role');
    assert.equal(sink.attr(text(2), 'title', undefined, 'Search Results'), ' className={styles.searchResults}');
    assert.equal(sink.attr(text(3), 'text', undefined, 'No results found.'), ' className={styles.text}');
    assert.equal(sink.attr(text(4), 'text', undefined, 'LOG IN now'), ' className={styles.logIn}', 'capitals lower-cased, two words');
    assert.equal(sink.attr([['width', 40]], 'card', undefined, 'x'), ' className={styles.card}');
    assert.equal(sink.attr([['width', 80]], 'card', undefined, 'Clear all'), ' className={styles.clearAllCard}', 'a container: its first words and its role');
    assert.equal(sink.attr(text(5), 'text', undefined, 'Location'), ' className={styles.text2}', '`styles.location` would be refused by the policy');
    assert.equal(sink.attr(text(6), 'text', undefined, '2024 [i]'), ' className={styles.i}');
    assert.equal(sink.attr(text(0), 'text', undefined, '[=]'), ' className={styles.text3}', 'no word: a number');
    // A rule set two elements share is named for neither one's text.
    const shared = createCssModuleSink({ theme: defaultTheme() });
    const twice: Array<[string, string]> = [['color', '#123456']];
    shared.prepare?.([{ entries: text(1), role: 'text' }, { entries: twice, role: 'text' }, { entries: twice, role: 'text' }]);
    assert.equal(shared.attr(text(1), 'text', undefined, 'Intro'), ' className={styles.text}');
    assert.equal(shared.attr(twice, 'text', undefined, 'Clear'), ' className={styles.text2}');
    assert.equal(shared.attr(twice, 'text', undefined, 'Results'), ' className={styles.text2}');
    assert.deepEqual(checkPolicy(`import styles from './X.module.css';\nexport default function X() { return <p className={styles.searchResults}>Hi</p>; }\n`, { styleModule: './X.module.css' }), []);
  });
  it('tailwind leaves out what preflight already sets (margin, padding, border style, box sizing), and only where the project has it', () => {
    const button: Array<[string, string | number]> = [['margin', 0], ['marginTop', 20], ['padding', 0], ['boxSizing', 'border-box'], ['border', '1px solid #78716c'], ['cursor', 'pointer']];
    assert.equal(createTailwindSink({ theme: defaultTheme() }).attr(button, 'button'), ' className="mt-5 border border-stone-500 cursor-pointer"');
    assert.equal(createTailwindSink({ theme: { ...defaultTheme(), preflight: false } }).attr(button, 'button'), ' className="m-0 mt-5 p-0 box-border border border-solid border-stone-500 cursor-pointer"');
    assert.equal(createTailwindSink({ theme: defaultTheme() }).attr([['listStyle', 'none'], ['padding', 0], ['border', 'none']], 'list'), '', 'a list and a reset button need no class at all');
  });
  it('exact sinks write values as measured: no grid, no palette (the fallback when snapping draws worse)', () => {
    const theme = applyThemeCss(defaultTheme(), '@theme { --color-brand: #1e40af; }');
    assert.equal(createTailwindSink({ theme, snap: 'exact' }).attr([['marginTop', 16.3], ['background', 'rgb(31, 65, 174)'], ['background', '#1e40af']], 'x'), ' className="mt-[16.3px] bg-[#1f41ae] bg-brand"');
    const mod = createCssModuleSink({ theme, snap: 'exact' });
    mod.attr([['marginTop', 16.3], ['color', 'rgb(31, 65, 174)']], 'root');
    assert.match(mod.css()!, /margin-top: 16\.3px;\n {2}color: #1f41ae;/);
  });
});

describe('writing a component with its CSS module', () => {
  it('writes both with their own headers, and an edit of either keeps both', async () => {
    const root = tempDir();
    const outDir = path.join(root, 'src');
    const file = path.join(outDir, 'Card.tsx');
    const first = await writeComponent({ root, outDir, file, design: 'designs/card.png', ...cardModule });
    assert.equal(first.status, 'written');
    assert.equal(first.css, path.join(outDir, 'Card.module.css'));
    const cssText = fs.readFileSync(first.css!, 'utf8');
    assert.match(cssText, /^\/\* Generated by ui2code from designs\/card\.png\. .* hash:[0-9a-f]{12} \*\/\n\.card/);
    assert.equal(parseHeader(cssText)?.intact, true);
    assert.equal(parseHeader(fs.readFileSync(file, 'utf8'))?.intact, true);
    assert.equal((await writeComponent({ root, outDir, file, design: 'designs/card.png', ...cardModule })).status, 'unchanged');

    fs.writeFileSync(first.css!, cssText.replace('padding: 24px', 'padding: 20px'));
    const next = { code: cardModule.code.replace('Monthly report', 'Weekly report'), css: cardModule.css.replace('#4a5568', '#333333') };
    const kept = await writeComponent({ root, outDir, file, design: 'designs/card.png', ...next });
    assert.equal(kept.status, 'pending');
    assert.match(kept.reason!, /Card\.module\.css: the file was edited by hand/);
    assert.match(fs.readFileSync(file, 'utf8'), /Monthly report/, 'the untouched TSX is kept too');
    assert.match(fs.readFileSync(first.css!, 'utf8'), /padding: 20px/);
    assert.match(fs.readFileSync(kept.file, 'utf8'), /Weekly report/);
    assert.match(fs.readFileSync(kept.css!, 'utf8'), /#333333/);
    assert.equal(path.dirname(kept.file), path.join(root, '.ui2code', 'pending'));
  });
  it('a version in another style answers to the earlier module: an edited one keeps the component, an untouched one goes', async () => {
    const root = tempDir();
    const outDir = path.join(root, 'src');
    const file = path.join(outDir, 'Card.tsx');
    const moduleFile = path.join(outDir, 'Card.module.css');
    const inline = { code: "export default function Card() {\n  return <div style={{ width: 400 }} />;\n}\n" };
    await writeComponent({ root, outDir, file, design: 'designs/card.png', ...cardModule });
    fs.writeFileSync(moduleFile, fs.readFileSync(moduleFile, 'utf8').replace('padding: 24px', 'padding: 20px'));
    const kept = await writeComponent({ root, outDir, file, design: 'designs/card.png', ...inline });
    assert.equal(kept.status, 'pending');
    assert.match(kept.reason!, /Card\.module\.css: the file was edited by hand/);
    assert.match(fs.readFileSync(file, 'utf8'), /styles\.card/, 'the component that uses the edited module stays');
    await writeComponent({ root, outDir, file, design: 'designs/card.png', ...cardModule, force: true });
    const replaced = await writeComponent({ root, outDir, file, design: 'designs/card.png', ...inline });
    assert.equal(replaced.status, 'written');
    assert.equal(fs.existsSync(moduleFile), false, 'our untouched module is not left behind');
  });
});

describe('components in each style render like the design', () => {
  const designFile = path.join(fixturesDir, 'engine/card.png');
  it('a CSS module is bundled with its component, from memory or from beside it on disk', async () => {
    const design = await readDesign(designFile);
    const inMemory = await scoreComponent(renderer, design, cardModule.code, { files: { 'Card.module.css': cardModule.css } });
    assert.ok(inMemory.scores.mismatch < 0.01, `mismatch ${inMemory.scores.mismatch}`);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Card.module.css'), cardModule.css);
    const onDisk = await scoreComponent(renderer, design, cardModule.code, { resolveDir: dir });
    assert.ok(onDisk.scores.mismatch < 0.01, `mismatch ${onDisk.scores.mismatch}`);
  });
  it('Tailwind classes are compiled by tailwindcss for the project (without the compile step the render is far off)', async () => {
    const design = await readDesign(designFile);
    const root = project({ devDependencies: { tailwindcss: '^4.1.0' } });
    const compiled = await scoreComponent(renderer, design, cardTailwind, { tailwind: { root } });
    assert.ok(compiled.scores.mismatch < 0.02, `mismatch ${compiled.scores.mismatch}`);
    const raw = await scoreComponent(renderer, design, cardTailwind, {});
    assert.ok(raw.scores.mismatch > compiled.scores.mismatch + 0.05, `uncompiled ${raw.scores.mismatch} against ${compiled.scores.mismatch}`);
  });
  it("a project's @theme tokens reach the render", async () => {
    const design = await readDesign(designFile);
    const root = project({ devDependencies: { tailwindcss: '^4.1.0' } });
    fs.writeFileSync(path.join(root, 'app.css'), '@import "tailwindcss";\n@theme { --color-ink: #1f2a44; }\n');
    const themed = cardTailwind.replaceAll('[#1f2a44]', 'ink');
    const withTheme = await scoreComponent(renderer, design, themed, { tailwind: { root } });
    assert.ok(withTheme.scores.mismatch < 0.02, `mismatch ${withTheme.scores.mismatch}`);
  });
});

describe('the model path', () => {
  it('css-modules: the prompt asks for two fences, both files are written, the manifest records both', async () => {
    const root = project();
    const reply = `Here it is.\n\`\`\`tsx\n${cardModule.code.replace('./Card.module.css', './styles.module.css')}\`\`\`\n\`\`\`css\n${cardModule.css}\`\`\``;
    const server = await mockModel([glmStream({ content: reply })]);
    try {
      const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--style', 'css-modules', '--json'], { OPENAI_API_KEY: 'k' });
      assert.equal(code, 0, stderr);
      const r = JSON.parse(stdout).results[0];
      assert.equal(r.status, 'written', r.error);
      assert.ok(r.mismatch < 0.01, `mismatch ${r.mismatch}`);
      const cssFile = path.join(root, 'src/components/generated/Card.module.css');
      assert.equal(r.css, cssFile);
      assert.match(fs.readFileSync(r.file, 'utf8'), /import styles from "\.\/Card\.module\.css";/, 'the import points at the real module');
      assert.match(fs.readFileSync(cssFile, 'utf8'), /--color-ink: #1f2a44;/);
      const entry = (await readManifest(root))!.designs['designs/card.png'];
      assert.equal(entry.file, 'src/components/generated/Card.tsx');
      assert.equal(entry.css, 'src/components/generated/Card.module.css');
      const system = JSON.stringify(server.requests[0].body.messages[0]);
      assert.match(system, /import styles from '\.\/Card\.module\.css'/);
      assert.match(system, /```css block/);
    } finally {
      await server.close();
    }
  });
  it('a css module breaking the policy is refused and nothing is written', async () => {
    const root = project();
    const reply = `\`\`\`tsx\n${cardModule.code}\`\`\`\n\`\`\`css\nbody { margin: 0 }\n${cardModule.css}\`\`\``;
    const server = await mockModel([glmStream({ content: reply })]);
    try {
      const { code, stdout } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--style', 'css-modules', '--json'], { OPENAI_API_KEY: 'k' });
      assert.equal(code, 1);
      const r = JSON.parse(stdout).results[0];
      assert.equal(r.errorCode, 'POLICY');
      assert.match(r.error, /Card\.module\.css.*css-own-classes/);
      // The output folder is made before the model is asked (pipeline.ts); neither file may be in it.
      const out = path.join(root, 'src/components/generated');
      assert.deepEqual(fs.existsSync(out) ? fs.readdirSync(out).filter((f) => !f.startsWith('.')) : [], []);
    } finally {
      await server.close();
    }
  });
  it('tailwind: the prompt lists the theme, the reply renders with its classes compiled', async () => {
    const root = project({ devDependencies: { tailwindcss: '^4.1.0' } });
    fs.writeFileSync(path.join(root, 'app.css'), '@import "tailwindcss";\n@theme { --color-ink: #1f2a44; }\n');
    const server = await mockModel([glmStream({ content: `\`\`\`tsx\n${cardTailwind.replaceAll('[#1f2a44]', 'ink')}\`\`\`` })]);
    try {
      const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'k' });
      assert.equal(code, 0, stderr);
      const r = JSON.parse(stdout).results[0];
      assert.equal(r.status, 'written', r.error);
      assert.ok(r.mismatch < 0.02, `mismatch ${r.mismatch}`);
      assert.equal((await readManifest(root))!.designs['designs/card.png'].style, 'tailwind');
      const prompt = JSON.stringify(server.requests[0].body.messages);
      assert.match(prompt, /Tailwind CSS v4 utility classes/);
      assert.match(prompt, /ink #1f2a44/);
    } finally {
      await server.close();
    }
  });
  it('extract takes the css fence only for css-modules', () => {
    const answer = { content: '```tsx\nexport default function A() { return null; }\n```\n```css\n.a { color: red; }\n```' };
    assert.equal(extractComponent(answer, 'a.png', { style: 'css-modules' }).css, '.a { color: red; }\n');
    assert.equal(extractComponent(answer, 'a.png', { style: 'tailwind' }).css, undefined);
  });
});
