// One OpenAI-compatible chat-completions client (the `openai` SDK, any base URL) for every remote model: streaming with
// reasoning apart from content, Zhipu's business error codes, our own retries (backoff with full jitter, Retry-After,
// a total deadline), an idle deadline, a cap on the reply's bytes, a concurrency limit per provider, usage and cost.
import type OpenAI from 'openai';
import type { ProviderName } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import { extractComponent } from '../extract/extract.js';
import { encodePng } from '../intake/png.js';
import { fitWithin } from '../intake/resize.js';
import type { RgbaImage, Usage } from '../types.js';
import { classify } from './classify.js';
import { defaultConcurrency, sharedLimiter } from './limiter.js';
import { costOf, priceOf } from './prices.js';
import { PROMPT_VERSION, refinePrompt, systemPrompt, userPrompt } from './prompt.js';
import type { GenerateRequest, GenerateResult, Provider } from './provider.js';

export interface ClientOptions {
  name: Exclude<ProviderName, 'local'>;
  /** May be empty for endpoints without auth (Ollama, LM Studio). Never printed. */
  apiKey: string;
  baseUrl: string;
  model: string;
  /** Parallel requests. Default from the model's tier (defaultConcurrency). */
  concurrency?: number;
  /** Longest side of an image upload. Default 2048. */
  maxUploadSide?: number;
  /**
   * How an image goes in `image_url.url`: a data URL (the OpenAI format, default) or bare base64, the format Zhipu's
   * own documentation and SDK use (its older GLM-4V models refused the data: prefix).
   */
  imageEncoding?: ImageEncoding;
  /** A stream (or a request waiting for its first byte) silent this long is aborted. Default 60 s. */
  idleTimeoutMs?: number;
  /** Bytes of text (reasoning + content, UTF-8) a reply may hold before it is cut off and fails. Default 2 MB. */
  maxReplyBytes?: number;
  /**
   * Bytes on the wire (SSE framing included) before the download is cut off. Default 16 x maxReplyBytes: hosted GLM
   * sends one token per event with ~170 bytes of JSON around it, so a legitimate 16k-token reply is ~3 MB on the wire.
   */
  maxWireBytes?: number;
  /** Retries stop, and a running stream is aborted, this long after the first attempt. Default 10 min. */
  deadlineMs?: number;
  /** First backoff step; doubles each retry (capped at 30 s), full jitter. Default 1 s. */
  backoffMs?: number;
  /** How long the concurrency limit stays halved after a 1302. Default 60 s. */
  slowDownMs?: number;
  maxTokens?: number;
  /** Extra request body fields (e.g. `{ thinking: { type: 'enabled' } }`). */
  extraBody?: Record<string, unknown>;
}

/** Replaces every occurrence of the secret with ***; keys too short to be secrets are left alone (and never contain much). */
export function redactor(secret: string): (text: string) => string {
  return secret.length < 6 ? (text) => text : (text) => text.split(secret).join('***');
}

