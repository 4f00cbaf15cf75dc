// One OpenAI-compatible chat-completions client (the `openai` SDK, any base URL) for every remote model: streaming,
// Zhipu's business error codes, retries with backoff and full jitter, an idle deadline, a reply size cap, a
// concurrency limit per provider, token usage and cost.
import type OpenAI from 'openai';
import type { ProviderName } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import { fitWithin } from '../intake/resize.js';
import { encodePng } from '../intake/png.js';
import type { RgbaImage, Usage } from '../types.js';
import { extractCode } from '../extract/extract.js';
import { PROMPT_VERSION, refinePrompt, systemPrompt, userPrompt } from './prompt.js';
import type { GenerateRequest, GenerateResult, Provider } from './provider.js';

export interface ClientOptions {
  name: Exclude<ProviderName, 'local'>;
  apiKey: string;
  baseUrl: string;
  model: string;
  concurrency?: number;
  maxUploadSide?: number;
  /** A stream silent for this long is aborted. Default 60 s. */
  idleTimeoutMs?: number;
  /** A reply larger than this is cut off and fails. Default 2 MB. */
  maxReplyBytes?: number;
  /** Retries stop once this much time has passed since the first attempt. Default 10 min. */
  deadlineMs?: number;
  /** First backoff step; doubles each retry, full jitter. Default 1 s. */
  backoffMs?: number;
  maxTokens?: number;
}

/** RMB per million tokens (input, output). Unknown models cost 0 and say so in the manifest's model field. */
export const PRICES: Record<string, [number, number]> = {
  'glm-4.1v-thinking-flashx': [2, 2],
  'glm-4.1v-thinking-flash': [0, 0],
  'glm-4.5v': [2, 6],
};

export function costOf(model: string, usage: Usage): number {
  const price = PRICES[model];
  return price ? (usage.promptTokens * price[0] + usage.completionTokens * price[1]) / 1e6 : 0;
}

/** The published entry-tier limits: 5 requests at once on -flash, 30 on -flashx. */
export function defaultConcurrency(model: string): number {
  return model.endsWith('-flash') ? 5 : model.endsWith('-flashx') ? 30 : 8;
}

// Zhipu answers 429 for "slow down" and for "no money left" alike: the business code tells them apart.
const RETRY_CODES = new Set(['1302', '1303', '1305', '1312']);
const FATAL_CODES: Record<string, string> = {
  '1113': 'the account has no balance left: top it up, or use the free model glm-4.1v-thinking-flash (--model glm-4.1v-thinking-flash)',
  '1304': 'the daily quota for this model is used up: wait for tomorrow, or use another model',
  '1308': 'the usage limit of the account is reached: check the plan on the provider\'s console',
  '1309': 'the account\'s plan has expired: renew it on the provider\'s console',
  '1310': 'the account is locked: contact the provider',
  '1301': 'the content filter refused the request (the design may contain sensitive content)',
  '1000': 'authentication failed: check the API key', '1001': 'authentication failed: the API key is missing from the request',
  '1002': 'authentication failed: the API key is invalid', '1003': 'authentication failed: the API key has expired',
  '1004': 'authentication failed: check the API key',
  '1210': 'the request has invalid parameters (is the model id right?)', '1214': 'the request has invalid parameters (is the model id right?)',
  '1261': 'the prompt is too long: lower maxUploadSide or disable hints',
};

export type Failure = { retry: true; retryAfterMs?: number; message: string; rateLimited: boolean } | { retry: false; error: Ui2CodeError };

