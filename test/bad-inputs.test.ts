// Bad inputs a hostile or broken checkout can hold, each refused clearly without reading what it should not: a manifest
// naming files outside the project, a component linked out of it, a missing designs folder, a component that throws,
// an output folder on a file system that refuses folders, and a design whose file name is not UTF-8.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CHECK_FIXTURES, checkOutDir, copyCheckFixture } from './support/check-fixtures.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

async function cli(root: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '', CI: 'true' }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A secret outside the project, written like a component so a bundler would happily read it. */
function secretOutside(): string {
  const file = path.join(tempDir('ui2code-secret-'), 'Secret.tsx');
  fs.writeFileSync(file, 'TOP-SECRET-LINE: root:x:0:0\nexport default 1;\n');
  return file;
}

describe('check with a crafted checkout', () => {
  it('a manifest entry naming a file outside the project is refused (exit 2) without reading it', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    const secret = secretOutside();
    const first = CHECK_FIXTURES[0];
    for (const file of [secret, path.relative(root, secret)]) {
      fs.mkdirSync(path.join(root, '.ui2code'), { recursive: true });
      fs.writeFileSync(path.join(root, '.ui2code/manifest.json'), JSON.stringify({ designs: { [`designs/${first.design}`]: { file } } }));
      const run = await cli(root, ['check', '--json']);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /names a file outside the project/);
      assert.doesNotMatch(run.stdout + run.stderr, /TOP-SECRET/);
    }
  });

  it('a component that links out of the project is an error of that design, its text never printed', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    const first = CHECK_FIXTURES[0];
    const component = path.join(root, checkOutDir, first.component);
    fs.rmSync(component);
    fs.symlinkSync(secretOutside(), component);
    const run = await cli(root, ['check', '--json']);
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout + run.stderr, /TOP-SECRET/);
    const result = JSON.parse(run.stdout).results.find((r: { id: string }) => r.id === `designs/${first.design}`);
    assert.equal(result.status, 'error');
    assert.match(result.message, /link to a file outside the project/);
  });

  it('a designs folder that does not exist exits 2 naming it', async () => {
    const root = copyCheckFixture(tempDir('ui2code-check-'));
    const run = await cli(root, ['check', '--designs', 'nowhere']);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stderr, /nowhere: the designs folder does not exist/);
  });
});

describe('compare and convert with bad inputs', () => {
  it('compare of a component that throws exits 1 and says so', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'Throws.tsx'), "export default function Throws(): never { throw new Error('boom from the component'); }\n");
    const run = await cli(root, ['compare', path.join(fixturesDir, 'engine/card.png'), 'Throws.tsx', '--json']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Throws\.tsx: the component threw while rendering: .*boom from the component/);
    assert.ok(JSON.parse(run.stdout).pageErrors.length > 0, 'the JSON still comes, with the error');
  });

  it('an output folder on a file system that refuses folders fails with a clear error instead of hanging', async (t) => {
    if (!fs.existsSync('/proc/self')) return t.diagnostic('no /proc here');
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'designs'));
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
    const run = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--rounds', '0', '--out', '/proc/ui2code-test-out', '--json']);
    assert.equal(run.code, 1, run.stderr);
    const [result] = JSON.parse(run.stdout).results;
    assert.equal(result.status, 'failed');
    assert.match(result.error, /\/proc\/ui2code-test-out: cannot create the folder \(ENOENT: this file system does not accept new folders\)/);
  });

  it('a design whose file name is not valid UTF-8 is read and converted', async () => {
    const root = tempDir();
    const designs = path.join(root, 'designs');
    fs.mkdirSync(designs);
    // "café.png" in Latin-1: the é is the single byte 0xE9, not UTF-8.
    fs.writeFileSync(Buffer.concat([Buffer.from(`${designs}/caf`), Buffer.from([0xe9]), Buffer.from('.png')]), fs.readFileSync(path.join(fixturesDir, 'engine/card.png')));
    const run = await cli(root, ['convert', 'designs', '--provider', 'local', '--rounds', '0', '--json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const [result] = JSON.parse(run.stdout).results;
    assert.equal(result.status, 'written');
    assert.ok(fs.existsSync(result.file), result.file);
    assert.match(path.basename(result.file), /^[A-Z][A-Za-z0-9]*\.tsx$/);
  });
});
