// A counting semaphore per provider whose limit halves for a while after the service says "too many requests".
import { Ui2CodeError } from '../errors.js';

/** The published entry-tier limits: 5 requests at once on -flash, 30 on -flashx; none known for other models. */
export function tierLimit(model: string): number | undefined {
  return model.endsWith('-flash') ? 5 : model.endsWith('-flashx') ? 30 : undefined;
}

/** Requests at once when the user says nothing: the tier's limit, else 8. */
export function defaultConcurrency(model: string): number {
  return tierLimit(model) ?? 8;
}

/** The user's setting never lifts the limit above the tier's: the service would answer 1302 to the surplus. */
export function effectiveConcurrency(model: string, requested?: number): number {
  const tier = tierLimit(model);
  const wanted = requested ?? defaultConcurrency(model);
  return tier === undefined ? wanted : Math.min(wanted, tier);
}

export interface Limiter {
  /** Runs work when a slot is free; a job aborted while it waits leaves the queue at once (ABORTED). */
  run<T>(work: () => Promise<T>, options?: { signal?: AbortSignal; file?: string }): Promise<T>;
  /** Halve the limit for `ms` (default 60 s). */
  slowDown(ms?: number): void;
  readonly limit: number;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(limit: number): Limiter {
  const full = Math.max(1, Math.floor(limit));
  let active = 0;
  let halvedUntil = 0;
  const queue: Array<() => void> = [];
  const current = () => (Date.now() < halvedUntil ? Math.max(1, Math.floor(full / 2)) : full);
  const pump = () => {
    while (queue.length && active < current()) {
      active++;
      queue.shift()!();
    }
  };
  return {
    async run(work, { signal, file } = {}) {
      await new Promise<void>((resolve, reject) => {
        const aborted = () => new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });
        if (signal?.aborted) return reject(aborted());
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const at = queue.indexOf(grant);
          if (at >= 0) queue.splice(at, 1);
          reject(aborted());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(grant);
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
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

const shared = new Map<string, Limiter>();

/**
 * One limiter per service account in this process (key: base URL + model + limit), however many provider objects the
 * front ends create: the limit is the service's, not the caller's.
 */
export function sharedLimiter(key: string, limit: number): Limiter {
  const id = `${key} ${limit}`;
  let limiter = shared.get(id);
  if (!limiter) shared.set(id, (limiter = createLimiter(limit)));
  return limiter;
}