/** The body grew past the byte cap: thrown inside the response stream so the SDK's parser stops reading. */
class ReplyTooLarge extends Error {}
/** A 200 answer that is a web page, not the API. */
class NotTheApi extends Error {}
/** A 200 JSON answer carrying `{ error }` (some gateways answer a streamed request that way): classified like an HTTP error. */
class ErrorInBody extends Error {
  constructor(readonly error: { code?: string | number; message?: string }, readonly headers: Headers) {
    super(String(error?.message ?? 'error'));
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let seen = 0;
  for await (const part of body as unknown as AsyncIterable<Uint8Array>) {
    seen += part.byteLength;
    if (seen > maxBytes) {
      await body.cancel().catch(() => {});
      throw new ReplyTooLarge(`over ${maxBytes} bytes`);
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A server that ignored `stream: true` and sent one chat.completion object: the same answer as a one-event stream, so
 * everything downstream (finish_reason, usage, extraction) sees one shape. An `{ error }` body is thrown for classify.
 */
function jsonAsStream(text: string, response: Response): Response {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NotTheApi(`a body that is not JSON ("${text.slice(0, 80).replace(/\s+/g, ' ')}")`);
  }
  if (json?.error) throw new ErrorInBody(json.error, response.headers);
  const choice = json?.choices?.[0];
  if (!choice?.message) throw new NotTheApi(`JSON that is not a chat completion ("${text.slice(0, 80).replace(/\s+/g, ' ')}")`);
  const { content = '', reasoning_content, reasoning } = choice.message;
  const event = { choices: [{ index: 0, delta: { content, reasoning_content: reasoning_content ?? reasoning }, finish_reason: choice.finish_reason ?? 'stop' }], usage: json.usage };
  const headers = new Headers(response.headers);
  headers.set('content-type', 'text/event-stream');
  headers.delete('content-length');
  return new Response(`data: ${JSON.stringify(event)}\n\ndata: [DONE]\n\n`, { status: response.status, statusText: response.statusText, headers });
}

function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

/** fetch with a byte cap on every response body and a clear refusal of HTML pages served with status 200. */
function guardedFetch(maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && /text\/html/i.test(type)) {
      const reader = response.body.getReader();
      let head = '';
      const decoder = new TextDecoder();
      while (head.length < 4096) {
        const { value, done } = await reader.read();
        if (done) break;
        head += decoder.decode(value, { stream: true });
      }
      await reader.cancel().catch(() => {});
      const title = /<title[^>]*>([^<]*)/i.exec(head)?.[1]?.trim() || head.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
      throw new NotTheApi(`an HTML page ("${title}")`);
    }
    if (response.ok && /json/i.test(type) && !/event-stream/i.test(type)) return jsonAsStream(await readCapped(response.body, maxBytes), response);
    let seen = 0;
    const capped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ReplyTooLarge(`over ${maxBytes} bytes`));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export type ImageEncoding = 'data-url' | 'base64';

const imageUrl = (image: RgbaImage, encoding: ImageEncoding) => {
  const base64 = encodePng(image).toString('base64');
  return encoding === 'base64' ? base64 : `data:image/png;base64,${base64}`;
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The messages of one request: the design (downscaled for upload) and the prompt; on refinement rounds also the render, the diff and the code. */
export async function buildMessages(request: GenerateRequest, maxUploadSide = 2048, encoding: ImageEncoding = 'data-url'): Promise<OpenAI.ChatCompletionMessageParam[]> {
  const { design, hints, previous, style, name, theme } = request;
  const defaults = style === 'tailwind' && theme ? (await import('./theme.js')).defaultTheme() : undefined;
  const image = async (img: RgbaImage) => ({ type: 'image_url' as const, image_url: { url: imageUrl(await fitWithin(img, maxUploadSide), encoding) } });
  const content: OpenAI.ChatCompletionContentPart[] = [
    await image(design.image),
    { type: 'text', text: userPrompt({ width: design.cssWidth, height: design.cssHeight, hints, theme, defaults, style }) },
  ];
  if (previous) {
    content.push(await image(previous.render));
    if (previous.diff) content.push(await image(previous.diff));
    content.push({ type: 'text', text: refinePrompt({ code: previous.code, css: previous.css, style, scores: previous.scores, round: previous.round + 1, hasDiff: Boolean(previous.diff) }) });
  }
  return [
    { role: 'system', content: systemPrompt({ style, name, theme }) },
    { role: 'user', content },
  ];
}

export function createOpenAICompatibleProvider(options: ClientOptions): Provider {
  const {
    name,
    apiKey,
    baseUrl,
    model,
    maxUploadSide = 2048,
    imageEncoding = 'data-url',
    idleTimeoutMs = 60_000,
    maxReplyBytes = 2 * 1024 * 1024,
    maxWireBytes = 16 * maxReplyBytes,
    deadlineMs = 10 * 60_000,
    backoffMs = 1000,
    slowDownMs = 60_000,
    maxTokens = 16_384,
    extraBody = {},
  } = options;
  const limiter = sharedLimiter(`${baseUrl} ${model}`, options.concurrency ?? defaultConcurrency(model));
  const redact = redactor(apiKey);
  const priced = priceOf(model) !== undefined;
  let client: Promise<OpenAI> | undefined;
  const getClient = () =>
    (client ??= import('openai').then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          apiKey: apiKey || 'no-key',
          baseURL: baseUrl,
          maxRetries: 0, // our own retry policy below
          timeout: deadlineMs,
          logLevel: 'off',
          fetch: guardedFetch(maxWireBytes),
        }),
    ));

