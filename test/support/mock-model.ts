// A real HTTP server on 127.0.0.1 speaking the OpenAI-compatible chat-completions wire format: the one thing tests may
// replace is the remote model, so this stands in for it, with its replies and its faults.
import http from 'node:http';
import { after } from 'node:test';
import type { AddressInfo, Socket } from 'node:net';

export interface MockUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type MockReply =
  /** A JSON body with any status (errors: 429 + Retry-After, `{ error: { code: '1302', message } }`, 500...). */
  | { status: number; json: unknown; headers?: Record<string, string> }
  /** A finished answer, sent as an SSE stream when the request asked for one, else as one chat.completion object. */
  | { completion: { content: string; reasoning?: string; usage?: MockUsage; finishReason?: string } }
  /**
   * An SSE stream: objects are JSON-encoded as `data:` lines, strings sent as the data verbatim, then `data: [DONE]`.
   * `splitAt`: byte offsets where the bytes are cut into separate writes; `delayMs` between writes; `stall`: never end.
   */
  | { sse: Array<object | string>; splitAt?: number[]; delayMs?: number; stall?: boolean; headers?: Record<string, string> }
  /** Raw text with a status (default 200) and content type (default text/html): garbage from a wrong endpoint. */
  | { raw: string; status?: number; contentType?: string }
  /** An endless-looking stream of content deltas of this many bytes in total (e.g. 50 MB). */
  | { hugeStreamBytes: number };

export interface MockRequest {
  body: any;
  headers: http.IncomingHttpHeaders;
  /** The client went away before the reply was complete. */
  aborted: boolean;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface MockModel {
  /** Base URL to give the client, ending in /v1. */
  baseUrl: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

export type MockHandler = (req: { body: any; headers: http.IncomingHttpHeaders; index: number; signal: AbortSignal }) => MockReply | Promise<MockReply>;

const DEFAULT_USAGE: MockUsage = { prompt_tokens: 1200, completion_tokens: 800 };

/** One chat.completion.chunk. */
export function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 0, model: 'mock', choices: [{ index: 0, delta, finish_reason: null }], ...extra };
}

/** Split into pieces of `size` code points (never inside a character: the server's byte splits test that). */
const pieces = (text: string, size: number) => {
  const chars = Array.from(text);
  return Array.from({ length: Math.ceil(chars.length / size) }, (_, i) => chars.slice(i * size, (i + 1) * size).join(''));
};

/** Hosted GLM's stream: a role chunk, reasoning_content deltas, content deltas, then a finish chunk carrying usage. */
export function glmStream({
  reasoning = '',
  content,
  usage = DEFAULT_USAGE,
  finishReason = 'stop',
  chunkSize = 16,
}: {
  reasoning?: string;
  content: string;
  usage?: MockUsage;
  finishReason?: string;
  chunkSize?: number;
}): { sse: object[] } {
  return {
    sse: [
      chunk({ role: 'assistant' }),
      ...pieces(reasoning, chunkSize).map((r) => chunk({ reasoning_content: r })),
      ...pieces(content, chunkSize).map((c) => chunk({ content: c })),
      { ...chunk({}), choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } },
    ],
  };
}

/** A plain finished answer (streamed or not, as the client asks): what most OpenAI-compatible servers send. */
export function completion(content: string, usage: MockUsage = { prompt_tokens: 100, completion_tokens: 50 }, finishReason = 'stop'): MockReply {
  return { completion: { content, usage, finishReason } };
}

function nonStreamBody({ content, reasoning, usage = DEFAULT_USAGE, finishReason = 'stop' }: { content: string; reasoning?: string; usage?: MockUsage; finishReason?: string }) {
  return {
    id: 'chatcmpl-mock',
    object: 'chat.completion',
    created: 0,
    model: 'mock',
    choices: [{ index: 0, message: { role: 'assistant', content, ...(reasoning ? { reasoning_content: reasoning } : {}) }, finish_reason: finishReason }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** Resolves when the response can take more, or is gone. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

export async function startMockModel(handler: MockHandler): Promise<MockModel> {
  const requests: MockRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const part of req) raw.push(part as Buffer);
    const text = Buffer.concat(raw).toString('utf8');
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const record: MockRequest = { body, headers: req.headers, aborted: false, at: Date.now() };
    requests.push(record);
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        record.aborted = true;
        controller.abort();
      }
    });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `not found: ${req.method} ${req.url}` } }));
      return;
    }
    let reply: MockReply;
    try {
      reply = await handler({ body, headers: req.headers, index: requests.length - 1, signal: controller.signal });
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `mock handler threw: ${String(error)}` } }));
      return;
    }
    if ('json' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.json));
      return;
    }
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/html' }).end(reply.raw);
      return;
    }
    if ('completion' in reply && !body?.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(nonStreamBody(reply.completion)));
      return;
    }
    const stream = 'completion' in reply ? glmStream(reply.completion) : reply;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...('headers' in stream ? stream.headers : {}) });
    if ('hugeStreamBytes' in stream) {
      const line = `data: ${JSON.stringify(chunk({ content: 'x'.repeat(4000) }))}\n\n`;
      for (let sent = 0; sent < stream.hugeStreamBytes && !controller.signal.aborted; sent += line.length) {
        if (!res.write(line)) await drained(res);
      }
      if (!controller.signal.aborted) res.end('data: [DONE]\n\n');
      return;
    }
    const { sse, splitAt = [], delayMs = 0, stall = false } = stream as Extract<MockReply, { sse: unknown }>;
    const payload = sse.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('') + (stall ? '' : 'data: [DONE]\n\n');
    const bytes = Buffer.from(payload, 'utf8');
    const cuts = [...new Set([0, ...splitAt.filter((n) => n > 0 && n < bytes.length), bytes.length])].sort((a, b) => a - b);
    for (let i = 0; i < cuts.length - 1 && !controller.signal.aborted; i++) {
      res.write(bytes.subarray(cuts[i], cuts[i + 1]));
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (stall) return; // never ends: the client's idle timeout must act
    res.end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A mock model for the running test, answering `replies` in order (the last one repeats) or through a handler, and
 * closed when that test ends.
 */
export async function mockModel(replies: MockReply[] | MockHandler): Promise<MockModel> {
  const server = await startMockModel(typeof replies === 'function' ? replies : ({ index }) => replies[Math.min(index, replies.length - 1)]);
  after(() => server.close());
  return server;
}
