// The model endpoint's faults stay bounded: a redirect never carries the design to another origin, retries stop at
// their budget with the last status named, requests at once never exceed the model tier's limit, and two endpoints
// serving a model of the same name never share cached answers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { isUi2CodeError } from '../src/errors.js';
import { createOpenAICompatibleProvider, type ClientOptions } from '../src/generate/openai-compatible.js';
import { readDesign } from '../src/intake/decode.js';
import { completion, mockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const fenced = (code: string) => `\`\`\`tsx\n${code}\`\`\``;

const provider = (baseUrl: string, options: Partial<ClientOptions> = {}) =>
  createOpenAICompatibleProvider({ name: 'openai', apiKey: 'sk-test-key-123456', baseUrl, model: 'gpt-4o', backoffMs: 5, idleTimeoutMs: 5000, ...options });

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: 'sk-test-key-123456', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function project(config: object = {}): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify({ rounds: 0, hints: false, ...config }));
  return root;
}

describe('redirects from the model endpoint', () => {
  it('a redirect to another origin is refused at once: the other origin never sees the design', async () => {
    const elsewhere = await mockModel([completion(fenced(card))]);
    const endpoint = await mockModel([{ redirect: `${elsewhere.baseUrl}/chat/completions` }]);
    await assert.rejects(provider(endpoint.baseUrl).generate({ design }), (error) => {
      assert.ok(isUi2CodeError(error, 'PROVIDER'), String(error));
      assert.match((error as Error).message, new RegExp(`redirected the request \\(HTTP 307\\) to ${new URL(elsewhere.baseUrl).origin.replace(/\./g, '\\.')}`));
      return true;
    });
    assert.equal(elsewhere.requests.length, 0, 'nothing reached the other origin');
    assert.equal(endpoint.requests.length, 1, 'no retry of a refused redirect');
  });

  it('a redirect within the same origin is followed once; a second one is refused', async () => {
    let hops = 0;
    const endpoint = await mockModel(({ index }) => {
      if (index === 0) return { redirect: `${endpointUrl}/v2/chat/completions` };
      hops++;
      return completion(fenced(card));
    });
    const endpointUrl = new URL(endpoint.baseUrl).origin;
    const result = await provider(endpoint.baseUrl).generate({ design });
    assert.match(result.code, /export default function Card/);
    assert.equal(hops, 1);

    const looping = await mockModel(({ index }) => ({ redirect: `${loopUrl}/v${index + 2}/chat/completions` }));
    const loopUrl = new URL(looping.baseUrl).origin;
    await assert.rejects(provider(looping.baseUrl).generate({ design }), /redirected the request more than once/);
    assert.equal(looping.requests.length, 2);
  });
});

describe('the retry budget', () => {
  it('an endpoint that always answers 503 fails once the budget is spent, naming the last status', async () => {
    const down = await mockModel([{ status: 503, json: { error: { message: 'Service Unavailable' } } }]);
    await assert.rejects(provider(down.baseUrl, { retryBudgetMs: 400 }).generate({ design }), (error) => {
      assert.ok(isUi2CodeError(error, 'PROVIDER'), String(error));
      assert.match((error as Error).message, /kept failing .* attempts \(last: .*503/);
      return true;
    });
    assert.ok(down.requests.length >= 2, `retried (${down.requests.length} requests)`);
  });

  it('convert honours retryBudget from ui2code.config and exits 1 instead of waiting', async () => {
    const down = await mockModel([{ status: 503, json: { error: { message: 'Service Unavailable' } } }]);
    const root = project({ retryBudget: 1 });
    const run = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', down.baseUrl, '--json']);
    assert.equal(run.code, 1, run.stderr);
    const [result] = JSON.parse(run.stdout).results;
    assert.equal(result.status, 'failed');
    assert.match(result.error, /503/);
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
  });

  it('a wrong retryBudget is a configuration error naming the option', async () => {
    const root = project({ retryBudget: -5 });
    const run = await cli(root, ['convert', 'designs/card.png', '--provider', 'local']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /retryBudget/);
  });
});

describe('requests at once', () => {
  it('never exceed the model tier: --concurrency 6 on a -flash model (tier 5) sends 5 at once', async () => {
    let inFlight = 0, most = 0;
    const slow = await mockModel(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight--;
      return completion(fenced(card));
    });
    const flash = provider(slow.baseUrl, { model: 'glm-4.1v-thinking-flash', concurrency: 6 });
    await Promise.all(Array.from({ length: 8 }, () => flash.generate({ design })));
    assert.equal(most, 5);
    // A smaller setting than the tier is honoured.
    most = 0;
    const two = provider(slow.baseUrl, { model: 'glm-4.1v-thinking-flashx', concurrency: 2 });
    await Promise.all(Array.from({ length: 4 }, () => two.generate({ design })));
    assert.equal(most, 2);
  });
});

describe('the cache key', () => {
  it('another --base-url with the same model asks that endpoint, not the first one\'s cache', async () => {
    const first = await mockModel([completion(fenced(card))]);
    const second = await mockModel([completion(fenced(card.replace('Monthly report', 'Second endpoint')))]);
    const root = project();
    const a = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', first.baseUrl, '--model', 'same-model', '--json']);
    assert.equal(a.code, 0, a.stderr);
    const b = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', second.baseUrl, '--model', 'same-model', '--json', '--force']);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(second.requests.length, 1, 'the second endpoint was asked');
    assert.match(fs.readFileSync(path.join(root, 'src/components/generated/Card.tsx'), 'utf8'), /Second endpoint/);
    // The same endpoint again is a cache hit.
    await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', second.baseUrl, '--model', 'same-model', '--json']);
    assert.equal(second.requests.length, 1);
  });
});
