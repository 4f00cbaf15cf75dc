// The whole path as users run it: a PNG in, a validated, formatted, header-stamped component out, through the CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/load.js';
import type { Provider } from '../src/generate/provider.js';
import { convertDesign } from '../src/pipeline.js';
import { parseHeader } from '../src/write/header.js';
import { readManifest } from '../src/write/manifest.js';
import { completion, glmStream, startMockModel, type MockReply } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const fenced = (code: string) => `\`\`\`tsx\n${code}\`\`\``;

function project(): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  return root;
}

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '', ...env }, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));
async function mock(replies: MockReply[]) {
  const server = await startMockModel(({ index }) => replies[Math.min(index, replies.length - 1)]);
  servers.push(server);
  return server;
}

describe('ui2code convert', () => {
  it('turns a PNG into a formatted, stamped component with the model (GLM stream), and prints the promised JSON', async () => {
    const root = project();
    const server = await mock([glmStream({ reasoning: 'thinking', content: fenced(card) })]);
    const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' });
    assert.equal(code, 0, stderr);
    const { results } = JSON.parse(stdout);
    assert.equal(results.length, 1);
    const r = results[0];
    for (const key of ['design', 'component', 'file', 'status', 'provider', 'model', 'rounds', 'scores', 'mismatch', 'fgMismatch', 'score', 'usage', 'cost', 'error']) assert.ok(key in r, key);
    assert.equal(r.status, 'written');
    assert.equal(r.component, 'Card');
    assert.equal(r.file, path.join(root, 'src/components/generated/Card.tsx'));
    assert.equal(r.mismatch, 0, 'the known component reproduces its own design');
    assert.deepEqual(r.usage, { promptTokens: 1200, completionTokens: 800 });
    const written = fs.readFileSync(r.file, 'utf8');
    assert.equal(parseHeader(written)?.intact, true);
    assert.match(written, /export default function Card\(\)/);
    const manifest = await readManifest(root);
    assert.equal(manifest?.designs['designs/card.png'].file, 'src/components/generated/Card.tsx');
    assert.ok(!stdout.includes('test-key') && !stderr.includes('test-key'));

    // Unchanged design: the cache answers, no model call. A renamed copy: the same.
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' })).code, 0);
    fs.copyFileSync(path.join(root, 'designs/card.png'), path.join(root, 'designs/card-copy.png'));
    const again = await cli(root, ['convert', 'designs/card-copy.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' });
    assert.equal(JSON.parse(again.stdout).results[0].status, 'written');
    assert.equal(server.requests.length, 1, 'one model call for three conversions');
  });

  it('refuses an unsafe reply: exit 1, the rule named, nothing written', async () => {
    const root = project();
    const server = await mock([completion(fenced(card.replace('return (', "fetch('https://evil.example');\n  return (")))]);
    const { code, stdout } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'k' });
    assert.equal(code, 1);
    const r = JSON.parse(stdout).results[0];
    assert.equal(r.status, 'failed');
    assert.match(r.error, /rule no-network at line \d+/);
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
  });

  it('fails clearly on 1113 (exit 1) and without a key (exit 3); bad flags exit 2', async () => {
    const root = project();
    const server = await mock([{ status: 429, json: { error: { code: '1113', message: 'Insufficient balance' } } }]);
    const broke = await cli(root, ['convert', 'designs/card.png', '--provider', 'glm', '--base-url', server.baseUrl], { ZHIPUAI_API_KEY: 'k' });
    assert.equal(broke.code, 1);
    assert.match(broke.stdout, /balance/);
    const noKey = await cli(root, ['convert', 'designs/card.png', '--provider', 'glm']);
    assert.equal(noKey.code, 3);
    assert.match(noKey.stderr, /ZHIPUAI_API_KEY/);
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--rounds', 'many'])).code, 2);
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--provider', 'gemini'])).code, 2);
  });

  it('converts offline with the local engine', async () => {
    const root = project();
    const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--json']);
    assert.equal(code, 0, stderr);
    const r = JSON.parse(stdout).results[0];
    assert.equal(r.provider, 'local');
    assert.equal(r.cost, 0);
    assert.ok(r.score > 0.8, `local score ${r.score}`);
    assert.match(fs.readFileSync(r.file, 'utf8'), /Monthly report/);
  });
});

describe('refinement and jobs', () => {
  const renderer = testRenderer();

  /** A stand-in for the remote model: returns the given candidates in order. */
  function scripted(candidates: string[]): Provider & { calls: number } {
    const p = {
      name: 'openai' as const,
      model: 'scripted',
      calls: 0,
      cost: () => 0,
      async generate() {
        const code = candidates[Math.min(p.calls++, candidates.length - 1)];
        return { code, raw: code, usage: { promptTokens: 10, completionTokens: 10 }, provider: 'openai' as const, model: 'scripted' };
      },
    };
    return p;
  }

  it('keeps the best round and never writes a worse one', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 2, target: 0.99 } });
    const worse = card.replace("background: '#10b981'", "background: '#ef4444'");
    const broken = card.replace('Monthly report', 'Monthly report').replace('return (', "eval('x');\n  return (");
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: scripted([worse, broken, card]), cache: false });
    assert.equal(result.status, 'written');
    assert.equal(result.scores.length, 2, 'the unsafe round is skipped, the others scored');
    assert.ok(result.scores[1] > result.scores[0]);
    assert.equal(result.score, 1);
    assert.match(fs.readFileSync(result.file, 'utf8'), /#10b981/);

    const keepFirst = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: scripted([card.replace("'#f59e0b'", "'#f59e0c'"), worse]), cache: false, force: true });
    assert.ok(!/#ef4444/.test(fs.readFileSync(keepFirst.file, 'utf8')), 'the worse second round was not written');
  });

  it('writes nothing for an aborted job', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const controller = new AbortController();
    const slow: Provider = { ...scripted([card]), async generate(request) { controller.abort(); await new Promise((r) => setTimeout(r, 50)); return { code: card, raw: card, usage: { promptTokens: 0, completionTokens: 0 }, provider: 'openai', model: 'x' }; } };
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: slow, signal: controller.signal, cache: false });
    assert.equal(result.status, 'failed');
    assert.equal(result.errorCode, 'ABORTED');
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
  });
});
