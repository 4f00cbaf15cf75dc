// The model client against a real HTTP server speaking the OpenAI-compatible wire format: every reply format hosted
// and self-hosted GLM produce, and every fault the issue lists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { createOpenAICompatibleProvider, type ClientOptions } from '../src/generate/openai-compatible.js';
import { resolveProvider } from '../src/generate/resolve.js';
import { readDesign } from '../src/intake/decode.js';
import { completion, glmStream, startMockModel, type MockReply } from './support/mock-model.js';
import { fixturesDir, tempDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
const CODE = "import React from 'react';\n\nexport default function Card() {\n  return <div style={{ width: 400, height: 300 }}>Hello</div>;\n}\n";
const fenced = (code = CODE, lang = 'tsx') => `Here it is:\n\n\`\`\`${lang}\n${code}\`\`\`\n`;

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function mock(replies: MockReply[] | ((i: number) => MockReply)) {
  const server = await startMockModel(({ index }) => (typeof replies === 'function' ? replies(index) : replies[Math.min(index, replies.length - 1)]));
  servers.push(server);
  return server;
}

function provider(baseUrl: string, options: Partial<ClientOptions> = {}) {
  return createOpenAICompatibleProvider({ name: 'glm', apiKey: 'sk-secret-key-123', baseUrl, model: 'glm-4.1v-thinking-flashx', backoffMs: 5, idleTimeoutMs: 400, ...options });
}

const fails = (code: string, pattern?: RegExp) => (error: unknown) =>
  isUi2CodeError(error, code as never) && (!pattern || pattern.test((error as Error).message)) && !(error as Error).message.includes('sk-secret-key-123');

describe('reply formats', () => {
  it('hosted GLM: reasoning streamed apart is progress, never code', async () => {
    const server = await mock([glmStream({ reasoning: 'Let me think. ```tsx\nexport default function Wrong() {}\n```', content: fenced() })]);
    const progress: number[] = [];
    const result = await provider(server.baseUrl).generate({ design, onProgress: (e) => e.phase === 'reasoning' && progress.push(e.received ?? 0) });
    assert.equal(result.code, CODE);
    assert.ok(progress.length > 0 && progress[progress.length - 1] > 10, 'reasoning reported as progress');
    assert.match(result.reasoning ?? '', /Let me think/);
    assert.deepEqual(result.usage, { promptTokens: 1200, completionTokens: 800 });
    // The request: the design as a base64 PNG data URL in an image_url part, streamed with usage.
    const body = server.requests[0].body;
    assert.equal(body.stream, true);
    assert.equal(body.model, 'glm-4.1v-thinking-flashx');
    const image = body.messages[1].content.find((p: { type: string }) => p.type === 'image_url');
    assert.match(image.image_url.url, /^data:image\/png;base64,iVBOR/);
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-secret-key-123');
  });

  it('self-hosted GLM: <think> and <answer> inline, with box markers', async () => {
    const content = `<think>I could write \`\`\`tsx\nexport default function No() {}\n\`\`\`</think><answer><|begin_of_box|>${fenced()}<|end_of_box|></answer>`;
    const server = await mock([completion(content)]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
  });

  it('unfenced code, and the last of several code blocks', async () => {
    const server = await mock([completion(`Sure.\n${CODE}`), completion(`${fenced('const a = 1;\n', 'css')}${fenced("export default function Old() { return null; }\n")}${fenced()}`)]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
  });

  it('computes the cost from usage and the price table', async () => {
    const server = await mock([glmStream({ content: fenced(), usage: { prompt_tokens: 500_000, completion_tokens: 500_000 } })]);
    const p = provider(server.baseUrl);
    const result = await p.generate({ design });
    assert.equal(p.cost(result.usage), 2);
    assert.equal(provider(server.baseUrl, { model: 'glm-4.1v-thinking-flash' }).cost(result.usage), 0);
  });
});

describe('faults', () => {
  it('retries a 429 honouring Retry-After, and a 1302', async () => {
    const server = await mock([
      { status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after': '0' } },
      { status: 429, json: { error: { code: '1302', message: 'concurrency' } } },
      completion(fenced()),
    ]);
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal(server.requests.length, 3);
  });

  it('fails at once on 1113 (no balance) with the cause and the remedy, key redacted', async () => {
    const server = await mock([{ status: 429, json: { error: { code: '1113', message: 'Insufficient balance for sk-secret-key-123' } } }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /balance.*glm-4\.1v-thinking-flash/));
    assert.equal(server.requests.length, 1);
  });

  it('fails at once on auth errors', async () => {
    const server = await mock([{ status: 401, json: { error: { code: '1002', message: 'bad key' } } }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /API key/));
  });

  it('retries 500 three times, then succeeds', async () => {
    const server = await mock((i) => (i < 3 ? { status: 500, json: { error: { message: 'oops' } } } : completion(fenced())));
    assert.equal((await provider(server.baseUrl).generate({ design })).code, CODE);
    assert.equal(server.requests.length, 4);
  });

  it('gives up within the deadline', async () => {
    const server = await mock([{ status: 503, json: { error: { message: 'down' } } }]);
    await assert.rejects(provider(server.baseUrl, { deadlineMs: 200, backoffMs: 50 }).generate({ design }), fails('PROVIDER', /kept failing/));
  });

  it('refuses garbage HTML with status 200', async () => {
    const server = await mock([{ raw: '<html><body>Welcome to nginx</body></html>' }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /OpenAI-compatible/));
  });

  it('aborts a stalled stream after the idle timeout', async () => {
    const server = await mock([{ sse: [{ choices: [{ index: 0, delta: { content: 'import' } }] }], stall: true }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /silent/));
  });

  it('treats an error object inside a 200 stream as an error', async () => {
    const server = await mock([{ sse: [{ choices: [{ index: 0, delta: { content: 'imp' } }] }, { error: { code: '1301', message: 'sensitive content' } }] }]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /content filter/));
  });

  it('cuts off a 50 MB stream at the byte cap', async () => {
    const server = await mock([{ hugeStreamBytes: 50 * 1024 * 1024 }]);
    await assert.rejects(provider(server.baseUrl, { maxReplyBytes: 1024 * 1024 }).generate({ design }), fails('INCOMPLETE_REPLY', /cut off/));
  });

  it('treats finish_reason "length" as an incomplete reply', async () => {
    const server = await mock([glmStream({ content: fenced(), finishReason: 'length' })]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /length/));
  });

  it('aborts the request when the design is saved again', async () => {
    const slow = await mock([{ sse: (glmStream({ content: fenced(), chunkSize: 2 }) as { sse: object[] }).sse, splitAt: Array.from({ length: 200 }, (_, i) => i * 40), delayMs: 20 }]);
    const controller = new AbortController();
    const pending = provider(slow.baseUrl, { idleTimeoutMs: 5000 }).generate({ design, signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await assert.rejects(pending, fails('ABORTED'));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(slow.requests[0].aborted, true, 'the server saw the request aborted');
  });
});

describe('provider resolution', () => {
  it('defaults and keys from the environment and .env, never printed', async () => {
    const root = tempDir();
    await assert.rejects(resolveProvider({ provider: 'glm', root }, {}), (e: unknown) => isUi2CodeError(e, 'NO_PROVIDER') && /ZHIPUAI_API_KEY/.test((e as Error).message));
    fs.writeFileSync(path.join(root, '.env'), 'ZAI_API_KEY=from-dotenv\n');
    const glm = await resolveProvider({ provider: 'glm', root }, {});
    assert.equal(glm.model, 'glm-4.1v-thinking-flashx');
    const local = await resolveProvider({ provider: 'local', root }, {});
    assert.equal(local.name, 'local');
  });

  it('reaches the Z.ai endpoint with a Z.ai key and honours UI2CODE_BASE_URL and UI2CODE_MODEL', async () => {
    const server = await mock([completion(fenced())]);
    const p = await resolveProvider({ provider: 'openai', root: tempDir() }, { OPENAI_API_KEY: 'k', UI2CODE_BASE_URL: server.baseUrl, UI2CODE_MODEL: 'my-model' });
    assert.equal(p.model, 'my-model');
    assert.equal((await p.generate({ design })).code, CODE);
    assert.equal(server.requests[0].body.model, 'my-model');
  });
});
