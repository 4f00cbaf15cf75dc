// The client against servers that bend the wire format: a JSON answer to a streamed request, an error object in a
// 200 JSON body, a token-per-event stream whose framing dwarfs its text. Real HTTP to the mock model.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isUi2CodeError, type ErrorCode } from '../src/errors.js';
import { createOpenAICompatibleProvider, type ClientOptions } from '../src/generate/openai-compatible.js';
import { costOf } from '../src/generate/prices.js';
import { readDesign } from '../src/intake/decode.js';
import { glmStream, mockModel } from './support/mock-model.js';
import { fixturesDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
const KEY = 'sk-wire-secret-987654';
const CODE = "export default function Card() {\n  return <div style={{ width: 400, height: 300 }}>Hello</div>;\n}\n";
const fenced = `\`\`\`tsx\n${CODE}\`\`\`\n`;

const mock = mockModel;

const provider = (baseUrl: string, options: Partial<ClientOptions> = {}) =>
  createOpenAICompatibleProvider({ name: 'glm', apiKey: KEY, baseUrl, model: 'glm-4.1v-thinking-flashx', backoffMs: 5, idleTimeoutMs: 3000, ...options });

const fails = (code: ErrorCode, pattern: RegExp) => (error: unknown) => {
  assert.ok(isUi2CodeError(error, code), `expected ${code}, got ${String(error)}`);
  assert.match((error as Error).message, pattern);
  assert.ok((error as Error).message.includes(design.path), 'names the design');
  assert.ok(!(error as Error).message.includes(KEY), 'the key is redacted');
  return true;
};

/** A chat.completion object, as a server that ignores `stream: true` sends it. */
const whole = (content: string, extra: Record<string, unknown> = {}, finish = 'stop') => ({
  status: 200,
  json: {
    id: 'x',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: finish }],
    usage: { prompt_tokens: 70, completion_tokens: 30, total_tokens: 100 },
  },
});

describe('servers that bend the wire format', () => {
  it('accepts a whole chat.completion answered to a streamed request', async () => {
    const server = await mock([whole(fenced, { reasoning_content: 'Thinking about ```tsx\nbad\n```' })]);
    const result = await provider(server.baseUrl).generate({ design });
    assert.equal(result.code, CODE);
    assert.match(result.reasoning ?? '', /Thinking about/);
    assert.deepEqual(result.usage, { promptTokens: 70, completionTokens: 30 });
    assert.equal(server.requests[0].body.stream, true);
  });

  it('still treats finish_reason "length" in a whole answer as incomplete', async () => {
    const server = await mock([whole(fenced, {}, 'length')]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('INCOMPLETE_REPLY', /length/));
  });

  it('classifies an error object in a 200 JSON body by its business code', async () => {
    const broke = await mock([{ status: 200, json: { error: { code: '1113', message: `balance low for ${KEY}` } } }]);
    await assert.rejects(provider(broke.baseUrl).generate({ design }), fails('PROVIDER', /no balance left.*glm-4\.1v-thinking-flash/));
    assert.equal(broke.requests.length, 1, 'not retried');
    const busy = await mock([{ status: 200, json: { error: { code: '1302', message: 'busy' } } }, whole(fenced)]);
    assert.equal((await provider(busy.baseUrl).generate({ design })).code, CODE);
    assert.equal(busy.requests.length, 2, 'retried');
  });

  it('refuses JSON that is not a chat completion, and a JSON content type with a non-JSON body', async () => {
    const odd = await mock([{ status: 200, json: { hello: 'world' } }]);
    await assert.rejects(provider(odd.baseUrl).generate({ design }), fails('PROVIDER', /not a chat completion.*OpenAI-compatible/));
    const broken = await mock([{ raw: 'Service Unavailable', contentType: 'application/json' }]);
    await assert.rejects(provider(broken.baseUrl).generate({ design }), fails('PROVIDER', /not JSON.*OpenAI-compatible/));
  });

  it('caps the reply text, not the SSE framing: a token-per-event stream larger on the wire than the cap passes', async () => {
    const content = `${fenced}${'\n'.repeat(1)}`;
    const reasoning = 'r'.repeat(2500);
    const reply = glmStream({ reasoning, content, chunkSize: 1 });
    const wire = Buffer.byteLength(reply.sse.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''));
    const cap = 32 * 1024;
    assert.ok(wire > cap * 4, `the stream is ${wire} bytes on the wire`);
    const server = await mock([reply]);
    const result = await provider(server.baseUrl, { maxReplyBytes: cap }).generate({ design });
    assert.equal(result.code, CODE);
    assert.equal(result.reasoning, reasoning);
    // Past the text cap it fails, whatever the framing.
    const long = await mock([glmStream({ reasoning: 'r'.repeat(cap + 10), content, chunkSize: 4000 })]);
    await assert.rejects(provider(long.baseUrl, { maxReplyBytes: cap }).generate({ design }), fails('INCOMPLETE_REPLY', /32768 bytes and was cut off/));
  });

  it('a job whose signal is already aborted never reaches the service', async () => {
    const server = await mock([glmStream({ content: fenced })]);
    await assert.rejects(provider(server.baseUrl).generate({ design, signal: AbortSignal.abort() }), fails('ABORTED', /superseded/));
    assert.equal(server.requests.length, 0);
  });

  it('prices glm-4.5v per input and output token', () => {
    assert.equal(costOf('glm-4.5v', { promptTokens: 1_000_000, completionTokens: 1_000_000 }), 16);
  });
});

describe('finish reasons', () => {
  it('retries a stream Zhipu ended with finish_reason "network_error"', async () => {
    const server = await mock([glmStream({ content: '```tsx\nexport default', finishReason: 'network_error' }), glmStream({ content: fenced })]);
    const messages: string[] = [];
    const result = await provider(server.baseUrl).generate({ design, onProgress: (e) => e.message && messages.push(e.message) });
    assert.equal(result.code, CODE);
    assert.equal(server.requests.length, 2);
    assert.ok(messages.some((m) => /network_error/.test(m)), messages.join('\n'));
  });

  it('fails on finish_reason "sensitive" (the content filter) without retrying', async () => {
    const server = await mock([glmStream({ content: fenced, finishReason: 'sensitive' })]);
    await assert.rejects(provider(server.baseUrl).generate({ design }), fails('PROVIDER', /content filter/));
    assert.equal(server.requests.length, 1);
  });
});