/** What to do about an error: retry (after how long) or fail with a message that names the cause and the remedy. */
export function classify(error: unknown, file: string, redact: (s: string) => string): Failure {
  const e = error as { status?: number; code?: string | number | null; error?: { code?: string | number; message?: string }; headers?: Headers | Record<string, string>; message?: string; name?: string };
  const code = String(e.error?.code ?? e.code ?? '');
  const detail = redact(e.error?.message ?? e.message ?? String(error));
  const headers = e.headers;
  const retryAfter = headers && (typeof (headers as Headers).get === 'function' ? (headers as Headers).get('retry-after') : (headers as Record<string, string>)['retry-after']);
  const retryAfterMs = retryAfter && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : undefined;
  if (FATAL_CODES[code]) return { retry: false, error: new Ui2CodeError('PROVIDER', `${FATAL_CODES[code]} (code ${code}: ${detail})`, { file }) };
  if (RETRY_CODES.has(code)) return { retry: true, retryAfterMs, message: `code ${code}: ${detail}`, rateLimited: code === '1302' };
  const status = e.status;
  if (status === 401 || status === 403) return { retry: false, error: new Ui2CodeError('PROVIDER', `authentication failed (HTTP ${status}): check the API key (${detail})`, { file }) };
  if (status === 429) return { retry: true, retryAfterMs, message: `HTTP 429: ${detail}`, rateLimited: true };
  if (status === 408 || status === 409 || (status !== undefined && status >= 500)) return { retry: true, retryAfterMs, message: `HTTP ${status}: ${detail}`, rateLimited: false };
  if (status === undefined && /connect|ECONN|ETIMEDOUT|socket|network|fetch failed|terminated/i.test(`${e.name} ${e.message}`)) {
    return { retry: true, message: `connection error: ${detail}`, rateLimited: false };
  }
  return { retry: false, error: new Ui2CodeError('PROVIDER', `the model service refused the request${status ? ` (HTTP ${status})` : ''}: ${detail}`, { file }) };
}

/** A counting semaphore whose limit halves for a while after the service says "too many requests". */
export function createLimiter(limit: number) {
  let active = 0;
  let halvedUntil = 0;
  const queue: Array<() => void> = [];
  const current = () => (Date.now() < halvedUntil ? Math.max(1, Math.floor(limit / 2)) : limit);
  const pump = () => {
    while (queue.length && active < current()) {
      active++;
      queue.shift()!();
    }
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        pump();
      });
      try {
        return await work();
      } finally {
        active--;
        pump();
      }
    },
    slowDown(ms = 60_000) {
      halvedUntil = Date.now() + ms;
    },
    get limit() {
      return current();
    },
  };
}

