// `ui2code compare` as a user runs it: a real process, real browser, exit codes and JSON as promised.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { cliArgs, fixturesDir, repoRoot, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';
import { encodePng } from '../src/intake/png.js';

const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const design = path.join(fixturesDir, 'engine/card.png');
const component = path.join(fixturesDir, 'engine/Card.tsx');

describe('ui2code compare', () => {
  it('prints the figures as JSON and writes a diff', async () => {
    const out = path.join(tempDir(), 'diff.png');
    const { code, stdout } = await run(['compare', design, component, '--json', '--diff', out]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    for (const key of ['mismatch', 'fgMismatch', 'score', 'width', 'height', 'renderedWidth', 'renderedHeight']) assert.equal(typeof result[key], 'number', key);
    assert.equal(result.mismatch, 0);
    assert.equal(result.width, 400);
    const diff = PNG.sync.read(fs.readFileSync(out));
    assert.equal(diff.width, 400);
  });

  it('measures a drifted component as worse', async () => {
    const dir = tempDir();
    const drifted = path.join(dir, 'Drifted.tsx');
    fs.writeFileSync(drifted, fs.readFileSync(component, 'utf8').replace('Monthly report', 'Weekly summary'));
    const { code, stdout } = await run(['compare', design, drifted, '--json']);
    assert.equal(code, 0);
    assert.ok(JSON.parse(stdout).mismatch > 0);
  });

  it('reports typography: a component set regular where the design is bold scores lower, though its pixels hardly differ', async () => {
    const dir = tempDir();
    const source = fs.readFileSync(path.join(fixturesDir, 'typography/team.tsx'), 'utf8');
    const renderer = testRenderer();
    try {
      const shot = await renderer.render(source, { width: 800, height: 600, deviceScaleFactor: 1 });
      fs.writeFileSync(path.join(dir, 'team.png'), encodePng(shot.image));
    } finally {
      await renderer.close();
    }
    fs.writeFileSync(path.join(dir, 'Team.tsx'), source);
    // Every bold line set regular.
    fs.writeFileSync(path.join(dir, 'Flat.tsx'), source.replaceAll('fontWeight: 700', 'fontWeight: 400').replaceAll('bold 14px', '14px'));
    const same = JSON.parse((await run(['compare', path.join(dir, 'team.png'), path.join(dir, 'Team.tsx'), '--json'])).stdout);
    const flat = JSON.parse((await run(['compare', path.join(dir, 'team.png'), path.join(dir, 'Flat.tsx'), '--json'])).stdout);
    assert.equal(typeof same.typography, 'number');
    assert.ok(same.typography >= 0.85, `the component itself: typography ${same.typography}`);
    if (process.env.UI2CODE_SHOW_TYPOGRAPHY) console.log(same.typography, flat.typography, same.mismatch, flat.mismatch);
    assert.ok(flat.mismatch < 0.02, `pixels hardly differ: mismatch ${flat.mismatch}`);
    assert.ok(flat.typography <= same.typography - 0.05, `set flat: typography ${flat.typography} against ${same.typography}`);
    const text = (await run(['compare', path.join(dir, 'team.png'), path.join(dir, 'Flat.tsx')])).stdout;
    assert.match(text, /typography\s+0\.\d{3}/);
  });

  it('exits 2 on bad arguments or an unreadable image', async () => {
    assert.equal((await run(['compare', design])).code, 2);
    const broken = path.join(tempDir(), 'broken.png');
    fs.writeFileSync(broken, 'not an image');
    const result = await run(['compare', broken, component]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /broken\.png/);
    assert.match(result.stderr, /not a PNG, JPEG or WebP/);
  });

  it('exits 3 when no browser can be found', async () => {
    const result = await run(['compare', design, component], { UI2CODE_CHROME: path.join(tempDir(), 'no-chrome') });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /browser install/);
  });

  it('doctor finds the browser and the fonts', async () => {
    const { code, stdout } = await run(['doctor', '--json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.browser.ok, true);
    assert.equal(report.fonts.ok, true);
    assert.ok(report.fonts.installed.includes('Arimo'));
  });
});
