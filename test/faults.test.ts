// Endpoint faults that must end promptly and never leak the design: redirects (another origin, one too many), an
// endpoint that always answers 503 (the retry budget), the endpoint in the cache key, and the model tier's limit over
// --concurrency. Real HTTP to the mock model; the CLI as users run it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { isUi2CodeError } from '../src/errors.js';
import { effectiveConcurrency } from '../src/generate/limiter.js';
import { createOpenAICompatibleProvider, type ClientOptions } from '../src/generate/openai-compatible.js';
import { readDesign } from '../src/intake/decode.js';
import { completion, mockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
const CODE = 'export default function Box() {\n  return <div style={{ width: 400, height: 300, background: "#fff" }}>Hi</div>;\n}\n';
const fenced = `\`\`\`tsx\n${CODE}\`\`\`\n`;

const provider = (baseUrl: string, options: Partial<ClientOptions> = {}) =>
  createOpenAICompatibleProvider({ name: 'openai', apiKey: 'sk-faults-123456', baseUrl, model: 'some-model', backoffMs: 5, idleTimeoutMs: 3000, ...options });

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: 'test-key', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A project with `count` different designs (flat colours), named d0.png, d1.png... */
function project(count = 1): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  for (let i = 0; i < count; i++) {
    const png = new PNG({ width: 80, height: 60 });
    for (let p = 0; p < png.data.length; p += 4) png.data.set([20 * i, 255 - 20 * i, 128, 255], p);
    fs.writeFileSync(path.join(root, 'designs', `d${i}.png`), PNG.sync.write(png));
  }
  return root;
}

describe('redirects', () => {
  it('never follows a redirect to another origin: no retry, the target named, nothing sent there', async () => {
    const elsewhere = await mockModel([completion(fenced)]);
    const server = await mockModel([{ redirect: `${elsewhere.baseUrl}/chat/completions` }]);
    const origin = new URL(elsewhere.baseUrl).origin;
    await assert.rejects(provider(server.baseUrl).generate({ design }), (error: unknown) => {
      assert.ok(isUi2CodeError(error, 'PROVIDER'), String(error));
      assert.ok((error as Error).message.includes(origin), (error as Error).message);
      assert.ok((error as Error).message.includes(design.path), 'names the design');
      return true;
    });
    assert.equal(elsewhere.requests.length, 0, 'the design never reached the other origin');
    assert.equal(server.requests.length, 1, 'not retried');
  });

  it('follows one redirect within the origin, body and all; a second one is refused', async () => {
    const once = await mockModel(({ index }) => (index === 0 ? { redirect: '/v1/moved/chat/completions', status: 308 } : completion(fenced)));
    assert.equal((await provider(once.baseUrl).generate({ design })).code, CODE);
    assert.deepEqual(once.requests.map((r) => r.url), ['/v1/chat/completions', '/v1/moved/chat/completions']);
    assert.equal(once.requests[1].body.messages.length, 2, 'the body went along');

    const loop = await mockModel([{ redirect: '/v1/again/chat/completions' }]);
    await assert.rejects(provider(loop.baseUrl).generate({ design }), /redirected more than once/);
    assert.equal(loop.requests.length, 2);
  });

  it('convert fails the design (exit 1) on a cross-origin redirect instead of hanging', async () => {
    const elsewhere = await mockModel([completion(fenced)]);
    const server = await mockModel([{ redirect: `${elsewhere.baseUrl}/chat/completions`, status: 307 }]);
    const root = project();
    const run = await cli(root, ['convert', 'designs/d0.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--no-hints', '--json']);
    assert.equal(run.code, 1, run.stderr);
    const [result] = JSON.parse(run.stdout).results;
    assert.equal(result.status, 'failed');
    assert.match(result.error, /another origin/);
    assert.equal(elsewhere.requests.length, 0);
    assert.equal(server.requests.length, 1);
  });
});

describe('the retry budget', () => {
  it('an endpoint that always answers 503 fails after the budget, with the last status in the message', async () => {
    const server = await mockModel([{ status: 503, json: { error: { message: 'overloaded' } } }]);
    await assert.rejects(provider(server.baseUrl, { retryBudgetMs: 5000, backoffMs: 20 }).generate({ design }), (error: unknown) => {
      assert.ok(isUi2CodeError(error, 'PROVIDER'), String(error));
      assert.match((error as Error).message, /retry budget.*HTTP 503: overloaded/);
      return true;
    });
    assert.ok(server.requests.length >= 2, 'retried within the budget');
  });

  it('a Retry-After beyond the budget is not waited for', async () => {
    const server = await mockModel([{ status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after': '3600' } }]);
    await assert.rejects(provider(server.baseUrl, { retryBudgetMs: 2000 }).generate({ design }), /HTTP 429/);
    assert.equal(server.requests.length, 1);
  });

  it('convert reads retryBudget from ui2code.config.json and stops; a misspelt option is refused (exit 2)', async () => {
    const server = await mockModel([{ status: 503, json: { error: { message: 'down' } } }]);
    const root = project();
    fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ retryBudget: 1.5 }));
    const run = await cli(root, ['convert', 'designs/d0.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--no-hints', '--json']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(JSON.parse(run.stdout).results[0].error, /retry budget \(1\.5 s\).*HTTP 503/);
    assert.ok(server.requests.length >= 1);

    fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ retryBudgt: 5 }));
    const typo = await cli(root, ['convert', 'designs/d0.png', '--provider', 'openai', '--base-url', server.baseUrl]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /retryBudgt[\s\S]*retryBudget/);
    fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ retryBudget: -1 }));
    assert.equal((await cli(root, ['convert', 'designs/d0.png', '--provider', 'openai', '--base-url', server.baseUrl])).code, 2);
  });
});

describe('caches and concurrency', () => {
  it('the cache key covers the endpoint: another --base-url with the same model asks that endpoint', async () => {
    const first = await mockModel([completion(fenced)]);
    const second = await mockModel([completion(fenced)]);
    const root = project();
    const convert = (baseUrl: string) => cli(root, ['convert', 'designs/d0.png', '--provider', 'openai', '--model', 'same-model', '--base-url', baseUrl, '--rounds', '0', '--no-hints', '--force', '--json']);
    assert.equal((await convert(first.baseUrl)).code, 0);
    assert.equal((await convert(`${first.baseUrl}/`)).code, 0, 'a trailing slash is the same endpoint');
    assert.equal(first.requests.length, 1, 'the cache answered for the same endpoint');
    assert.equal((await convert(second.baseUrl)).code, 0);
    assert.equal(second.requests.length, 1, 'the other endpoint was asked');
  });

  it('--concurrency never lifts the requests in flight above the model tier (5 for -flash)', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await mockModel(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      inFlight--;
      return completion(fenced);
    });
    const root = project(7);
    const designs = Array.from({ length: 7 }, (_, i) => `designs/d${i}.png`);
    const run = await cli(root, ['convert', ...designs, '--provider', 'openai', '--model', 'glm-4.1v-thinking-flash', '--base-url', server.baseUrl, '--concurrency', '6', '--rounds', '0', '--no-hints', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(server.requests.length, 7);
    assert.equal(most, 5, 'the tier limit, reached and not passed');
    assert.equal(effectiveConcurrency('glm-4.1v-thinking-flash', 6), 5);
    assert.equal(effectiveConcurrency('glm-4.1v-thinking-flash', 2), 2, 'a smaller setting wins');
    assert.equal(effectiveConcurrency('my-own-model', 12), 12, 'no tier known: the setting');
  });
});
