// Bad inputs from the list, each through the CLI as users meet it: a manifest that points outside the project,
// a missing designs folder, a component that throws, an output folder on a special file system, a design whose file
// name is not valid UTF-8. Each must end with a clear error and the promised exit code, and read nothing it should not.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { readDesign } from '../src/intake/decode.js';
import { completion, mockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const env = { ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '' };

async function run(file: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, env: { ...process.env, ...env, ...extra }, timeout: 150_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const cli = (root: string, args: string[], extra: NodeJS.ProcessEnv = {}) => run(process.execPath, cliArgs(...args), root, extra);

/** A project with designs/card.png and its known component in the default output folder. */
function project(): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  fs.mkdirSync(path.join(root, 'src/components/generated'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src/components/generated/Card.tsx'), card);
  return root;
}

const writeManifest = (root: string, designs: Record<string, unknown>) => {
  fs.mkdirSync(path.join(root, '.ui2code'), { recursive: true });
  fs.writeFileSync(path.join(root, '.ui2code/manifest.json'), JSON.stringify({ version: 1, designs }));
};

describe('check', () => {
  it('a report folder on a special file system (/proc) fails with the folder named instead of hanging', async () => {
    const root = project();
    const { code, stderr } = await cli(root, ['check', '--report', '/proc/ui2code-report']);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /cannot create the folder \/proc\/ui2code-report/);
  });

  it('refuses manifest entries that lead outside the project (absolute, ../, a link), printing nothing of the file', async () => {
    const root = project();
    const secret = tempDir();
    fs.writeFileSync(path.join(secret, 'Secret.tsx'), 'SECRET-LINE-never-printed\nexport default function S() { return null; }\n');
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/second.png'));
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/third.png'));
    fs.symlinkSync(path.join(secret, 'Secret.tsx'), path.join(root, 'src/components/generated/Linked.tsx'));
    writeManifest(root, {
      'designs/card.png': { file: path.join(secret, 'Secret.tsx') },
      'designs/second.png': { file: path.relative(root, path.join(secret, 'Secret.tsx')) },
      'designs/third.png': { file: 'src/components/generated/Linked.tsx' },
      '../elsewhere.png': { file: '/etc/passwd' },
    });
    const { code, stdout, stderr } = await cli(root, ['check', '--json']);
    assert.equal(code, 1, stderr);
    assert.ok(!`${stdout}${stderr}`.includes('SECRET-LINE'), 'the file is never read into the output');
    assert.ok(!`${stdout}${stderr}`.includes('root:x:0:0'), '/etc/passwd is never read into the output');
    const report = JSON.parse(stdout) as { results: Array<{ id: string; status: string; message?: string; failed: boolean }> };
    for (const id of ['designs/card.png', 'designs/second.png', 'designs/third.png', '../elsewhere.png']) {
      const result = report.results.find((r) => r.id === id);
      assert.ok(result, `${id} reported (${report.results.map((r) => r.id).join(', ')})`);
      assert.equal(result.status, 'error', id);
      assert.ok(result.failed, id);
      assert.match(result.message ?? '', /outside the project/, id);
    }
  });

  it('a designs folder that does not exist exits 2 naming it', async () => {
    const root = project();
    const { code, stderr } = await cli(root, ['check', '--designs', 'missing-dir']);
    assert.equal(code, 2);
    assert.match(stderr, /missing-dir.*designs folder does not exist/);
  });
});

describe('compare', () => {
  it('exits 1 when the component throws, and prints the error', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'Throws.tsx'), 'export default function Throws() {\n  throw new Error("boom while rendering");\n}\n');
    fs.writeFileSync(path.join(root, 'Later.tsx'), 'import { useEffect } from "react";\nexport default function Later() {\n  useEffect(() => {\n    throw new Error("boom in an effect");\n  });\n  return <div>hi</div>;\n}\n');
    const thrown = await cli(root, ['compare', 'designs/card.png', 'Throws.tsx']);
    assert.equal(thrown.code, 1);
    assert.match(thrown.stderr, /Throws\.tsx.*boom while rendering/);
    const later = await cli(root, ['compare', 'designs/card.png', 'Later.tsx', '--json']);
    assert.equal(later.code, 1);
    assert.match(JSON.parse(later.stdout).pageErrors.join('\n'), /boom in an effect/);
    // A sound component exits 0: test/cli-compare.test.ts.
  });
});

describe('convert', () => {
  it('an output folder on a special file system (/proc) fails the design (exit 1) instead of hanging', async () => {
    const root = project();
    const server = await mockModel([completion(`\`\`\`tsx\n${card}\`\`\``)]);
    const { code, stdout } = await cli(root, ['convert', 'designs/card.png', '--out', '/proc/ui2code-x', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--no-hints', '--json'], { OPENAI_API_KEY: 'k' });
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout).results;
    assert.equal(result.errorCode, 'WRITE');
    assert.match(result.error, /cannot create the folder \/proc\/ui2code-x/);
    assert.equal(server.requests.length, 0, 'failed before paying for the model');
  });

  it('reads and converts a design whose file name is not valid UTF-8', async () => {
    const root = project();
    const name = Buffer.concat([Buffer.from('designs/caf'), Buffer.from([0xe9]), Buffer.from('-menu.png')]);
    fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), fs.readFileSync(path.join(fixturesDir, 'engine/card.png')));
    const design = await readDesign(path.join(root, 'designs/caf\uFFFD-menu.png'));
    assert.equal(design.image.width, 400);

    // The shell hands the raw bytes over as the argument, as it does for a real file name.
    const server = await mockModel([completion(`\`\`\`tsx\n${card}\`\`\``)]);
    const args = cliArgs('convert', '__NAME__', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--no-hints', '--json');
    const script = [process.execPath, ...args].map((a) => (a === '__NAME__' ? `"$(printf 'designs/caf\\351-menu.png')"` : `'${a}'`)).join(' ');
    const { code, stdout, stderr } = await run('/bin/sh', ['-c', script], root, { OPENAI_API_KEY: 'k' });
    assert.equal(code, 0, stderr);
    const [result] = JSON.parse(stdout).results;
    assert.equal(result.status, 'written');
    assert.equal(result.component, 'CafMenu');
    assert.ok(fs.existsSync(path.join(root, 'src/components/generated/CafMenu.tsx')));
  });
});
