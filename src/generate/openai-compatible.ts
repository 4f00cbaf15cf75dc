// The remote model as a Provider: one OpenAI-compatible chat-completions client (the `openai` SDK, any base URL) that
// streams the reply with its reasoning apart from the content, caps it, and reports usage and cost. The wire is in
// transport.ts, the messages in messages.ts, the retries in retry.ts, the limit per service in limiter.ts.
import type OpenAI from 'openai';
import type { ProviderName } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import { extractComponent } from '../extract/extract.js';
import type { Usage } from '../types.js';
import { effectiveConcurrency, sharedLimiter } from './limiter.js';
import { buildMessages, type ImageEncoding } from './messages.js';
import { costOf, priceOf } from './prices.js';
import { PROMPT_VERSION } from './prompt.js';
import type { GenerateRequest, GenerateResult, Provider } from './provider.js';
import { seconds, withRetries } from './retry.js';
import { ErrorInBody, findCause, guardedFetch, NotTheApi, RedirectRefused, ReplyTooLarge } from './transport.js';

export { buildMessages, type ImageEncoding } from './messages.js';

export interface ClientOptions {
  name: Exclude<ProviderName, 'local'>;
  /** May be empty for endpoints without auth (Ollama, LM Studio). Never printed. */
  apiKey: string;
  baseUrl: string;
  model: string;
  /** Parallel requests; never more than the model's tier allows (effectiveConcurrency). Default from the tier. */
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
  /** A running stream is aborted this long after the first attempt. Default 10 min. */
  deadlineMs?: number;
  /** No retry starts (and no wait runs) past this long after the first attempt: the design fails with the last failure. Default 60 s. */
  retryBudgetMs?: number;
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

/** The endpoint as one string for cache keys and limits: parsed, without a trailing slash. */
export function normaliseEndpoint(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return baseUrl.trim().replace(/\/+$/, '');
  }
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
    retryBudgetMs = 60_000,
    backoffMs = 1000,
    slowDownMs = 60_000,
    maxTokens = 16_384,
    extraBody = {},
  } = options;
  const endpoint = normaliseEndpoint(baseUrl);
  const limiter = sharedLimiter(`${endpoint} ${model}`, effectiveConcurrency(model, options.concurrency));
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
      const redirect = findCause(error, RedirectRefused);
      if (redirect) throw new Ui2CodeError('PROVIDER', redact(redirect.message), { file });
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
    endpoint,
    cost: (usage) => costOf(model, usage),
    generate(request) {
      const { design, signal } = request;
      const file = design.path;
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
          return withRetries((deadline) => attempt(request, body, deadline), {
            file,
            signal,
            deadlineMs,
            budgetMs: retryBudgetMs,
            backoffMs,
            redact,
            onSlowDown: () => limiter.slowDown(slowDownMs),
            onRetry: (message) => request.onProgress?.({ design: file, phase: 'generating', message }),
          });
        },
        { signal, file },
      );
    },
  };
}

export { classify } from './classify.js';
export { createLimiter, defaultConcurrency, effectiveConcurrency } from './limiter.js';
export { costOf, priceOf, PRICES } from './prices.js';
