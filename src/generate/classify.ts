// What to do about a failed request: retry it (after how long) or fail at once with a message naming the cause and the
// remedy. Zhipu answers HTTP 429 both for "slow down" and for "no money left", so its business code decides first.
import { Ui2CodeError } from '../errors.js';

const RETRY_CODES = new Set(['1302', '1303', '1305', '1312']);
/** 1302 (concurrency) and a bare 429 mean "too many at once": the limiter halves for a while. */
const CONCURRENCY_CODES = new Set(['1302']);

const FREE_MODEL = 'use the free model with --model glm-4.1v-thinking-flash';
const AUTH = 'authentication failed: check the API key (ZHIPUAI_API_KEY / ZAI_API_KEY / OPENAI_API_KEY / UI2CODE_API_KEY, or .env)';
const BAD_PARAMS = 'the service rejected the request parameters: check the model id (--model) and the base URL (--base-url); if the image is the problem, lower maxUploadSide';

export const FATAL_CODES: Record<string, string> = {
  '1113': `the account has no balance left: top it up on the provider's console, or ${FREE_MODEL}`,
  '1304': `the daily quota for this model is used up: wait until tomorrow, or ${FREE_MODEL}`,
  '1308': `the account's usage limit is reached: wait for it to reset or raise it on the provider's console, or ${FREE_MODEL}`,
  '1309': `the account's plan has expired: renew it on the provider's console, or ${FREE_MODEL}`,
  '1310': 'the account is locked: contact the provider',
  '1301': 'the content filter refused the request (the design or its texts may contain sensitive content): nothing to retry',
  '1000': AUTH,
  '1001': AUTH,
  '1002': AUTH,
  '1003': AUTH,
  '1004': AUTH,
  '1210': BAD_PARAMS,
  '1214': BAD_PARAMS,
  '1261': 'the prompt is too long for the model: lower maxUploadSide, turn hints off, or use a model with a longer context',
};

export type Failure =
  | { retry: true; retryAfterMs?: number; message: string; slowDown: boolean }
  | { retry: false; error: Ui2CodeError };

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After as seconds or an HTTP date (and OpenAI's retry-after-ms), in ms; undefined when absent or unreadable. */
export function retryAfterMs(headers: HeaderBag, now = Date.now()): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (header(headers, 'retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const CONNECTION = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR|socket|network|fetch failed|terminated|Connection error/i;

/** Classify an error of the `openai` SDK (or of fetch underneath it). `redact` removes the key from any text it quotes. */
export function classify(error: unknown, file: string, redact: (text: string) => string): Failure {
  const e = error as {
    status?: number;
    code?: string | number | null;
    error?: { code?: string | number; message?: string } | null;
    headers?: HeaderBag;
    message?: string;
    name?: string;
    cause?: { code?: string; message?: string };
  };
  const code = String(e?.error?.code ?? e?.code ?? '');
  const detail = redact(String(e?.error?.message ?? e?.message ?? error)).slice(0, 300);
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const wait = retryAfterMs(e?.headers);
  const fail = (message: string) => ({ retry: false as const, error: new Ui2CodeError('PROVIDER', message, { file }) });
  const where = status ? `HTTP ${status}, ` : '';

  if (FATAL_CODES[code]) return fail(`${FATAL_CODES[code]} (${where}code ${code}: ${detail})`);
  if (RETRY_CODES.has(code)) return { retry: true, retryAfterMs: wait, message: `code ${code}: ${detail}`, slowDown: CONCURRENCY_CODES.has(code) };
  if (status === 401 || status === 403) return fail(`${AUTH} (HTTP ${status}: ${detail})`);
  if (status === 429) return { retry: true, retryAfterMs: wait, message: `HTTP 429: ${detail}`, slowDown: true };
  if (status === 408 || status === 409 || (status !== undefined && status >= 500)) {
    return { retry: true, retryAfterMs: wait, message: `HTTP ${status}: ${detail}`, slowDown: false };
  }
  if (status === 404) return fail(`the endpoint was not found (HTTP 404): check the base URL (--base-url) and the model id (${detail})`);
  if (status === 400 || status === 422) return fail(`${BAD_PARAMS} (HTTP ${status}: ${detail})`);
  if (status === undefined && CONNECTION.test(`${e?.name} ${e?.message} ${e?.cause?.code ?? ''} ${e?.cause?.message ?? ''}`)) {
    return { retry: true, message: `connection error: ${detail}`, slowDown: false };
  }
  return fail(`the model service refused the request (${where}${code ? `code ${code}: ` : ''}${detail})`);
}
