// The pending workflow as a user meets it: a hand-edited component gets a new version in .ui2code/pending/, and
// `ui2code pending` lists it, shows the diff, accepts or discards it; `check` names it when the edited file fails.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/load.js';
import type { Provider } from '../src/generate/provider.js';
import { convertDesign } from '../src/pipeline.js';
import { parseHeader } from '../src/write/header.js';
import { readManifest } from '../src/write/manifest.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');

const fixed = (code: string): Provider => ({
  name: 'openai',
  model: 'scripted',
  cost: () => 0,
  async generate() {
    return { code, raw: code, usage: { promptTokens: 10, completionTokens: 10 }, provider: 'openai', model: 'scripted' };
  },
});

async function cli(root: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '', CI: 'true' }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ui2code pending', () => {
  const renderer = testRenderer();

  /** A project whose Card.tsx was edited by hand after generation, with a new version waiting. */
  async function edited() {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'designs'));
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const design = path.join(root, 'designs/card.png');
    const first = await convertDesign(design, { config, renderer, provider: fixed(card), cache: false });
    assert.equal(first.status, 'written');
    const edit = fs.readFileSync(first.file, 'utf8').replace('Monthly report', 'Yearly summary of everything');
    assert.notEqual(edit, fs.readFileSync(first.file, 'utf8'), 'the fixture text to edit is there');
    fs.writeFileSync(first.file, edit);
    const second = await convertDesign(design, { config, renderer, provider: fixed(card), cache: false });
    assert.equal(second.status, 'pending');
    return { root, file: first.file, edit, pendingFile: second.file, score: second.score };
  }

  it('lists the waiting version with its design, target and score, and shows the diff', async () => {
    const { root, pendingFile, score } = await edited();
    const listed = await cli(root, ['pending', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const { pending } = JSON.parse(listed.stdout);
    assert.equal(pending.length, 1);
    assert.equal(pending[0].component, 'Card');
    assert.equal(pending[0].design, 'designs/card.png');
    assert.deepEqual(pending[0].files, [{ pending: path.relative(root, pendingFile), target: path.join('src', 'components', 'generated', 'Card.tsx') }]);
    assert.equal(pending[0].score, score);

    const diff = await cli(root, ['pending', '--diff', 'Card']);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /^-.*Yearly summary of everything/m, 'the hand edit is what the new version removes');
    assert.match(diff.stdout, /^\+.*Monthly report/m);
    // Nothing was settled by looking.
    assert.ok(fs.existsSync(pendingFile));
  });

  it('--accept puts the new version in place, records it in the manifest and empties the folder', async () => {
    const { root, file, pendingFile } = await edited();
    const manifestBefore = await readManifest(root);
    const accepted = await cli(root, ['pending', '--accept', 'designs/card.png']);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(accepted.stdout, /accepted/);
    const now = fs.readFileSync(file, 'utf8');
    assert.match(now, /Monthly report/);
    assert.equal(parseHeader(now)?.intact, true, 'the accepted file is ours again: later runs may update it');
    assert.ok(!fs.existsSync(pendingFile));
    assert.ok(!fs.existsSync(path.join(root, '.ui2code/pending/Card.json')));
    const entry = (await readManifest(root))!.designs['designs/card.png'];
    assert.notEqual(entry.updatedAt, manifestBefore!.designs['designs/card.png'].updatedAt);
    assert.equal((await cli(root, ['pending', '--json'])).stdout.trim(), '{"pending":[]}');
  });

  it('--discard drops the new version and keeps the edit', async () => {
    const { root, file, edit, pendingFile } = await edited();
    const discarded = await cli(root, ['pending', '--discard']);
    assert.equal(discarded.code, 0, discarded.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), edit);
    assert.ok(!fs.existsSync(pendingFile));
  });

  it('names an unknown component with exit 2, and refuses --accept with --discard', async () => {
    const { root } = await edited();
    const unknown = await cli(root, ['pending', '--accept', 'Nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no pending version for Nope/);
    assert.equal((await cli(root, ['pending', '--accept', '--discard'])).code, 2);
  });

  it('check names the waiting version when the edited file fails', async () => {
    const { root, pendingFile } = await edited();
    const checked = await cli(root, ['check', '--threshold', '0.999', '--json']);
    assert.equal(checked.code, 1, checked.stderr);
    const report = JSON.parse(checked.stdout);
    const result = report.results.find((r: { id: string }) => r.id === 'designs/card.png');
    assert.equal(result.failed, true);
    assert.equal(result.pending, path.relative(root, pendingFile));
    assert.match(result.message, /ui2code pending --diff Card/);
  });

  it('a newer version written in place removes the stale waiting one', async () => {
    const { root, pendingFile } = await edited();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const forced = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: fixed(card), cache: false, force: true });
    assert.equal(forced.status, 'written');
    assert.ok(!fs.existsSync(pendingFile));
  });
});
