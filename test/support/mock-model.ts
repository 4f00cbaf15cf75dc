// A real HTTP server on 127.0.0.1 speaking the OpenAI-compatible chat-completions wire format: the one thing tests may
// replace is the remote model, so this stands in for it, with its replies and its faults.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockReply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { sse: Array<object | string>; splitAt?: number[]; delayMs?: number; stall?: boolean; headers?: Record<string, string> }
  | { raw: string; status?: number; contentType?: string }
  | { hugeStreamBytes: number };

export interface MockRequest {
  body: any;
  headers: http.IncomingHttpHeaders;
  aborted: boolean;
}

export interface MockModel {
  /** Base URL to give the client, ending in /v1. */
  baseUrl: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

type Handler = (req: { body: any; headers: http.IncomingHttpHeaders; index: number; signal: AbortSignal }) => MockReply | Promise<MockReply>;

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-mock',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'mock',
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});

/** Hosted GLM's stream: reasoning_content deltas, then content deltas, then a finish chunk with usage. */
export function glmStream({ reasoning = '', content, usage = { prompt_tokens: 1200, completion_tokens: 800 }, finishReason = 'stop', chunkSize = 16 }: {
  reasoning?: string;
  content: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  finishReason?: string;
  chunkSize?: number;
}): MockReply {
  const pieces = (s: string) => Array.from({ length: Math.ceil(s.length / chunkSize) }, (_, i) => s.slice(i * chunkSize, (i + 1) * chunkSize));
  return {
    sse: [
      chunk({ role: 'assistant' }),
      ...pieces(reasoning).map((r) => chunk({ reasoning_content: r })),
      ...pieces(content).map((c) => chunk({ content: c })),
      { ...chunk({}), choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } },
    ],
  };
}

/** A plain streamed answer (what most OpenAI-compatible servers send). */
export function completion(content: string, usage = { prompt_tokens: 100, completion_tokens: 50 }): MockReply {
  return glmStream({ content, usage });
}

export async function startMockModel(handler: Handler): Promise<MockModel> {
  const requests: MockRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const part of req) raw.push(part as Buffer);
    let body: any = null;
    try {
      body = JSON.parse(Buffer.concat(raw).toString('utf8'));
    } catch {
      body = Buffer.concat(raw).toString('utf8');
    }
    const record: MockRequest = { body, headers: req.headers, aborted: false };
    requests.push(record);
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        record.aborted = true;
        controller.abort();
      }
    });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const reply = await handler({ body, headers: req.headers, index: requests.length - 1, signal: controller.signal });
    if ('json' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.json));
      return;
    }
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/html' }).end(reply.raw);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...('headers' in reply ? reply.headers : {}) });
    if ('hugeStreamBytes' in reply) {
      const line = `data: ${JSON.stringify(chunk({ content: 'x'.repeat(4000) }))}\n\n`;
      for (let sent = 0; sent < reply.hugeStreamBytes && !controller.signal.aborted; sent += line.length) {
        if (!res.write(line)) await new Promise((r) => res.once('drain', r));
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    const text = reply.sse.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join('') + (reply.stall ? '' : 'data: [DONE]\n\n');
    const bytes = Buffer.from(text, 'utf8');
    const cuts = [...new Set([0, ...(reply.splitAt ?? []).filter((n) => n > 0 && n < bytes.length), bytes.length])].sort((a, b) => a - b);
    for (let i = 0; i < cuts.length - 1 && !controller.signal.aborted; i++) {
      res.write(bytes.subarray(cuts[i], cuts[i + 1]));
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    }
    if (reply.stall) return; // never ends: the client's idle timeout must act
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
