// The retry policy of one model request: exponential backoff with full jitter, Retry-After honoured, and a total retry
// budget after which the design fails with the last failure in the message.
import { Ui2CodeError } from '../errors.js';
import { classify } from './classify.js';

export const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export const sleep = (ms: number, signal?: AbortSignal) =>
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

export interface RetryOptions {
  /** The design, named in every error. */
  file: string;
  signal?: AbortSignal;
  /** A running attempt is aborted this long after the first one started. */
  deadlineMs: number;
  /** No new attempt starts, and no wait runs, past this long after the first attempt. */
  budgetMs: number;
  /** First backoff step; doubles each retry (capped at 30 s). */
  backoffMs: number;
  redact: (text: string) => string;
  /** The service said "too many at once" (1302, bare 429). */
  onSlowDown?: () => void;
  onRetry?: (message: string | undefined) => void;
}

/**
 * Runs `attempt(deadline)` until it succeeds, fails for good, or the budget is spent. Ui2CodeErrors are final; anything
 * else is classified (business code, HTTP status, connection error).
 */
export async function withRetries<T>(attempt: (deadline: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { file, signal, deadlineMs, budgetMs, backoffMs, redact, onSlowDown, onRetry } = options;
  const aborted = () => new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
  const started = Date.now();
  const deadline = started + deadlineMs;
  const budgetEnd = started + Math.min(budgetMs, deadlineMs);
  const keptFailing = (attempts: number, last: string) =>
    new Ui2CodeError('PROVIDER', `the model service kept failing for ${seconds(Date.now() - started)} over ${attempts} attempts, its retry budget (${seconds(budgetMs)}) spent (last: ${last}); try again later`, { file });
  let lastFailure: string | undefined;
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw aborted();
    onRetry?.(retry ? `attempt ${retry + 1}` : undefined);
    try {
      return await attempt(deadline);
    } catch (error) {
      // The deadline ran out in the middle of a retry: the failures before it are the story, not the cut.
      if (error instanceof Ui2CodeError && lastFailure && Date.now() >= deadline && !signal?.aborted) throw keptFailing(retry + 1, lastFailure);
      if (error instanceof Ui2CodeError) throw error;
      const failure = classify(error, file, redact);
      if (!failure.retry) throw failure.error;
      lastFailure = failure.message;
      if (failure.slowDown) onSlowDown?.();
      const jitter = Math.random() * Math.min(30_000, backoffMs * 2 ** retry);
      const wait = Math.max(failure.retryAfterMs ?? 0, jitter);
      if (Date.now() + wait > budgetEnd) throw keptFailing(retry + 1, failure.message);
      onRetry?.(`retrying in ${Math.round(wait)} ms after ${failure.message}`);
      await sleep(wait, signal).catch(() => {
        throw aborted();
      });
    }
  }
}
