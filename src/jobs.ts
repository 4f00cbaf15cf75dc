// The one job queue of continuous conversion (`ui2code watch`, the Vite plugin): file events are debounced per design,
// a newer save aborts the older run at once (its result is never reported, so never written by a front end), and at
// most `concurrency` designs convert together. Watchers are thin adapters that call schedule() and remove().
import fs from 'node:fs/promises';
import type { ConvertResult, ProgressEvent } from './types.js';

/** Runs `work` with at most `concurrency` of them at once, in call order: the queue's and `convertMany`'s limit. */
export function limiter(concurrency: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async (work) => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      release();
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until size and mtime stop changing (a copy or a download in progress), up to `maxMs`. False when the file is gone. */
export async function waitUntilStable(file: string, { intervalMs = 60, maxMs = 5000 } = {}): Promise<boolean> {
  let last = '';
  const deadline = Date.now() + maxMs;
  for (;;) {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return false;
    const now = `${stat.size}:${stat.mtimeMs}`;
    if (now === last && stat.size > 0) return true;
    if (Date.now() > deadline) return stat.size > 0;
    last = now;
    await sleep(intervalMs);
  }
}

export interface JobQueueOptions {
  /** Converts one design (a session's `convert`, or the plugin's conversion thread). */
  run: (design: string, job: { signal: AbortSignal; force: boolean; cache: boolean; onProgress: (event: ProgressEvent) => void }) => Promise<ConvertResult>;
  /** Designs converting at once. */
  concurrency: number;
  /** Quiet time after a design's last event before its run starts, in ms. */
  debounceMs: number;
  /** Wait until the file stops changing before converting (watchers without their own write-finish detection). Default false. */
  waitForWrites?: boolean;
  /** A design's run is scheduled (again). */
  onQueued?: (design: string) => void;
  /** A design's run got its slot and starts. */
  onStart?: (design: string) => void;
  /** Progress of a run that is still the newest for its design. */
  onProgress?: (design: string, event: ProgressEvent) => void;
  /** The newest run's result (a superseded run reports nothing). */
  onResult?: (design: string, result: ConvertResult) => void;
  /** The design disappeared (deleted, or gone before its run could read it): its component is kept. */
  onRemoved?: (design: string) => void;
  /** A run threw instead of returning a result (a bug: the pipeline reports failures as results). */
  onError?: (design: string, error: unknown) => void;
}

export interface JobQueue {
  /** A file event: (re)start the design's run once it has been quiet for the debounce period. `cache: false` regenerates. */
  schedule(design: string, options?: { force?: boolean; cache?: boolean; debounceMs?: number }): void;
  /** The design was deleted: stop its run; its component stays. */
  remove(design: string): void;
  /** Resolves when nothing is scheduled or running. */
  idle(): Promise<void>;
  /** Stops every timer and run, and waits for the runs to settle. */
  close(): Promise<void>;
}

/** Designs are keyed by the path they are scheduled with: adapters pass absolute paths. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { run, concurrency, debounceMs, waitForWrites = false, onQueued, onStart, onProgress, onResult, onRemoved, onError } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, AbortController>();
  const inFlight = new Set<Promise<void>>();
  const slot = limiter(concurrency);
  let closed = false;

  async function start(design: string, force: boolean, cache: boolean): Promise<void> {
    running.get(design)?.abort();
    const controller = new AbortController();
    running.set(design, controller);
    const { signal } = controller;
    try {
      if (waitForWrites && !(await waitUntilStable(design))) {
        if (!signal.aborted) onRemoved?.(design);
        return;
      }
      await slot(async () => {
        if (signal.aborted) return;
        onStart?.(design);
        const result = await run(design, { signal, force, cache, onProgress: (event) => signal.aborted || onProgress?.(design, event) });
        // A superseded run reports nothing: the newer one owns the design.
        if (!signal.aborted && result.errorCode !== 'ABORTED') onResult?.(design, result);
      });
    } catch (error) {
      if (!signal.aborted) onError?.(design, error);
    } finally {
      if (running.get(design) === controller) running.delete(design);
    }
  }

  function track(job: Promise<void>): void {
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }

  return {
    schedule(design, { force = false, cache = true, debounceMs: wait = debounceMs } = {}) {
      if (closed) return;
      clearTimeout(timers.get(design));
      // A save in progress makes the running conversion stale at once.
      running.get(design)?.abort();
      onQueued?.(design);
      timers.set(
        design,
        setTimeout(() => {
          timers.delete(design);
          if (!closed) track(start(design, force, cache));
        }, wait),
      );
    },
    remove(design) {
      clearTimeout(timers.get(design));
      timers.delete(design);
      running.get(design)?.abort();
      onRemoved?.(design);
    },
    async idle() {
      while (timers.size || inFlight.size) {
        if (inFlight.size) await Promise.allSettled([...inFlight]);
        else await sleep(20);
      }
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      for (const controller of running.values()) controller.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
