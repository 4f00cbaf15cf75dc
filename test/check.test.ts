// `ui2code check`, `merge-reports` and the config file, end to end: the real CLI on a fixture repo of components we
// wrote and their own screenshots as designs (test/support/check-fixtures.ts), in real Chromium.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { decide } from '../src/check/decide.js';
import { SCORE_VERSION } from '../src/compare/score.js';
import { annotations, summaryMarkdown } from '../src/check/github.js';
import { parseShard, shardOf } from '../src/check/shard.js';
import type { CheckReport, CheckResult } from '../src/check/types.js';
import { loadConfig, thresholdFor } from '../src/config/load.js';
import { isUi2CodeError } from '../src/errors.js';
import { decodePng } from '../src/intake/png.js';
import { launchBrowser } from '../src/render/browser.js';
import { CHECK_FIXTURES, checkOutDir, copyCheckFixture } from './support/check-fixtures.js';
import { cliArgs, tempDir } from './support/paths.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` and collects its exit code and output (a non-zero exit is a result here, not an error). */
function cli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    // The test's own CI environment must not leak into the CLI under test.
    delete base.GITHUB_ACTIONS;
    delete base.GITHUB_STEP_SUMMARY;
    const child = spawn(process.execPath, cliArgs(...args), { cwd, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (run: Run): CheckReport => {
  assert.ok(run.stdout.trim(), `no JSON on stdout; stderr: ${run.stderr}`);
  return JSON.parse(run.stdout) as CheckReport;
};
const byId = (report: CheckReport, id: string): CheckResult => {
  const found = report.results.find((r) => r.id === id);
  assert.ok(found, `${id} in the report (ids: ${report.results.map((r) => r.id).join(', ')})`);
  return found;
};
const component = (root: string, file: string) => path.join(root, checkOutDir, file);
function edit(root: string, file: string, change: (source: string) => string) {
  const target = component(root, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  fs.writeFileSync(target, after);
}
/** Results without run times, which differ from run to run. */
const comparable = (report: CheckReport) => ({
  summary: report.summary,
  results: report.results.map(({ durationMs: _, ...rest }) => rest),
});

const ALL_IDS = CHECK_FIXTURES.map((f) => `designs/${f.design}`).sort();

/**
 * The edited repo every failure scenario shares: one element dropped, one colour changed, one text lost (fail);
 * a 1-px shift and a page taller than its design (pass); a deleted component and a component without a design.
 */
function makeEditedRepo(): string {
  const root = copyCheckFixture(tempDir('ui2code-check-'));
  edit(root, 'LoginForm.tsx', (s) => s.replace(/<button[\s\S]*?<\/button>/, ''));
  edit(root, 'PricingCard.tsx', (s) => s.replace("background: '#7c3aed'", "background: '#dc2626'"));
  edit(root, 'SettingsList.tsx', (s) => s.replace('A summary of activity every Monday', ''));
  edit(root, 'StatsGrid.tsx', (s) => s.replace('padding: 24,', 'padding: 24, paddingLeft: 25, paddingTop: 25,'));
  edit(root, 'ProfileCard.tsx', (s) =>
    s.replace('return (', 'return (<>').replace(/\n  \);\n\}\s*$/, "<div style={{ height: 200, background: '#334155' }}>Below the fold</div></>\n  );\n}\n"),
  );
  fs.rmSync(component(root, 'NavBar.tsx'));
  fs.writeFileSync(component(root, 'Orphan.tsx'), "export default function Orphan() {\n  return <div>No design</div>;\n}\n");
  return root;
}

describe('ui2code check on the fixture repo', () => {
  let pristine: string;
  let edited: string;
  let fullRun: Run;
  let fullReport: CheckReport;
  let browser: Browser;

  before(async () => {
    pristine = copyCheckFixture(tempDir('ui2code-check-'));
    edited = makeEditedRepo();
    fullRun = await cli(edited, ['check', '--json', '--report', 'report', '--junit', 'report/junit.xml']);
    fullReport = json(fullRun);
  });
  after(async () => {
    await browser?.close();
  });

  it('passes every component against its own screenshot, exit 0', async () => {
    const run = await cli(pristine, ['check', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const report = json(run);
    assert.deepEqual(report.results.map((r) => r.id).sort(), ALL_IDS);
    for (const r of report.results) {
      assert.equal(r.status, 'pass', `${r.id}: ${r.message}`);
      assert.equal(r.score, 1, `${r.id} scores ${r.score}`);
    }
    assert.deepEqual(report.summary, { total: 7, passed: 7, failed: 0, errors: 0, noComponent: 0, noDesign: 0, regressions: 0 });
  });

  it('fails a dropped element, a changed colour and a lost text with exit 1; passes a 1-px shift and a taller page', () => {
    assert.equal(fullRun.code, 1, fullRun.stderr);
    const status = (id: string) => byId(fullReport, id).status;
    assert.equal(status('designs/login-form.png'), 'fail');
    assert.equal(status('designs/pricing-card.png'), 'fail');
    assert.equal(status('designs/settings-list.png'), 'fail');
    const shifted = byId(fullReport, 'designs/stats-grid.png');
    assert.equal(shifted.status, 'pass');
    assert.ok(shifted.scores!.mismatch > 0, 'the shift is seen');
    const taller = byId(fullReport, 'designs/profile-card.png');
    assert.equal(taller.status, 'pass');
    assert.ok(taller.scores!.renderedHeight > taller.scores!.height, `rendered ${taller.scores!.renderedHeight} vs design ${taller.scores!.height}`);
    assert.equal(status('designs/promo-banner@2x.png'), 'pass');
    // Failures come first in every output.
    const firstPass = fullReport.results.findIndex((r) => !r.failed);
    assert.ok(fullReport.results.slice(firstPass).every((r) => !r.failed));
    assert.equal(fullReport.summary.failed, 3);
  });

  it('reports a missing component and a component without a design, failing only with --strict', async () => {
    const missing = byId(fullReport, 'designs/nav-bar.png');
    assert.equal(missing.status, 'no-component');
    assert.equal(missing.failed, false);
    const orphan = byId(fullReport, `${checkOutDir}/Orphan.tsx`);
    assert.equal(orphan.status, 'no-design');
    assert.deepEqual([fullReport.summary.noComponent, fullReport.summary.noDesign], [1, 1]);

    const root = copyCheckFixture(tempDir('ui2code-check-'));
    fs.rmSync(component(root, 'NavBar.tsx'));
    const lenient = await cli(root, ['check']);
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stdout, /nav-bar\.png\s+no component found/);
    const strict = await cli(root, ['check', '--strict', '--json']);
    assert.equal(strict.code, 1);
    assert.equal(byId(json(strict), 'designs/nav-bar.png').failed, true);
  });

  it('writes the diff of a failed design into the report', () => {
    const failed = byId(fullReport, 'designs/login-form.png');
    assert.ok(failed.images, 'images recorded');
    const diff = decodePng(fs.readFileSync(path.join(edited, 'report', failed.images.diff)), failed.images.diff);
    let red = 0;
    for (let i = 0; i < diff.data.length; i += 4) if (diff.data[i] === 255 && diff.data[i + 1] === 0 && diff.data[i + 2] === 0) red++;
    assert.ok(red > 1000, `${red} red pixels in the diff`);
    assert.deepEqual([diff.width, diff.height], [480, 520]);
    const html = fs.readFileSync(path.join(edited, 'report', 'index.html'), 'utf8');
    assert.ok(html.includes(`src="${failed.images.diff}"`), 'the page refers to the diff beside it');
    assert.ok(!html.includes('data:image/png;base64,'), 'each picture is stored once, not inlined as well');
  });

  it('opens the HTML report in Chromium with the network blocked and shows every design', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const blocked: string[] = [];
    await page.setRequestInterception(true);
    const reportUrl = pathToFileURL(path.join(edited, 'report')).href;
    page.on('request', (request) => {
      if (request.url().startsWith(`${reportUrl}/`)) return void request.continue();
      blocked.push(request.url());
      void request.abort('blockedbyclient');
    });
    await page.goto(`${reportUrl}/index.html`, { waitUntil: 'load' });
    // The report's pictures load lazily (as a user scrolls to them): load them all before judging whether any is broken.
    await page.evaluate(() =>
      Promise.all([...document.querySelectorAll('section.result img')].map((img) => {
        (img as HTMLImageElement).loading = 'eager';
        return (img as HTMLImageElement).decode().catch(() => {});
      })),
    );
    const shown = await page.evaluate(() => {
      const sections = [...document.querySelectorAll('section.result')] as HTMLElement[];
      const images = [...document.querySelectorAll('section.result img')] as HTMLImageElement[];
      return {
        ids: sections.map((s) => s.dataset.id),
        statuses: sections.map((s) => s.dataset.status),
        images: images.length,
        broken: images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt || img.className),
        sliders: document.querySelectorAll('.slider input').length,
        title: document.title,
      };
    });
    assert.deepEqual(blocked, [], 'the report asked for nothing from the network');
    assert.deepEqual(shown.ids, fullReport.results.map((r) => r.id));
    assert.deepEqual(shown.ids.slice().sort(), [...ALL_IDS, `${checkOutDir}/Orphan.tsx`].sort());
    assert.deepEqual(shown.statuses.slice(0, 3), ['fail', 'fail', 'fail'], 'failures first');
    const rendered = fullReport.results.filter((r) => r.images).length;
    assert.equal(rendered, 6);
    assert.equal(shown.sliders, rendered);
    assert.equal(shown.images, rendered * 5, 'design, render, diff and the slider pair for each rendered design');
    assert.deepEqual(shown.broken, []);
    assert.match(shown.title, /3 of 8 failed/);
    // The slider moves the split between design and render.
    const clip = await page.evaluate(() => {
      const input = document.querySelector('.slider input') as HTMLInputElement;
      input.value = '20';
      input.dispatchEvent(new Event('input'));
      return (document.querySelector('.slider .over') as HTMLImageElement).style.clipPath;
    });
    assert.equal(clip, 'inset(0px 0px 0px 20%)');
    await page.close();
  });

  it('the report filters by status, searches, moves with j/k, zooms, switches picture modes, shows code, and goes dark', async () => {
    browser ??= await launchBrowser();
    const page = await browser.newPage();
    const reportUrl = pathToFileURL(path.join(edited, 'report')).href;
    await page.goto(`${reportUrl}/index.html`, { waitUntil: 'load' });
    const visible = () => page.evaluate(() => ([...document.querySelectorAll('section.result')] as HTMLElement[]).filter((s) => !s.hidden).map((s) => s.dataset.id));
    const all = await visible();
    assert.equal(all.length, fullReport.results.length);

    await page.click('.filters button[data-group="failed"]');
    assert.deepEqual(await visible(), fullReport.results.filter((r) => r.failed).map((r) => r.id));
    await page.click('.filters button[data-group="all"]');
    await page.type('#search', 'pricing');
    assert.deepEqual(await visible(), ['designs/pricing-card.png']);
    await page.click('#search', { count: 3 });
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
    assert.equal((await visible()).length, all.length);

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const current = await page.evaluate(() => (document.querySelector('section.result.current') as HTMLElement | null)?.dataset.id);
    assert.equal(current, all[1], 'j twice lands on the second design');
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => (document.querySelector('section.result.current') as HTMLElement | null)?.dataset.id), all[0]);

    const first = fullReport.results.find((r) => r.images)!;
    const sel = `section[data-id="${first.id}"]`;
    await page.click(`${sel} figure.diff img`);
    assert.equal(await page.evaluate(() => (document.getElementById('zoom') as HTMLElement).hidden), false);
    assert.match(await page.evaluate(() => (document.querySelector('#zoom img') as HTMLImageElement).src), /\.diff\.png$/);
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => (document.getElementById('zoom') as HTMLElement).hidden), true);

    const shownFigures = () => page.evaluate((s) => ([...document.querySelectorAll(`${s} figure, ${s} .slider`)] as HTMLElement[]).filter((e) => e.offsetParent !== null).map((e) => e.className), sel);
    assert.deepEqual(await shownFigures(), ['design', 'render', 'diff']);
    await page.click(`${sel} .modes button[data-mode="diff"]`);
    assert.deepEqual(await shownFigures(), ['diff']);
    await page.click(`${sel} .modes button[data-mode="slider"]`);
    assert.deepEqual(await shownFigures(), ['slider']);

    await page.click(`${sel} .tabs button[data-tab="code"]`);
    const code = await page.evaluate((s) => (document.querySelector(`${s} [data-panel="code"]`) as HTMLElement).innerText, sel);
    assert.equal(code.trim(), fs.readFileSync(path.join(edited, first.component!), 'utf8').trim(), 'the code tab shows the checked component');

    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    const light = await background();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    assert.notEqual(await background(), light, 'dark mode follows the system');
    await page.close();
  });

  it('writes JUnit XML that parses and counts the failures', async () => {
    browser ??= await launchBrowser();
    const page = await browser.newPage();
    const xml = fs.readFileSync(path.join(edited, 'report', 'junit.xml'), 'utf8');
    const parsed = await page.evaluate((text: string) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const suite = doc.querySelector('testsuite');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        tests: suite?.getAttribute('tests'),
        failures: suite?.getAttribute('failures'),
        skipped: suite?.getAttribute('skipped'),
        cases: doc.querySelectorAll('testcase').length,
        failed: [...doc.querySelectorAll('testcase')].filter((c) => c.querySelector('failure')).map((c) => c.getAttribute('name')),
      };
    }, xml);
    await page.close();
    assert.equal(parsed.error, null);
    assert.equal(parsed.tests, '8');
    assert.equal(parsed.failures, '3');
    assert.equal(parsed.skipped, '2');
    assert.equal(parsed.cases, 8);
    assert.deepEqual(parsed.failed.sort(), ['designs/login-form.png', 'designs/pricing-card.png', 'designs/settings-list.png']);
  });

  it('on GitHub Actions, annotates each failure and appends a job summary', async () => {
    const summary = path.join(edited, 'summary.md');
    fs.writeFileSync(summary, '# earlier step\n');
    const run = await cli(edited, ['check'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: path.dirname(edited) });
    assert.equal(run.code, 1);
    const prefix = path.basename(edited);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error '));
    assert.deepEqual(errors.map((line) => /file=([^,]+)/.exec(line)?.[1]).sort(), [
      `${prefix}/${checkOutDir}/LoginForm.tsx`,
      `${prefix}/${checkOutDir}/PricingCard.tsx`,
      `${prefix}/${checkOutDir}/SettingsList.tsx`,
    ]);
    assert.ok(errors.every((line) => /::designs\/[a-z-]+\.png no longer looks like its design: score 0\.\d+ is under the threshold 0\.8$/.test(line)), errors.join('\n'));
    assert.ok(run.stdout.includes(`::warning file=${prefix}/designs/nav-bar.png,title=ui2code check::designs/nav-bar.png has no component`));
    const markdown = fs.readFileSync(summary, 'utf8');
    assert.ok(markdown.startsWith('# earlier step\n'), 'appended, not overwritten');
    assert.match(markdown, /### ❌ ui2code check: 3 of 8 failed/);
    for (const id of ALL_IDS) assert.ok(markdown.includes(`| ${id} |`), `${id} in the summary`);
  });

  it('splits into shards that cover every design once and merge into the unsharded report', async () => {
    const one = await cli(edited, ['check', '--json', '--shard', '1/2', '--report', 'shard-1']);
    const two = await cli(edited, ['check', '--json', '--shard', '2/2', '--report', 'shard-2']);
    const ids = [...json(one).results, ...json(two).results].map((r) => r.id).sort();
    assert.deepEqual(ids, fullReport.results.map((r) => r.id).sort(), 'every design in exactly one shard');
    assert.ok(json(one).results.length > 0 && json(two).results.length > 0, 'both shards have work');
    assert.deepEqual(json(one).shard, { index: 1, count: 2 });

    const merged = await cli(edited, ['merge-reports', 'shard-1', 'shard-2', '--out', 'merged', '--json']);
    assert.equal(merged.code, fullRun.code, merged.stderr);
    assert.equal(merged.stderr, '', 'no warnings for a complete set of shards');
    const mergedReport = JSON.parse(fs.readFileSync(path.join(edited, 'merged', 'report.json'), 'utf8')) as CheckReport;
    assert.deepEqual(comparable(mergedReport), comparable(fullReport));
    assert.deepEqual(comparable(json(merged)), comparable(fullReport));
    for (const r of mergedReport.results.filter((x) => x.images)) {
      assert.deepEqual(fs.readFileSync(path.join(edited, 'merged', r.images!.render)), fs.readFileSync(path.join(edited, 'report', r.images!.render)), `${r.id} render`);
    }
    const html = fs.readFileSync(path.join(edited, 'merged', 'index.html'), 'utf8');
    assert.equal((html.match(/<section class="result/g) ?? []).length, fullReport.results.length);

    const partial = await cli(edited, ['merge-reports', 'shard-1', '--out', 'partial']);
    assert.match(partial.stderr, /shard 2\/2 missing/);
  });

  it('scores the same with and without a report (so accepted scores compare alike)', async () => {
    const plain = json(await cli(edited, ['check', '--json']));
    // The report folder's own files (pictures, code copies) are what --report adds; every score is the same.
    const strip = (report: CheckReport) => comparable(report).results.map(({ images: _, code: __, ...rest }) => rest);
    assert.deepEqual(strip(plain), strip(fullReport));
  });

  it('reports a regression against the manifest even when passing, and --update accepts the current scores', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    edit(root, 'StatsGrid.tsx', (s) => s.replace('padding: 24,', 'padding: 24, paddingLeft: 25, paddingTop: 25,'));
    const manifest = path.join(root, '.ui2code/manifest.json');
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    const designs = Object.fromEntries(CHECK_FIXTURES.map((f) => [`designs/${f.design}`, { file: `${checkOutDir}/${f.component}`, score: 1, scoreVersion: SCORE_VERSION }]));
    fs.writeFileSync(manifest, JSON.stringify({ designs }));
    const first = await cli(root, ['check', '--json', '--update']);
    assert.equal(first.code, 0, first.stderr);
    const drop = byId(json(first), 'designs/stats-grid.png');
    assert.equal(drop.status, 'pass');
    assert.equal(drop.regression, true);
    assert.equal(drop.accepted, 1);
    assert.equal(json(first).summary.regressions, 1);
    const second = await cli(root, ['check', '--json']);
    const again = byId(json(second), 'designs/stats-grid.png');
    assert.equal(again.accepted, drop.score, 'the score was accepted');
    assert.equal(again.regression, false);
    assert.equal(json(second).summary.regressions, 0);
  });

  it('never compares with a score from an older formula: it re-baselines, says so, and --update records the version', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    edit(root, 'StatsGrid.tsx', (s) => s.replace('padding: 24,', 'padding: 24, paddingLeft: 25, paddingTop: 25,'));
    const manifest = path.join(root, '.ui2code/manifest.json');
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    // Written before the version was recorded (version 1), and once by an explicit older version.
    const designs = Object.fromEntries(
      CHECK_FIXTURES.map((f, i) => [`designs/${f.design}`, { file: `${checkOutDir}/${f.component}`, score: 1, ...(i % 2 ? { scoreVersion: SCORE_VERSION - 1 } : {}) }]),
    );
    fs.writeFileSync(manifest, JSON.stringify({ designs }));
    const first = await cli(root, ['check', '--json', '--update']);
    assert.equal(first.code, 0, first.stderr);
    const drop = byId(json(first), 'designs/stats-grid.png');
    assert.equal(drop.status, 'pass');
    assert.equal(drop.regression, undefined, 'no regression against another formula');
    assert.equal(drop.accepted, undefined);
    assert.match(drop.message ?? '', /re-baselined/);
    assert.equal(json(first).summary.regressions, 0);
    const recorded = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { designs: Record<string, { acceptedScore?: number; scoreVersion?: number }> };
    assert.equal(recorded.designs['designs/stats-grid.png'].scoreVersion, SCORE_VERSION);
    assert.equal(recorded.designs['designs/stats-grid.png'].acceptedScore, drop.score);
    const again = byId(json(await cli(root, ['check', '--json'])), 'designs/stats-grid.png');
    assert.equal(again.accepted, drop.score, 'compared with the re-baselined score');
    assert.equal(again.message, undefined);
  });

  it('pairs through the manifest when the component has another name', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    fs.renameSync(component(root, 'NavBar.tsx'), component(root, 'TopNavigation.tsx'));
    const manifest = path.join(root, '.ui2code/manifest.json');
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    fs.writeFileSync(manifest, JSON.stringify({ designs: { 'designs/nav-bar.png': { file: `${checkOutDir}/TopNavigation.tsx`, score: 0.99 } } }));
    const run = await cli(root, ['check', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const nav = byId(json(run), 'designs/nav-bar.png');
    assert.equal(nav.component, `${checkOutDir}/TopNavigation.tsx`);
    assert.equal(nav.status, 'pass');
    assert.equal(json(run).summary.total, 7);
  });

  it('reports a component that throws and a truncated design as errors of those designs, and keeps checking the others', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    edit(root, 'NavBar.tsx', (s) => s.replace('const links = [', "const links: string[] = (() => { throw new Error('links unavailable'); })() ?? ["));
    fs.writeFileSync(path.join(root, 'designs', 'broken.png'), Buffer.concat([fs.readFileSync(path.join(root, 'designs', 'nav-bar.png')).subarray(0, 200)]));
    fs.writeFileSync(component(root, 'Broken.tsx'), 'export default function Broken() {\n  return <div />;\n}\n');
    const run = await cli(root, ['check', '--json', '--junit', 'junit.xml']);
    assert.equal(run.code, 1, run.stderr);
    const report = json(run);
    const truncated = byId(report, 'designs/broken.png');
    assert.equal(truncated.status, 'error');
    assert.equal(truncated.errorCode, 'BAD_IMAGE');
    assert.match(truncated.message!, /^designs\/broken\.png: /, 'named relative to the project');
    const broken = byId(report, 'designs/nav-bar.png');
    assert.equal(broken.status, 'error');
    assert.equal(broken.errorCode, 'RENDER_ERROR');
    assert.match(broken.message!, /NavBar\.tsx.*links unavailable/);
    assert.equal(report.summary.passed, 6);
    assert.match(fs.readFileSync(path.join(root, 'junit.xml'), 'utf8'), /<error message="[^"]*links unavailable[^"]*" type="RENDER_ERROR">/);
  });

  it('exits 2 on bad arguments and 3 without a browser', async () => {
    for (const args of [['--shard', '3/2'], ['--shard', 'half'], ['--threshold', '1.5'], ['--threshold', 'high'], ['--bogus']]) {
      const run = await cli(pristine, ['check', ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    }
    const run = await cli(pristine, ['check', '--browser', path.join(pristine, 'no-such-chrome')]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /browser/i);
  });
});

describe('config file', () => {
  let root: string;
  before(() => {
    root = copyCheckFixture(tempDir('ui2code-config-'));
    // Scores about 0.95: passes the default 0.8, fails 0.99.
    edit(root, 'StatsGrid.tsx', (s) => s.replace('padding: 24,', 'padding: 24, paddingLeft: 25, paddingTop: 25,'));
  });
  const clearConfigs = () => {
    for (const f of fs.readdirSync(root)) if (f.startsWith('ui2code.config.')) fs.rmSync(path.join(root, f));
  };

  it('loads ui2code.config.ts with defineConfig from ui2code, and flags override it', async () => {
    clearConfigs();
    fs.writeFileSync(
      path.join(root, 'ui2code.config.ts'),
      "import { defineConfig, type UserConfig } from 'ui2code';\n\nconst strictness: number = 0.99;\nexport default defineConfig({ threshold: strictness } satisfies UserConfig);\n",
    );
    const fromFile = await cli(root, ['check', '--json']);
    assert.equal(fromFile.code, 1, fromFile.stderr);
    assert.equal(json(fromFile).threshold, 0.99);
    assert.deepEqual(json(fromFile).results.filter((r) => r.failed).map((r) => r.id), ['designs/stats-grid.png']);
    const flagged = await cli(root, ['check', '--json', '--threshold', '0.9']);
    assert.equal(flagged.code, 0, flagged.stderr);
    assert.equal(json(flagged).threshold, 0.9);
    const ignored = await cli(root, ['check', '--json', '--no-config']);
    assert.equal(json(ignored).threshold, 0.8, 'the default');
  });

  it('loads ui2code.config.json with folders and per-design thresholds', async () => {
    clearConfigs();
    fs.renameSync(path.join(root, 'designs'), path.join(root, 'mockups'));
    try {
      fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ designs: 'mockups', designOverrides: { 'stats-grid.png': { threshold: 0.99 } } }));
      const run = await cli(root, ['check', '--json']);
      assert.equal(run.code, 1, run.stderr);
      const report = json(run);
      assert.equal(report.summary.total, 7);
      assert.equal(byId(report, 'mockups/stats-grid.png').threshold, 0.99);
      assert.equal(byId(report, 'mockups/stats-grid.png').status, 'fail');
      assert.equal(byId(report, 'mockups/nav-bar.png').threshold, 0.8);
    } finally {
      fs.renameSync(path.join(root, 'mockups'), path.join(root, 'designs'));
    }
  });

  it('refuses a bad config with exit 2, naming the file and the field', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['ui2code.config.json', JSON.stringify({ threshold: 'high' }), /ui2code\.config\.json: option 'threshold' must be a number between 0 and 1/],
      ['ui2code.config.json', JSON.stringify({ treshold: 0.5 }), /ui2code\.config\.json: unknown option 'treshold' \(did you mean 'threshold'\?\)/],
      ['ui2code.config.json', '{ "threshold": ', /ui2code\.config\.json: cannot load the config file/],
      ['ui2code.config.mjs', 'export default { designOverrides: { "a.png": { threshold: 2 } } };\n', /ui2code\.config\.mjs: option 'designOverrides\['a\.png'\]\.threshold' must be a number between 0 and 1/],
      ['ui2code.config.ts', 'export default { renderWorkers: 0 };\n', /ui2code\.config\.ts: option 'renderWorkers' must be a whole number from 1 to 64/],
      ['ui2code.config.ts', 'export default {{ broken\n', /ui2code\.config\.ts: cannot load the config file/],
    ];
    for (const [file, text, message] of cases) {
      clearConfigs();
      fs.writeFileSync(path.join(root, file), text);
      const run = await cli(root, ['check']);
      assert.equal(run.code, 2, `${file} ${text}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    clearConfigs();
  });
});

describe('config loader', () => {
  it('resolves defaults, folders against the root, and the provider from the environment', async () => {
    const root = tempDir('ui2code-config-');
    const config = await loadConfig({ root, env: {} });
    assert.equal(config.designs, path.join(root, 'designs'));
    assert.equal(config.outDir, path.join(root, 'src/components/generated'));
    assert.deepEqual([config.rounds, config.target, config.threshold, config.regressionTolerance, config.maxUploadSide], [2, 0.9, 0.8, 0.02, 2048]);
    assert.deepEqual(config.limits, { maxSide: 8192, maxPixels: 40_000_000, maxBytes: 25 * 1024 * 1024 });
    assert.equal(config.provider, 'local');
    assert.equal(config.configFile, undefined);
    assert.equal((await loadConfig({ root, env: { OPENAI_API_KEY: 'k' } })).provider, 'openai');
    assert.equal((await loadConfig({ root, env: { OPENAI_API_KEY: 'k', ZAI_API_KEY: 'z' } })).provider, 'glm');
    assert.equal((await loadConfig({ root, env: { ZHIPUAI_API_KEY: 'z' }, overrides: { provider: 'local' } })).provider, 'local');
  });

  it('merges flags over the file over the defaults, field by field', async () => {
    const root = tempDir('ui2code-config-');
    fs.writeFileSync(
      path.join(root, 'ui2code.config.mjs'),
      "export default { rounds: 0, target: 0.95, outDir: 'app/ui', limits: { maxSide: 4000 }, designOverrides: { 'a.png': { threshold: 0.5, rounds: 1 } } };\n",
    );
    const config = await loadConfig({ root, env: {}, overrides: { target: 0.7, rounds: undefined, limits: { maxPixels: 1000 }, designOverrides: { 'a.png': { threshold: 0.6 } } } });
    assert.equal(config.configFile, path.join(root, 'ui2code.config.mjs'));
    assert.equal(config.rounds, 0, 'file over default; an undefined flag does not erase it');
    assert.equal(config.target, 0.7, 'flag over file');
    assert.equal(config.outDir, path.join(root, 'app/ui'));
    assert.deepEqual(config.limits, { maxSide: 4000, maxPixels: 1000, maxBytes: 25 * 1024 * 1024 });
    assert.deepEqual(config.designOverrides, { 'a.png': { threshold: 0.6, rounds: 1 } });
  });

  it('finds per-design thresholds by file name or by path', () => {
    const config = { root: '/p', designs: '/p/designs', threshold: 0.8, designOverrides: { 'login.png': { threshold: 0.7 }, 'designs/auth/signup.png': { threshold: 0.6 }, 'auth/reset.png': { threshold: 0.5 } } };
    assert.equal(thresholdFor(config, '/p/designs/login.png'), 0.7);
    assert.equal(thresholdFor(config, 'designs/deep/login.png'), 0.7);
    assert.equal(thresholdFor(config, '/p/designs/auth/signup.png'), 0.6);
    assert.equal(thresholdFor(config, '/p/designs/auth/reset.png'), 0.5);
    assert.equal(thresholdFor(config, '/p/designs/other.png'), 0.8);
  });

  it('refuses an explicit config file that does not exist, and overrides that are invalid', async () => {
    const root = tempDir('ui2code-config-');
    await assert.rejects(loadConfig({ root, configFile: 'nope.config.ts' }), (e) => isUi2CodeError(e, 'CONFIG') && /nope\.config\.ts: config file not found/.test(e.message));
    await assert.rejects(loadConfig({ root, overrides: { rounds: -1 } }), (e) => isUi2CodeError(e, 'CONFIG') && /command line: option 'rounds'/.test(e.message));
  });
});

describe('check building blocks', () => {
  it('assigns shards stably and parses --shard', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `designs/screen-${i}.png`);
    const first = ids.map((id) => shardOf(id, 4));
    assert.deepEqual(ids.map((id) => shardOf(id, 4)), first, 'same answer every time');
    const sizes = [1, 2, 3, 4].map((k) => first.filter((s) => s === k).length);
    assert.ok(sizes.every((n) => n > 25), `balanced enough: ${sizes}`);
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', 'x', '1/2/3']) assert.throws(() => parseShard(bad), (e) => isUi2CodeError(e, 'CONFIG'));
  });

  it('decides pass, fail and regression from the score, the threshold and the accepted score', () => {
    const base = { threshold: 0.8, tolerance: 0.02, strict: false };
    assert.deepEqual(decide({ ...base, score: 0.8 }), { status: 'pass', failed: false });
    assert.deepEqual(decide({ ...base, score: 0.79 }), { status: 'fail', failed: true });
    assert.deepEqual(decide({ ...base, score: 0.9, accepted: 0.93 }), { status: 'pass', failed: false, regression: true });
    assert.deepEqual(decide({ ...base, score: 0.91, accepted: 0.93 }), { status: 'pass', failed: false, regression: false });
    assert.deepEqual(decide({ ...base, missing: 'component' }), { status: 'no-component', failed: false });
    assert.deepEqual(decide({ ...base, strict: true, missing: 'design' }), { status: 'no-design', failed: true });
    assert.deepEqual(decide({ ...base, error: true }), { status: 'error', failed: true });
  });

  it('escapes GitHub workflow command data and properties', () => {
    const report = {
      tool: 'ui2code check', version: 1, threshold: 0.8, regressionTolerance: 0.02, strict: false,
      summary: { total: 1, passed: 0, failed: 1, errors: 0, noComponent: 0, noDesign: 0, regressions: 0 },
      results: [{ id: 'designs/a,b:c%.png', design: 'designs/a,b:c%.png', component: 'src/A.tsx', status: 'error', failed: true, threshold: 0.8, message: 'line one\nline two' }],
    } satisfies CheckReport;
    assert.deepEqual(annotations(report, '/repo', { GITHUB_WORKSPACE: '/repo' }), ['::error file=src/A.tsx,title=ui2code check::designs/a,b:c%25.png: line one%0Aline two']);
    assert.match(summaryMarkdown(report), /\| ❌ \| designs\/a,b:c%\.png \| src\/A\.tsx \|/);
  });
});
