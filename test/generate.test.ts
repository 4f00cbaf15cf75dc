// The model client against a real HTTP server speaking the OpenAI-compatible wire format: every reply format hosted
// and self-hosted GLM produce, and every fault the issue lists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isUi2CodeError, type ErrorCode } from '../src/errors.js';
import { classify, retryAfterMs } from '../src/generate/classify.js';
import { createLimiter, defaultConcurrency } from '../src/generate/limiter.js';
import { createOpenAICompatibleProvider, redactor, type ClientOptions } from '../src/generate/openai-compatible.js';
import { presetFor } from '../src/generate/presets.js';
import { costOf, priceOf } from '../src/generate/prices.js';
import { PROMPT_VERSION } from '../src/generate/prompt.js';
import { loadEnvFiles as loadEnv } from '../src/config/env.js';
import { isZhipuHost, resolveProvider } from '../src/generate/resolve.js';
import { readDesign } from '../src/intake/decode.js';
import { decodePng } from '../src/intake/png.js';
import type { Scores } from '../src/types.js';
import { chunk, completion, glmStream, startMockModel, mockModel } from './support/mock-model.js';
import { fixturesDir, tempDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
const KEY = 'sk-secret-key-123456';
const CODE = "import React from 'react';\n\nexport default function Card() {\n  return <div style={{ width: 400, height: 300 }}>Hello</div>;\n}\n";
const fenced = (code = CODE, lang = 'tsx') => `Here it is:\n\n\`\`\`${lang}\n${code}\`\`\`\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const mock = mockModel;

function provider(baseUrl: string, options: Partial<ClientOptions> = {}) {
  return createOpenAICompatibleProvider({ name: 'glm', apiKey: KEY, baseUrl, model: 'glm-4.1v-thinking-flashx', backoffMs: 5, idleTimeoutMs: 3000, ...options });
}

/** The error is a Ui2CodeError of this code, naming the design, matching the pattern, and never showing the key. */
const fails = (code: ErrorCode, pattern?: RegExp) => (error: unknown) => {
  assert.ok(isUi2CodeError(error, code), `expected ${code}, got ${String(error)}`);
  const message = (error as Error).message;
  assert.ok(message.includes(design.path), `names the design: ${message}`);
  if (pattern) assert.match(message, pattern);
  assert.ok(!message.includes(KEY), 'the key is redacted');
  return true;
};

const imagesOf = (body: any): string[] =>
  body.messages[1].content.filter((p: { type: string }) => p.type === 'image_url').map((p: { image_url: { url: string } }) => p.image_url.url);
const textOf = (body: any): string => body.messages.map((m: any) => (typeof m.content === 'string' ? m.content : m.content.filter((p: any) => p.type === 'text').map((p: any) => p.text).join('\n'))).join('\n');
const pngOf = (url: string) => decodePng(Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64'), 'upload');

describe('reply formats', () => {
  it('hosted GLM: reasoning_content is progress, never code; the request carries the design as a data URL', async () => {
    const server = await mock([glmStream({ reasoning: 'Let me think. ```tsx\nexport default function Wrong() {}\n```', content: fenced() })]);
    const progress: number[] = [];
    const result = await provider(server.baseUrl).generate({ design, onProgress: (e) => e.phase === 'reasoning' && progress.push(e.received ?? 0) });
    assert.equal(result.code, CODE);
    assert.ok(progress.length > 1 && progress[progress.length - 1] > 10, 'reasoning reported as progress');
    assert.match(result.reasoning ?? '', /Let me think/);
    assert.deepEqual(result.usage, { promptTokens: 1200, completionTokens: 800 });
    assert.equal(result.provider, 'glm');
    const body = server.requests[0].body;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.model, 'glm-4.1v-thinking-flashx');
    const [image] = imagesOf(body);
    assert.match(image, /^data:image\/png;base64,iVBOR/);
    assert.deepEqual([pngOf(image).width, pngOf(image).height], [design.image.width, design.image.height]);
    assert.match(textOf(body), new RegExp(`${design.cssWidth}x${design.cssHeight}`));
    assert.match(textOf(body), /default-exported function component/);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  it('self-hosted GLM: <think> and <answer> inline, with box markers', async () => {
    const content = `<think>I could write \`\`\`tsx\nexport default function No() {}\n\`\`\`</think><answer><|begin_of_box|>${fenced()}<|end_of_box|></answer>`;
    const server = await mock([completion(content)]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
  });

  it('a chat template that opened <think> in the prompt: only </think> in the reply', async () => {
    const server = await mock([completion(`the layout is a card\n\`\`\`tsx\nexport default function Draft() {}\n\`\`\`\n</think>\n${fenced()}`)]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
  });

  it('unfenced code, and the last of several code blocks', async () => {
    const server = await mock([
      completion(`Sure, here is the component.\n${CODE}\nIt uses inline styles.`),
      completion(`${fenced('const a = 1;\n', 'css')}${fenced('export default function Old() { return null; }\n')}${fenced()}${fenced('npm i react\n', 'bash')}`),
    ]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
  });

  it('downscales a large design before upload (the longest side to maxUploadSide)', async () => {
    const server = await mock([completion(fenced())]);
    await provider(server.baseUrl, { maxUploadSide: 100 }).generate({ design });
    const upload = pngOf(imagesOf(server.requests[0].body)[0]);
    assert.equal(Math.max(upload.width, upload.height), 100);
    assert.ok(Math.abs(upload.width / upload.height - design.image.width / design.image.height) < 0.05, 'keeps the aspect ratio');
  });

  it('sends bare base64 when asked (the format Zhipu documents), a data URL otherwise', async () => {
    const server = await mock([completion(fenced())]);
    await provider(server.baseUrl, { imageEncoding: 'base64', maxUploadSide: 64 }).generate({ design });
    const [url] = imagesOf(server.requests[0].body);
    assert.match(url, /^iVBOR/);
    assert.equal(Math.max(pngOf(url).width, pngOf(url).height), 64);
    assert.equal(isZhipuHost('https://open.bigmodel.cn/api/paas/v4'), true);
    assert.equal(isZhipuHost('https://api.z.ai/api/paas/v4'), true);
    assert.equal(isZhipuHost(server.baseUrl), false);
    assert.equal(isZhipuHost('https://notz.ai.example.com/v1'), false);
  });

  it('adds hints to the prompt', async () => {
    const server = await mock([completion(fenced())]);
    const hints = { background: '#ffffff', palette: ['#1a73e8', '#202124'], texts: [{ text: 'Sign in', x: 10, y: 20, width: 80, height: 24, fontSize: 18, color: '#202124' }] };
    await provider(server.baseUrl).generate({ design, hints });
    const text = textOf(server.requests[0].body);
    assert.match(text, /"Sign in" at 10,20 80x24, 18px, #202124/);
    assert.match(text, /#1a73e8/);
  });

  it('a refinement round sends design, render, diff, the current code and its scores, and asks for a complete file', async () => {
    const server = await mock([completion(fenced())]);
    const scores: Scores = { mismatch: 0.1234, fgMismatch: 0.2, score: 0.615, width: 400, height: 300, renderedWidth: 400, renderedHeight: 320 };
    const previous = { code: 'export default function Prev() { return <p>old</p>; }\n', render: design.image, diff: design.image, scores, round: 0 };
    await provider(server.baseUrl).generate({ design, previous });
    const body = server.requests[0].body;
    assert.equal(imagesOf(body).length, 3);
    const text = textOf(body);
    assert.match(text, /function Prev\(\) \{ return <p>old<\/p>; \}/);
    assert.match(text, /0\.615/);
    assert.match(text, /complete corrected file/);
  });

  it('computes usage and cost from the price table (flashx 2 RMB per million tokens, flash free, unknown 0 and said)', async () => {
    const server = await mock([glmStream({ content: fenced(), usage: { prompt_tokens: 500_000, completion_tokens: 500_000 } })]);
    const p = provider(server.baseUrl);
    const result = await p.generate({ design });
    assert.deepEqual(result.usage, { promptTokens: 500_000, completionTokens: 500_000 });
    assert.equal(p.cost(result.usage), 2);
    assert.equal(p.version, PROMPT_VERSION);
    assert.equal(provider(server.baseUrl, { model: 'glm-4.1v-thinking-flash' }).cost(result.usage), 0);
    assert.equal(costOf('some-unknown-model', result.usage), 0);
    assert.equal(priceOf('some-unknown-model'), undefined);
    const messages: string[] = [];
    const unknown = await mock([completion(fenced())]);
    await provider(unknown.baseUrl, { model: 'some-unknown-model' }).generate({ design, onProgress: (e) => e.message && messages.push(e.message) });
    assert.ok(messages.some((m) => /no price known for model some-unknown-model/.test(m)), messages.join('\n'));
  });
});

describe('faults', () => {
  it('retries a 429 honouring Retry-After', async () => {
    const server = await mock([{ status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after': '1' } }, completion(fenced())]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal(server.requests.length, 2);
    assert.ok(server.requests[1].at - server.requests[0].at >= 950, 'waited as Retry-After said');
  });

  it('retries a 1302 and halves the concurrency for a while', async () => {
    let active = 0;
    let most = 0;
    const server = await mock(async ({ index }) => {
      if (index === 0) return { status: 429, json: { error: { code: '1302', message: 'too many concurrent requests' } } };
      active++;
      most = Math.max(most, active);
      await sleep(150);
      active--;
      return completion(fenced());
    });
    const p = provider(server.baseUrl, { concurrency: 4, slowDownMs: 10_000 });
    assert.equal((await p.generate({ design })).code, CODE);
    const results = await Promise.all(Array.from({ length: 4 }, () => p.generate({ design })));
    assert.equal(results.length, 4);
    assert.equal(most, 2, 'at most half of 4 at once after a 1302');
  });

  it('two provider objects for the same endpoint and model share one concurrency limit', async () => {
    let active = 0;
    let most = 0;
    const server = await mock(async () => {
      most = Math.max(most, ++active);
      await sleep(100);
      active--;
      return completion(fenced());
    });
    const jobs = Array.from({ length: 6 }, () => provider(server.baseUrl, { concurrency: 2 }).generate({ design }));
    assert.equal((await Promise.all(jobs)).length, 6);
    assert.equal(most, 2);
  });

  it('fails at once on 1113 (no balance) naming the cause and the remedy, the key redacted', async () => {
    const server = await mock([{ status: 429, json: { error: { code: '1113', message: `Insufficient balance for ${KEY}` } } }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /balance.*--model glm-4\.1v-thinking-flash/));
    assert.equal(server.requests.length, 1);
  });

  it('fails at once on quota, lock, content filter, auth and bad-parameter codes', async () => {
    const cases: Array<[number, string | undefined, RegExp]> = [
      [429, '1304', /daily quota/],
      [429, '1308', /usage limit/],
      [429, '1309', /expired/],
      [429, '1310', /locked/],
      [400, '1301', /content filter/],
      [401, '1002', /API key/],
      [401, undefined, /API key/],
      [400, '1214', /model id/],
      [400, '1210', /model id/],
      [400, '1261', /too long.*maxUploadSide/],
    ];
    for (const [status, code, pattern] of cases) {
      const server = await mock([{ status, json: { error: { code, message: 'refused' } } }]);
      await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', pattern), `${status} ${code}`);
      assert.equal(server.requests.length, 1, `${status} ${code} is not retried`);
    }
  });

  it('retries 500 three times, then succeeds', async () => {
    const server = await mock(({ index }) => (index < 3 ? { status: 500, json: { error: { message: 'oops' } } } : completion(fenced())));
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal(server.requests.length, 4);
  });

  it('gives up within the total deadline', async () => {
    const server = await mock([{ status: 503, json: { error: { message: 'down' } } }]);
    await assert.rejects(provider(server.baseUrl, { deadlineMs: 1000, backoffMs: 50 }).generate({ design }), fails('PROVIDER', /kept failing.*HTTP 503/));
    assert.ok(server.requests.length >= 2, 'retried before giving up');
  });

  it('retries connection errors', async () => {
    const dead = await startMockModel(() => completion(fenced()));
    const url = dead.baseUrl;
    await dead.close();
    await assert.rejects(provider(url, { deadlineMs: 1000, backoffMs: 20 }).generate({ design }), fails('PROVIDER', /kept failing.*connection error/));
  });

  it('refuses garbage HTML with status 200 clearly', async () => {
    const server = await mock([{ raw: '<html><head><title>Welcome to nginx!</title></head><body>hi</body></html>' }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /HTML page \("Welcome to nginx!"\).*base URL/));
    assert.equal(server.requests.length, 1);
  });

  it('aborts a stalled stream after the idle timeout', async () => {
    const server = await mock([{ sse: [chunk({ content: 'import' })], stall: true }]);
    await assert.rejects(provider(server.baseUrl, { idleTimeoutMs: 300 }).generate({ design }), fails('PROVIDER', /silent for 300 ms/));
    await sleep(50);
    assert.equal(server.requests[0].aborted, true, 'the connection was closed');
  });

  it('treats an error object inside a 200 stream as an error (fatal or retried by its code)', async () => {
    const filtered = await mock([{ sse: [chunk({ content: 'imp' }), { error: { code: '1301', message: 'sensitive content' } }] }]);
    await assert.rejects(provider(filtered.baseUrl).generate({ design }), fails('PROVIDER', /content filter/));
    const busy = await mock([{ sse: [chunk({ content: 'imp' }), { error: { code: '1302', message: 'busy' } }] }, completion(fenced())]);
    assert.equal((await provider(busy.baseUrl).generate({ design })).code, CODE);
    assert.equal(busy.requests.length, 2);
  });

  it('cuts off a 50 MB stream at the byte cap', async () => {
    const server = await mock([{ hugeStreamBytes: 50 * 1024 * 1024 }]);
    await assert.rejects(provider(server.baseUrl, { maxReplyBytes: 1024 * 1024 }).generate({ design }), fails('INCOMPLETE_REPLY', /1048576 bytes and was cut off/));
    await sleep(50);
    assert.equal(server.requests[0].aborted, true, 'the download stopped');
  });

  it('treats finish_reason "length" as an incomplete reply, and a stream without a finish too', async () => {
    const server = await mock([glmStream({ content: fenced(), finishReason: 'length' }), { sse: [chunk({ content: fenced() })] }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /length/));
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /ended before/));
  });

  it('an unterminated code block or an empty answer is an incomplete reply', async () => {
    const server = await mock([completion('```tsx\nexport default function A() {\n'), completion('<think>only thoughts</think>')]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /unterminated/));
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /empty/));
  });

  it('aborts the request at once when the design is saved again', async () => {
    const controller = new AbortController();
    const reasoning: number[] = [];
    // A stream of 20 s: the abort comes once the model is visibly streaming (the first reasoning arrived).
    const slow = await mock([{ ...glmStream({ reasoning: 'thinking '.repeat(100), content: fenced(), chunkSize: 2 }), splitAt: Array.from({ length: 1000 }, (_, i) => i * 40), delayMs: 20 }]);
    const pending = provider(slow.baseUrl).generate({
      design,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'reasoning' && reasoning.push(e.received ?? 0) === 1) controller.abort();
      },
    });
    await assert.rejects(pending, fails('ABORTED'));
    for (let i = 0; i < 50 && !slow.requests[0].aborted; i++) await sleep(20);
    assert.equal(slow.requests[0].aborted, true, 'the server saw the request aborted');
    assert.ok(reasoning.length < 5, 'nothing more was read after the abort');
  });

  it('a job aborted while it waits for a slot never reaches the service', async () => {
    const server = await mock(async () => {
      await sleep(200);
      return completion(fenced());
    });
    const p = provider(server.baseUrl, { concurrency: 1 });
    const first = p.generate({ design });
    const controller = new AbortController();
    const second = p.generate({ design, signal: controller.signal });
    controller.abort();
    await assert.rejects(second, fails('ABORTED'));
    assert.equal((await first).code, CODE);
    assert.equal(server.requests.length, 1);
  });
});