  /** One streamed attempt. HTTP failures are thrown raw (classified by the caller); bad replies as Ui2CodeErrors. */
  async function attempt(request: GenerateRequest, body: OpenAI.ChatCompletionCreateParamsStreaming, deadline: number): Promise<GenerateResult> {
    const file = request.design.path;
    const sdk = await getClient();
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    // Aborted while the client was loading: the listener above came too late to hear it.
    if (request.signal?.aborted) onAbort();
    let stopped: 'idle' | 'deadline' | 'cap' | undefined;
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        stopped = 'idle';
        controller.abort();
      }, idleTimeoutMs);
    };
    const overall = setTimeout(() => {
      stopped = 'deadline';
      controller.abort();
    }, Math.max(1, deadline - Date.now()));
    let content = '';
    let reasoning = '';
    let chunks = 0;
    let textBytes = 0;
    let finish: string | null = null;
    let usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const why = () => {
      if (request.signal?.aborted) return new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
      if (stopped === 'idle') {
        return new Ui2CodeError('PROVIDER', `the model's stream went silent for ${idleTimeoutMs} ms and was aborted: the service is overloaded or stuck; try again later`, { file });
      }
      if (stopped === 'deadline') return new Ui2CodeError('PROVIDER', `the reply took longer than the ${seconds(deadlineMs)} deadline and was aborted`, { file });
      if (stopped === 'cap') return new Ui2CodeError('INCOMPLETE_REPLY', `the reply grew past ${maxReplyBytes} bytes and was cut off`, { file });
      return undefined;
    };
    try {
      arm();
      const stream = await sdk.chat.completions.create(body, { signal: controller.signal });
      for await (const chunk of stream) {
        arm();
        chunks++;
        const choice = chunk.choices?.[0];
        const delta = (choice?.delta ?? {}) as { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
        // Hosted GLM (and DeepSeek-style servers) send `reasoning_content`; OpenRouter and newer vLLM send `reasoning`.
        const thought = delta.reasoning_content ?? delta.reasoning;
        if (thought) {
          reasoning += thought;
          request.onProgress?.({ design: file, phase: 'reasoning', received: reasoning.length });
        }
        if (delta.content) {
          content += delta.content;
          request.onProgress?.({ design: file, phase: 'generating', received: content.length });
        }
        textBytes += (thought ? Buffer.byteLength(thought) : 0) + (delta.content ? Buffer.byteLength(delta.content) : 0);
        if (textBytes > maxReplyBytes) {
          stopped = 'cap';
          controller.abort();
          break;
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
      }
    } catch (error) {
      if (error instanceof Ui2CodeError) throw error;
      const stop = why();
      if (stop) throw stop;
      if (findCause(error, ReplyTooLarge)) {
        throw new Ui2CodeError('INCOMPLETE_REPLY', `the reply grew past ${maxWireBytes} bytes on the wire and was cut off`, { file });
      }
      const inBody = findCause(error, ErrorInBody);
      if (inBody) throw { error: inBody.error, headers: inBody.headers, message: inBody.message };
      const page = findCause(error, NotTheApi);
      if (page) {
        throw new Ui2CodeError('PROVIDER', `the endpoint at ${redact(baseUrl)} answered with ${redact(page.message)} instead of the OpenAI-compatible API: check the base URL (it usually ends in /v1, or /api/paas/v4 for GLM)`, { file });
      }
      if (error instanceof SyntaxError) {
        throw new Ui2CodeError('PROVIDER', `the endpoint at ${redact(baseUrl)} did not answer in the OpenAI-compatible format (${redact(error.message)})`, { file });
      }
      throw error;
    } finally {
      clearTimeout(idle);
      clearTimeout(overall);
      request.signal?.removeEventListener('abort', onAbort);
    }
    // An aborted stream may simply end: say why it ended.
    const stop = why();
    if (stop) throw stop;
    if (chunks === 0) {
      throw new Ui2CodeError('PROVIDER', `the endpoint at ${redact(baseUrl)} did not answer in the OpenAI-compatible streaming format: check the base URL`, { file });
    }
    if (finish === 'length') {
      throw new Ui2CodeError('INCOMPLETE_REPLY', `the reply stopped at the token limit (finish_reason "length", ${usage.completionTokens || 'unknown'} tokens) before the code was complete`, { file });
    }
    // Zhipu ends a stream its backend lost with finish_reason "network_error": a transient failure, retried like one.
    if (finish === 'network_error') throw new Error('the service lost the reply mid-stream (finish_reason "network_error")');
    if (finish === 'sensitive') throw new Ui2CodeError('PROVIDER', "the provider's content filter stopped the reply (finish_reason \"sensitive\")", { file });
    if (finish === null) throw new Ui2CodeError('INCOMPLETE_REPLY', 'the stream ended before the reply was complete (no finish_reason)', { file });
    const { code, css } = extractComponent({ content, reasoning }, file, { style: request.style });
    return { code, css, raw: content, reasoning: reasoning || undefined, usage, provider: name, model };
  }

  return {
    name,
    model,
    version: PROMPT_VERSION,
    cost: (usage) => costOf(model, usage),
    generate(request) {
      const { design, signal } = request;
      const file = design.path;
      const aborted = () => new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
      return limiter.run(
        async () => {
          const body = {
            ...extraBody,
            model,
            messages: await buildMessages(request, maxUploadSide, imageEncoding),
            stream: true,
            stream_options: { include_usage: true },
            max_tokens: maxTokens,
          } as OpenAI.ChatCompletionCreateParamsStreaming;
          if (!priced) request.onProgress?.({ design: file, phase: 'generating', message: `no price known for model ${model}: its cost is counted as 0` });
          const started = Date.now();
          const deadline = started + deadlineMs;
          const keptFailing = (attempts: number, last: string) =>
            new Ui2CodeError('PROVIDER', `the model service kept failing for ${seconds(Date.now() - started)} over ${attempts} attempts (last: ${last}); try again later`, { file });
          let lastFailure: string | undefined;
          for (let retry = 0; ; retry++) {
            if (signal?.aborted) throw aborted();
            request.onProgress?.({ design: file, phase: 'generating', message: retry ? `attempt ${retry + 1}` : undefined });
            try {
              return await attempt(request, body, deadline);
            } catch (error) {
              // The deadline ran out in the middle of a retry: the failures before it are the story, not the cut.
              if (error instanceof Ui2CodeError && lastFailure && Date.now() >= deadline && !signal?.aborted) throw keptFailing(retry + 1, lastFailure);
              if (error instanceof Ui2CodeError) throw error;
              const failure = classify(error, file, redact);
              if (!failure.retry) throw failure.error;
              lastFailure = failure.message;
              if (failure.slowDown) limiter.slowDown(slowDownMs);
              const jitter = Math.random() * Math.min(30_000, backoffMs * 2 ** retry);
              const wait = Math.max(failure.retryAfterMs ?? 0, jitter);
              if (Date.now() + wait > deadline) {
                throw keptFailing(retry + 1, failure.message);
              }
              request.onProgress?.({ design: file, phase: 'generating', message: `retrying in ${Math.round(wait)} ms after ${failure.message}` });
              await sleep(wait, signal).catch(() => {
                throw aborted();
              });
            }
          }
        },
        { signal, file },
      );
    },
  };
}

export { classify } from './classify.js';
export { createLimiter, defaultConcurrency } from './limiter.js';
export { costOf, priceOf, PRICES } from './prices.js';
