// Responsive designs (plans.png + plans@mobile.png → one Plans.tsx): grouping by name, one component and one manifest
// entry per set, the worst width as the score, a changed mobile image regenerating, the check failing on one broken
// width, the `<style>` policy, and the model path (every image in one request) against the mock model over real HTTP.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { scoreWidths, worstWidth } from '../src/compare/score-component.js';
import { loadConfig } from '../src/config/load.js';
import { designGroupOf, groupDesigns, viewportOf } from '../src/designs.js';
import { isUi2CodeError } from '../src/errors.js';
import { createOpenAICompatibleProvider } from '../src/generate/openai-compatible.js';
import { readDesignSet } from '../src/intake/set.js';
import { convertDesign } from '../src/pipeline.js';
import { checkPolicy } from '../src/validate/policy.js';
import type { ConvertResult, Scores } from '../src/types.js';
import { readManifest } from '../src/write/manifest.js';
import { componentName } from '../src/write/names.js';
import { completion, mockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';
import { responsiveDesignsDir } from './support/responsive.js';

const renderer = testRenderer({ workers: 2 });
// The pipeline runs the local engine in this process: its OCR worker would keep the test alive.
after(async () => (await import('../src/generate/local/index.js')).closeLocalEngine());
const plansSource = fs.readFileSync(path.join(fixturesDir, 'responsive/plans.tsx'), 'utf8');
/** The plans component without its phone layout: right on desktop, broken at 375 px. */
const desktopOnly = plansSource.replace(/@media \(max-width: 600px\) \{[\s\S]*?\n\}\n/, '');
assert.notEqual(desktopOnly, plansSource);

function project(...names: string[]): string {
  const root = tempDir('ui2code-resp-');
  fs.mkdirSync(path.join(root, 'designs'));
  for (const name of names) fs.copyFileSync(path.join(responsiveDesignsDir, name), path.join(root, 'designs', name));
  return root;
}

async function cli(root: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '', GITHUB_ACTIONS: '' }, timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('grouping responsive designs by name', () => {
  it('groups a base image with its viewport suffixes, scale suffixes in any order, per folder', () => {
    const files = ['d/plans@2x.png', 'd/plans@mobile@2x.png', 'd/plans@tablet.png', 'd/card@2x.png', 'd/card@1.5x.png', 'e/plans@mobile.png', 'd/login.png'];
    const groups = groupDesigns(files);
    assert.deepEqual(groups.map((g) => g.files), [
      ['d/plans@2x.png', 'd/plans@mobile@2x.png', 'd/plans@tablet.png'],
      // Scale suffixes name renderings of one image, not viewports: two designs, as before.
      ['d/card@1.5x.png'],
      ['d/card@2x.png'],
      ['e/plans@mobile.png'],
      ['d/login.png'],
    ]);
    assert.equal(groups[0].design, 'd/plans@2x.png', 'the image without a viewport suffix is the main one');
    assert.deepEqual(viewportOf('plans@2x@mobile.png'), { base: 'plans', label: 'mobile' });
    assert.deepEqual(viewportOf('plans@mobile@1.5x.webp'), { base: 'plans', label: 'mobile' });
    assert.deepEqual(viewportOf('login@2x.png'), { base: 'login' });
    assert.equal(componentName('designs/plans@mobile@2x.png'), 'Plans');
    assert.equal(componentName('designs/pricing-page@tablet.png'), 'PricingPage');
  });

  it('finds the set of a file on disk, and what is left of it when the file is gone', async () => {
    const dir = path.join(tempDir('ui2code-resp-group-'), 'designs');
    fs.mkdirSync(dir);
    for (const name of ['plans.png', 'plans@mobile.png', 'login.png', 'login@2x.png']) fs.writeFileSync(path.join(dir, name), 'x');
    const at = (name: string) => path.join(dir, name);
    assert.deepEqual((await designGroupOf(at('plans@mobile.png')))?.files, [at('plans.png'), at('plans@mobile.png')]);
    assert.deepEqual((await designGroupOf(at('login@2x.png')))?.files, [at('login@2x.png')], 'a scale variant is a design of its own');
    fs.rmSync(at('plans.png'));
    assert.deepEqual((await designGroupOf(at('plans.png')))?.files, [at('plans@mobile.png')], 'a deleted desktop image leaves the phone one');
    fs.rmSync(at('login@2x.png'));
    assert.equal(await designGroupOf(at('login@2x.png')), null, 'a deleted single design is gone, not login.png');
  });

  it('takes a custom pattern from the config, and refuses one without a capture group', async () => {
    const pattern = '-(phone|desktop)$';
    assert.deepEqual(groupDesigns(['d/home-desktop.png', 'd/home-phone.png', 'd/home-page.png'], pattern).map((g) => g.files), [
      ['d/home-desktop.png', 'd/home-phone.png'],
      ['d/home-page.png'],
    ]);
    assert.equal(componentName('d/home-phone.png', [], pattern), 'Home');
    const root = tempDir('ui2code-resp-config-');
    fs.writeFileSync(path.join(root, 'ui2code.config.mjs'), "export default { viewportPattern: '-(?:phone|desktop)$' };\n");
    await assert.rejects(loadConfig({ root }), (error: unknown) => isUi2CodeError(error, 'CONFIG') && /viewportPattern.*capture group/.test((error as Error).message) && (error as Error).message.includes('ui2code.config.mjs'));
  });

  it('refuses a set whose images share a width, naming both files', async () => {
    const root = project('plans.png');
    fs.copyFileSync(path.join(root, 'designs/plans.png'), path.join(root, 'designs/plans@wide.png'));
    await assert.rejects(readDesignSet({ files: [path.join(root, 'designs/plans.png'), path.join(root, 'designs/plans@wide.png')] }), (error: unknown) =>
      isUi2CodeError(error, 'BAD_IMAGE') && /plans@wide\.png and plans\.png are both 960 CSS px wide/.test((error as Error).message));
  });
});

describe('scoring a responsive design', () => {
  it('is the worst of its widths: a component broken on the phone scores what the phone scores', async () => {
    const set = await readDesignSet({ files: [path.join(responsiveDesignsDir, 'plans.png'), path.join(responsiveDesignsDir, 'plans@mobile.png')] });
    assert.deepEqual(set.map((d) => d.cssWidth), [960, 375]);
    const good = await scoreWidths(renderer, set, plansSource);
    assert.ok(good.widths.every((w) => w.scores.mismatch < 0.001), 'the fixture draws its own screenshots');
    const broken = await scoreWidths(renderer, set, desktopOnly);
    const [desktop, phone] = broken.widths;
    assert.ok(desktop.scores.score > 0.95, `desktop unharmed: ${desktop.scores.score}`);
    assert.ok(phone.scores.score < desktop.scores.score - 0.1, `phone broken: ${phone.scores.score}`);
    assert.equal(broken.scores.score, phone.scores.score);
    assert.equal(broken.worst.width, 375);
    assert.equal(worstWidth([{ scores: { score: 0.9 } }, { scores: { score: 0.7 } }, { scores: { score: 0.8 } }] as unknown as Array<{ scores: Scores }>).scores.score, 0.7);
  });
});

describe('converting a responsive design (local engine, CLI)', () => {
  it('writes one component for the set with one manifest entry, reports each width, and regenerates when the mobile image changes', async () => {
    const root = project('plans.png', 'plans@mobile.png');
    const first = await cli(root, ['convert', 'designs', '--provider', 'local', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const { results } = JSON.parse(first.stdout);
    assert.equal(results.length, 1, 'one result for the set');
    const r = results[0];
    assert.equal(r.status, 'written');
    assert.equal(r.component, 'Plans');
    assert.equal(r.design, path.join(root, 'designs/plans.png'));
    assert.deepEqual(r.widths.map((w: { width: number }) => w.width), [960, 375]);
    assert.equal(r.score, Math.min(...r.widths.map((w: { score: number }) => w.score)), 'the score is the worst width');
    for (const w of r.widths) assert.ok(w.mismatch <= 0.03, `mismatch at ${w.width}: ${w.mismatch}`);
    // The project has no Tailwind: the default style is css-modules, its breakpoints in the module.
    assert.deepEqual(fs.readdirSync(path.join(root, 'src/components/generated')), ['Plans.module.css', 'Plans.tsx']);
    const code = fs.readFileSync(r.file, 'utf8');
    assert.match(code, /import styles from ['"]\.\/Plans\.module\.css['"]/);
    assert.match(fs.readFileSync(path.join(root, 'src/components/generated/Plans.module.css'), 'utf8'), /@media \(min-width: 960px\)/);
    assert.equal((code.match(/export default function/g) ?? []).length, 1);
    const manifest = await readManifest(root);
    assert.deepEqual(Object.keys(manifest!.designs), ['designs/plans.png']);
    const entry = manifest!.designs['designs/plans.png'];
    assert.deepEqual(entry.images, ['designs/plans.png', 'designs/plans@mobile.png']);
    assert.deepEqual(entry.widths?.map((w) => w.width), [960, 375]);

    // Unchanged: the cache answers for the set.
    const again = await cli(root, ['convert', 'designs', '--provider', 'local', '--json']);
    assert.equal(JSON.parse(again.stdout).results[0].status, 'unchanged');

    // A new phone design (a narrower one): the set regenerates, the component follows it.
    fs.copyFileSync(path.join(responsiveDesignsDir, 'feature@mobile.png'), path.join(root, 'designs/plans@mobile.png'));
    const changed = await cli(root, ['convert', 'designs/plans@mobile.png', '--provider', 'local', '--json']);
    assert.equal(changed.code, 0, changed.stderr);
    const c = JSON.parse(changed.stdout).results[0];
    assert.equal(c.status, 'written');
    assert.equal(c.design, path.join(root, 'designs/plans.png'), 'the mobile image names its set');
    assert.deepEqual(c.widths.map((w: { width: number }) => w.width), [960, 360]);
    assert.match(fs.readFileSync(c.file, 'utf8'), /Reports in seconds/);
    const after = (await readManifest(root))!.designs['designs/plans.png'];
    assert.notEqual(after.hash, entry.hash);
    assert.deepEqual(fs.readdirSync(path.join(root, 'src/components/generated')), ['Plans.module.css', 'Plans.tsx']);
  });

  it('writes the breakpoints in every output style, each width within the targets', async () => {
    const root = project('plans.png', 'plans@mobile.png');
    const expect: Record<string, RegExp> = { inline: /<style>\{`[\s\S]*@media \(min-width: 960px\)/, tailwind: /min-\[960px\]:/ };
    for (const style of ['inline', 'tailwind']) {
      const run = await cli(root, ['convert', 'designs', '--provider', 'local', '--style', style, '--out', `out-${style}`, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout).results[0];
      assert.equal(r.status, 'written', r.error);
      for (const w of r.widths) assert.ok(w.mismatch <= 0.03 && w.fgMismatch <= 0.15, `${style} at ${w.width}: ${w.mismatch} / ${w.fgMismatch}`);
      assert.deepEqual(fs.readdirSync(path.join(root, `out-${style}`)), ['Plans.tsx']);
      const code = fs.readFileSync(r.file, 'utf8');
      assert.match(code, expect[style]);
      // What draws the same at every width is left out, as in a component of one width: a paragraph's normal weight,
      // `flexShrink: 0` on items that never shrink (it was on every element: 14 `shrink-0` in the tailwind file).
      assert.doesNotMatch(code, /fontWeight: 400|font-weight: 400|font-normal/, `${style}: no normal weights`);
      const shrinks = code.match(/flexShrink: 0|flex-shrink: 0|shrink-0/g) ?? [];
      assert.ok(shrinks.length <= 2, `${style}: ${shrinks.length} flexShrink declarations`);
    }
  });

  it('makes link columns read row by row on desktop and stacked on a phone one component, each link written once, scored with each width\'s texts', async () => {
    const root = project('footer.png', 'footer@mobile.png');
    const run = await cli(root, ['convert', 'designs', '--provider', 'local', '--style', 'inline', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout).results[0];
    assert.equal(r.status, 'written', r.error);
    const code = fs.readFileSync(r.file, 'utf8');
    for (const text of ['Company', 'About', 'Careers', 'Product', 'Features', 'Pricing', 'Support', 'Help center', 'Contact']) {
      assert.equal(code.split(`${text}\n`).length - 1, 1, `${text} is written once`);
    }
    assert.doesNotMatch(code, /display: none/, 'nothing is kept for one width only');
    for (const w of r.widths) assert.ok(w.mismatch <= 0.03, `mismatch at ${w.width}: ${w.mismatch}`);
    // The worst width is scored with its own texts, so its typography term is there.
    assert.equal(typeof r.terms.typography, 'number', JSON.stringify(r.terms));
  });

  it('converts a set through the pipeline from any of its images, keeping the hand-edit protection', async () => {
    const root = project('signup.png', 'signup@mobile.png');
    const config = await loadConfig({ root, configFile: false, overrides: { provider: 'local' } });
    const { createLocalProvider } = await import('../src/generate/local/index.js');
    const result = await convertDesign('designs/signup@mobile.png', { config, renderer, provider: createLocalProvider() });
    assert.equal(result.status, 'written', result.error);
    assert.equal(result.component, 'Signup');
    fs.appendFileSync(result.file, '// my edit\n');
    const fresh = path.join(root, 'designs/signup@mobile.png');
    fs.copyFileSync(path.join(responsiveDesignsDir, 'feature@mobile.png'), fresh);
    const second = await convertDesign('designs/signup.png', { config, renderer, provider: createLocalProvider() });
    assert.equal(second.status, 'pending', 'a hand-edited component is never overwritten');
    assert.match(fs.readFileSync(path.join(root, 'src/components/generated/Signup.tsx'), 'utf8'), /\/\/ my edit/);
  });
});

describe('ui2code compare on a responsive design', () => {
  it('renders and scores each width; the top-level score is the worst; --diff writes each width', async () => {
    const root = project('plans.png', 'plans@mobile.png');
    fs.writeFileSync(path.join(root, 'Plans.tsx'), desktopOnly);
    const run = await cli(root, ['compare', 'designs/plans@mobile.png', 'Plans.tsx', '--json', '--diff', 'diff.png']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.design, path.join(root, 'designs/plans.png'), 'any image names its set');
    assert.deepEqual(result.widths.map((w: { width: number }) => w.width), [960, 375]);
    assert.ok(result.widths[0].score > result.widths[1].score);
    assert.equal(result.score, result.widths[1].score);
    for (const file of ['diff.png', 'diff@960.png', 'diff@375.png']) assert.ok(fs.existsSync(path.join(root, file)), file);
    const text = await cli(root, ['compare', 'designs/plans.png', 'Plans.tsx']);
    assert.match(text.stdout, /\(2 widths\).*worst width: 375 px/);
    assert.match(text.stdout, /\s960 px\s+score/);
  });
});

describe('ui2code check on a responsive design', () => {
  it('renders each width at that width, passes a good component and fails when one width is broken', async () => {
    const root = project('plans.png', 'plans@mobile.png');
    const out = path.join(root, 'src/components/generated');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'Plans.tsx'), plansSource);
    const good = await cli(root, ['check', '--json', '--report', 'report']);
    assert.equal(good.code, 0, good.stderr);
    const passed = JSON.parse(good.stdout).results[0];
    assert.equal(passed.status, 'pass');
    assert.deepEqual(passed.widths.map((w: { width: number }) => w.width), [960, 375]);
    assert.ok(passed.widths.every((w: { score: number }) => w.score > 0.95));
    const html = fs.readFileSync(path.join(root, 'report/index.html'), 'utf8');
    assert.match(html, /960 px · designs\/plans\.png/);
    assert.match(html, /375 px · designs\/plans@mobile\.png/);

    fs.writeFileSync(path.join(out, 'Plans.tsx'), desktopOnly);
    const bad = await cli(root, ['check', '--json']);
    assert.equal(bad.code, 1);
    const failed = JSON.parse(bad.stdout).results[0];
    assert.equal(failed.status, 'fail');
    assert.match(failed.message, /at 375 px \(designs\/plans@mobile\.png\)/);
    assert.doesNotMatch(failed.message, /960 px/);
    assert.equal(failed.score, failed.widths[1].score);
  });
});

describe('the <style> element policy', () => {
  const component = (css: string, attrs = '') => `export default function A() {\n  return (\n    <>\n      <style${attrs}>{\`${css}\`}</style>\n      <div className="a-root-1" />\n    </>\n  );\n}\n`;
  const rules = (code: string) => checkPolicy(code).map((v) => `${v.rule}: ${v.message}`);

  it('allows the component\'s own classes in width media queries', () => {
    assert.deepEqual(rules(component('.a-root-1 { display: flex; }\n@media (min-width: 960px) {\n  .a-root-1 { flex-direction: row; }\n}')), []);
  });

  it('refuses what could load, escape or reach outside the component', () => {
    const cases: Array<[string, RegExp]> = [
      ['.a-root-1 { background-image: url(https://evil.test/x.png); }', /load anything|url/],
      ['@import "https://evil.test/x.css";', /./],
      ['body { color: red; }', /selector must be one of the component's classes/],
      ['.other { color: red; }', /does not use \(\.other\)/],
      ['@font-face { font-family: x; }', /width media queries/],
      ['.a-root-1 { width: expression(alert(1)); }', /script/],
      ['.a-root-1 { color: \\\\72 ed; }', /escapes/],
      ['.a-root-1 { color: red; } </style><script>', /close its element|selector/],
    ];
    for (const [css, why] of cases) {
      const found = rules(component(css));
      assert.ok(found.some((v) => why.test(v)), `${css}: ${found.join('; ')}`);
    }
    assert.ok(rules(component('.a-root-1 { color: red; }', ' precedence="x"')).some((v) => /attributes/.test(v)));
    assert.ok(rules('export default function A() {\n  const css = ".a-root-1{}";\n  return <style>{css + ""}</style>;\n}\n').some((v) => /constant stylesheet/.test(v)));
  });
});

describe('a remote model and a responsive design (mock model over real HTTP)', () => {
  it('sends every image in one request, each labelled with its width, and refines with the render and diff at each width', async () => {
    const set = await readDesignSet({ files: [path.join(responsiveDesignsDir, 'plans.png'), path.join(responsiveDesignsDir, 'plans@mobile.png')] });
    const server = await mockModel([completion(`\`\`\`tsx\n${desktopOnly}\`\`\``), completion(`\`\`\`tsx\n${plansSource}\`\`\``)]);
    const provider = createOpenAICompatibleProvider({ name: 'openai', apiKey: 'k', baseUrl: server.baseUrl, model: 'gpt-4o', backoffMs: 5 });
    const { refine } = await import('../src/refine/refine.js');
    const refined = await refine({ design: set[0], widths: set, provider, renderer, file: path.join(tempDir(), 'Plans.tsx'), rounds: 1, target: 0.99 });
    assert.equal(server.requests.length, 2);
    const parts = (i: number) => server.requests[i].body.messages.find((m: { role: string }) => m.role === 'user').content as Array<{ type: string; text?: string }>;
    const first = parts(0);
    assert.equal(first.filter((p) => p.type === 'image_url').length, 2, 'both designs in one request');
    assert.match(first[0].text!, /960px wide/);
    assert.match(first[2].text!, /375px wide/);
    assert.match(first.at(-1)!.text!, /ONE component/);
    const second = parts(1);
    assert.equal(second.filter((p) => p.type === 'image_url').length, 2 + 2 * 2, 'designs, then render and diff at each width');
    assert.ok(second.some((p) => /At 375px: score/.test(p.text ?? '')));
    assert.deepEqual(refined.scores.length, 2);
    assert.ok(refined.scores[1] > refined.scores[0], `the fixed phone layout wins: ${refined.scores}`);
    assert.equal(refined.best.round, 1);
    assert.deepEqual(refined.best.widths?.map((w) => w.width), [960, 375]);
  });
});

describe('watching a responsive design (mock model over real HTTP)', () => {
  it('converts the set once when its images arrive together, and again when only the mobile image changes', async () => {
    const root = tempDir('ui2code-resp-watch-');
    fs.mkdirSync(path.join(root, 'designs'));
    const server = await mockModel(() => completion(`\`\`\`tsx\n${plansSource}\`\`\``));
    const config = await loadConfig({ root, configFile: false, overrides: { provider: 'openai', rounds: 0 } });
    const provider = createOpenAICompatibleProvider({ name: 'openai', apiKey: 'k', baseUrl: server.baseUrl, model: 'gpt-4o', backoffMs: 5 });
    const results: ConvertResult[] = [];
    const { watchDesigns } = await import('../src/watch.js');
    const watcher = await watchDesigns({ config, renderer, provider, debounceMs: 300, stabilityMs: 100, onResult: (r) => results.push(r) });
    try {
      await watcher.ready;
      for (const name of ['plans.png', 'plans@mobile.png']) fs.copyFileSync(path.join(responsiveDesignsDir, name), path.join(root, 'designs', name));
      await until(() => results.length >= 1, 'the first result');
      await watcher.idle();
      assert.equal(results.length, 1, 'one conversion for the set');
      assert.equal(results[0].status, 'written', results[0].error);
      assert.equal(results[0].design, path.join(root, 'designs/plans.png'));
      assert.deepEqual(results[0].widths?.map((w) => w.width), [960, 375]);
      const images = (i: number) => server.requests[i].body.messages.find((m: { role: string }) => m.role === 'user').content.filter((p: { type: string }) => p.type === 'image_url').length;
      assert.equal(server.requests.length, 1);
      assert.equal(images(0), 2);

      fs.copyFileSync(path.join(responsiveDesignsDir, 'feature@mobile.png'), path.join(root, 'designs/plans@mobile.png'));
      await until(() => results.length >= 2, 'the result after the mobile image changed');
      await watcher.idle();
      assert.equal(results.length, 2);
      assert.equal(results[1].design, path.join(root, 'designs/plans.png'), 'the mobile image converts its set');
      assert.deepEqual(results[1].widths?.map((w) => w.width), [960, 360]);
      assert.equal(server.requests.length, 2, 'the changed set asked the model again');
      assert.deepEqual(fs.readdirSync(path.join(root, 'src/components/generated')), ['Plans.tsx']);
    } finally {
      await watcher.close();
    }
  });
});

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