const dataUrl = (image: RgbaImage) => `data:image/png;base64,${encodePng(image).toString('base64')}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

export function createOpenAICompatibleProvider(options: ClientOptions): Provider {
  const {
    name, apiKey, baseUrl, model, maxUploadSide = 2048, idleTimeoutMs = 60_000, maxReplyBytes = 2 * 1024 * 1024,
    deadlineMs = 10 * 60_000, backoffMs = 1000, maxTokens = 16_384,
  } = options;
  const limiter = createLimiter(options.concurrency ?? defaultConcurrency(model));
  const redact = (s: string) => s.split(apiKey).join('***');
  let client: OpenAI | undefined;
  const getClient = async () => {
    if (!client) {
      const { default: OpenAIClient } = await import('openai');
      client = new OpenAIClient({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: deadlineMs });
    }
    return client;
  };

  async function messages(request: GenerateRequest): Promise<OpenAI.ChatCompletionMessageParam[]> {
    const { design, hints, previous } = request;
    const upload = await fitWithin(design.image, maxUploadSide);
    const content: OpenAI.ChatCompletionContentPart[] = [
      { type: 'image_url', image_url: { url: dataUrl(upload) } },
      { type: 'text', text: userPrompt({ width: design.cssWidth, height: design.cssHeight, hints }) },
    ];
    if (previous) {
      content.push({ type: 'image_url', image_url: { url: dataUrl(await fitWithin(previous.render, maxUploadSide)) } });
      if (previous.diff) content.push({ type: 'image_url', image_url: { url: dataUrl(await fitWithin(previous.diff, maxUploadSide)) } });
      content.push({ type: 'text', text: refinePrompt({ code: previous.code, scores: previous.scores, round: previous.round + 1, hasDiff: Boolean(previous.diff) }) });
    }
    return [{ role: 'system', content: systemPrompt() }, { role: 'user', content }];
  }

  /** One streamed attempt. Throws classified-later errors for HTTP failures, Ui2CodeErrors for bad replies. */
  async function attempt(request: GenerateRequest, body: OpenAI.ChatCompletionCreateParamsStreaming): Promise<GenerateResult> {
    const file = request.design.path;
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    let idleFired = false;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idleFired = true;
        controller.abort();
      }, idleTimeoutMs);
    };
    let content = '';
    let reasoning = '';
    let bytes = 0;
    let chunks = 0;
    let finish: string | null = null;
    let usage: Usage = { promptTokens: 0, completionTokens: 0 };
    try {
      arm();
      const stream = await (await getClient()).chat.completions.create(body, { signal: controller.signal });
      for await (const chunk of stream) {
        arm();
        chunks++;
        const choice = chunk.choices?.[0];
        const delta = (choice?.delta ?? {}) as { content?: string | null; reasoning_content?: string | null };
        if (delta.reasoning_content) {
          reasoning += delta.reasoning_content;
          request.onProgress?.({ design: file, phase: 'reasoning', received: reasoning.length });
        }
        if (delta.content) {
          content += delta.content;
          request.onProgress?.({ design: file, phase: 'generating', received: content.length });
        }
        bytes += (delta.content?.length ?? 0) + (delta.reasoning_content?.length ?? 0);
        if (bytes > maxReplyBytes) {
          controller.abort();
          throw new Ui2CodeError('INCOMPLETE_REPLY', `the reply grew past ${maxReplyBytes} bytes and was cut off`, { file });
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
      }
    } catch (error) {
      if (error instanceof Ui2CodeError) throw error;
      if (request.signal?.aborted) throw new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
      if (idleFired) throw new Ui2CodeError('PROVIDER', `the model's stream went silent for ${idleTimeoutMs} ms and was aborted`, { file, cause: error });
      if (error instanceof SyntaxError) throw new Ui2CodeError('PROVIDER', `the endpoint's reply is not in the OpenAI-compatible format (${redact(error.message)})`, { file, cause: error });
      throw error;
    } finally {
      clearTimeout(idle);
      request.signal?.removeEventListener('abort', onAbort);
    }
    // An aborted stream may simply end: say why it ended.
    if (request.signal?.aborted) throw new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
    if (idleFired) throw new Ui2CodeError('PROVIDER', `the model's stream went silent for ${idleTimeoutMs} ms and was aborted`, { file });
    if (chunks === 0) throw new Ui2CodeError('PROVIDER', `the endpoint at ${baseUrl} did not answer in the OpenAI-compatible streaming format`, { file });
    if (finish === 'length') throw new Ui2CodeError('INCOMPLETE_REPLY', 'the reply stopped at the token limit (finish_reason "length") before the code was complete', { file });
    if (finish === null) throw new Ui2CodeError('INCOMPLETE_REPLY', 'the stream ended before the reply was complete (no finish_reason)', { file });
    const code = extractCode({ content, reasoning }, file);
    return { code, raw: content, reasoning, usage, provider: name, model };
  }

  return {
    name,
    model,
    version: PROMPT_VERSION,
    cost: (usage) => costOf(model, usage),
    generate(request) {
      const file = request.design.path;
      return limiter.run(async () => {
        const body: OpenAI.ChatCompletionCreateParamsStreaming = {
          model,
          messages: await messages(request),
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: maxTokens,
        };
        const started = Date.now();
        for (let retry = 0; ; retry++) {
          if (request.signal?.aborted) throw new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
          try {
            return await attempt(request, body);
          } catch (error) {
            if (error instanceof Ui2CodeError) throw error;
            const failure = classify(error, file, redact);
            if (!failure.retry) throw failure.error;
            if (failure.rateLimited) limiter.slowDown();
            const jitter = Math.random() * Math.min(30_000, backoffMs * 2 ** retry);
            const wait = Math.max(failure.retryAfterMs ?? 0, jitter);
            if (Date.now() - started + wait > deadlineMs) {
              throw new Ui2CodeError('PROVIDER', `the model service kept failing for ${Math.round((Date.now() - started) / 1000)} s (${failure.message}); try again later`, { file });
            }
            request.onProgress?.({ design: file, phase: 'generating', message: `retrying after ${failure.message}` });
            await sleep(wait, request.signal).catch(() => {
              throw new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
            });
          }
        }
      });
    },
  };
}