describe('pieces', () => {
  it('classifies by business code before HTTP status', () => {
    const redact = redactor(KEY);
    const headers = new Headers({ 'retry-after': '2' });
    const busy = classify({ status: 429, error: { code: '1302', message: 'busy' }, headers }, 'd.png', redact);
    assert.deepEqual(busy, { retry: true, retryAfterMs: 2000, message: 'code 1302: busy', slowDown: true });
    for (const code of ['1303', '1305', '1312']) assert.equal(classify({ status: 429, error: { code } }, 'd.png', redact).retry, true, code);
    for (const status of [408, 409, 500, 502, 503, 504]) assert.equal(classify({ status, error: { message: 'x' } }, 'd.png', redact).retry, true, String(status));
    const broke = classify({ status: 429, error: { code: 1113, message: `no money ${KEY}` } }, 'd.png', redact);
    assert.equal(broke.retry, false);
    assert.ok(!broke.retry && !broke.error.message.includes(KEY) && broke.error.message.includes('d.png'));
  });

  it('reads Retry-After as seconds, as a date, and retry-after-ms', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '3' })), 3000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250' })), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000), 6000);
    assert.equal(retryAfterMs(new Headers({})), undefined);
  });

  it('the limiter never runs more than its limit, halved after slowDown', async () => {
    const limiter = createLimiter(6);
    let active = 0;
    let most = 0;
    const job = () => limiter.run(async () => {
      most = Math.max(most, ++active);
      await sleep(20);
      active--;
    });
    await Promise.all(Array.from({ length: 20 }, job));
    assert.equal(most, 6);
    limiter.slowDown(10_000);
    most = 0;
    await Promise.all(Array.from({ length: 20 }, job));
    assert.equal(most, 3);
    assert.equal(defaultConcurrency('glm-4.1v-thinking-flash'), 5);
    assert.equal(defaultConcurrency('glm-4.1v-thinking-flashx'), 30);
  });

  it('redacts the key but leaves short placeholders alone', () => {
    assert.equal(redactor(KEY)(`key=${KEY}; again ${KEY}`), 'key=***; again ***');
    assert.equal(redactor('')('unchanged'), 'unchanged');
  });
});

describe('provider resolution', () => {
  it('picks the provider from the keys in the environment: glm, else openai, else local', async () => {
    const root = tempDir();
    assert.equal((await resolveProvider({ root }, { ZHIPUAI_API_KEY: 'zk-123456789' })).name, 'glm');
    assert.equal((await resolveProvider({ root }, { ZHIPUAI_API_KEY: 'zk-123456789' })).model, 'glm-4.1v-thinking-flashx');
    assert.equal((await resolveProvider({ root }, { ZAI_API_KEY: 'zk-123456789', OPENAI_API_KEY: 'x' })).name, 'glm');
    assert.equal((await resolveProvider({ root }, { OPENAI_API_KEY: 'sk-123456789' })).name, 'openai');
    assert.equal((await resolveProvider({ root }, {})).name, 'local');
    assert.equal(presetFor('glm', { ZAI_API_KEY: 'z' }).baseUrl, 'https://api.z.ai/api/paas/v4');
    assert.equal(presetFor('glm', { ZHIPUAI_API_KEY: 'z' }).baseUrl, 'https://open.bigmodel.cn/api/paas/v4');
    assert.equal(presetFor('openai', { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).baseUrl, 'http://127.0.0.1:1/v1');
  });

  it('says which variables to set when a key is missing', async () => {
    const root = tempDir();
    await assert.rejects(resolveProvider({ provider: 'glm', root }, {}), (e: unknown) => isUi2CodeError(e, 'NO_PROVIDER') && /ZHIPUAI_API_KEY or ZAI_API_KEY/.test((e as Error).message));
    await assert.rejects(resolveProvider({ provider: 'openai', root }, {}), (e: unknown) => isUi2CodeError(e, 'NO_PROVIDER') && /OPENAI_API_KEY/.test((e as Error).message));
  });

  it('reads keys from .env and .env.local; the real environment wins', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.env'), 'ZHIPUAI_API_KEY=from-dotenv-123\nUI2CODE_MODEL="glm-4.5v"\n');
    fs.writeFileSync(path.join(root, '.env.local'), '# local\nZHIPUAI_API_KEY=from-dotenv-local-456\n');
    assert.equal(loadEnv(root, {}).ZHIPUAI_API_KEY, 'from-dotenv-local-456');
    assert.equal(loadEnv(root, { ZHIPUAI_API_KEY: 'real' }).ZHIPUAI_API_KEY, 'real');
    const server = await mock([completion(fenced())]);
    const glm = await resolveProvider({ root, backoffMs: 5 }, { UI2CODE_BASE_URL: server.baseUrl });
    assert.equal(glm.name, 'glm');
    assert.equal(glm.model, 'glm-4.5v');
    assert.equal((await glm.generate({ design })).code, CODE);
    assert.equal(server.requests[0].headers.authorization, 'Bearer from-dotenv-local-456');
    assert.equal(server.requests[0].body.model, 'glm-4.5v');
  });

  it('flags and config beat UI2CODE_* which beat the preset; UI2CODE_API_KEY is used for any provider', async () => {
    const server = await mock([completion(fenced())]);
    const p = await resolveProvider({ provider: 'openai', root: tempDir() }, { OPENAI_API_KEY: 'sk-openai-1', UI2CODE_API_KEY: 'sk-generic-2', UI2CODE_BASE_URL: server.baseUrl, UI2CODE_MODEL: 'my-model' });
    assert.equal(p.model, 'my-model');
    assert.equal((await p.generate({ design })).code, CODE);
    assert.equal(server.requests[0].body.model, 'my-model');
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-generic-2');
    const flagged = await resolveProvider({ provider: 'openai', model: 'flag-model', baseUrl: server.baseUrl, root: tempDir() }, { OPENAI_API_KEY: 'k', UI2CODE_MODEL: 'env-model' });
    assert.equal(flagged.model, 'flag-model');
  });

  it('a self-hosted OpenAI-compatible server needs no key', async () => {
    const server = await mock([completion(fenced())]);
    const p = await resolveProvider({ provider: 'openai', baseUrl: server.baseUrl, model: 'llava', root: tempDir() }, {});
    assert.equal((await p.generate({ design })).code, CODE);
  });
});
