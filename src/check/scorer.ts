// Decoding designs and comparing renders is the check's main CPU cost, and it would otherwise share one thread with
// driving the browser. The scorer runs it in worker threads (a design stays in the worker that decoded it until its
// render arrives) and falls back to the calling thread when workers cannot start.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageLimits } from '../config/types.js';
import { Ui2CodeError, type ErrorCode } from '../errors.js';
import type { Design, Scores } from '../types.js';
import { designInfo, loadDesign, scoreRender, type DesignInfo, type RenderForCompare } from './score-design.js';
import type { ReportImages } from './types.js';

export type WorkerRequest =
  | { seq: number; type: 'load'; key: string; file: string; limits: Partial<ImageLimits> }
  | { seq: number; type: 'score'; key: string; render: RenderForCompare; report?: { dir: string; id: string } }
  | { seq: number; type: 'drop'; key: string };

export type WorkerReply = { seq: number; ok: true; value: unknown } | { seq: number; ok: false; error: { code?: string; message: string; file?: string } };

export interface Scorer {
  load(key: string, file: string, limits: Partial<ImageLimits>): Promise<DesignInfo>;
  score(key: string, render: RenderForCompare, report?: { dir: string; id: string }): Promise<{ scores: Scores; images?: ReportImages }>;
  /** Forgets a loaded design whose render failed. */
  drop(key: string): void;
  close(): Promise<void>;
}

type WorkerRequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'seq'> : never) : never;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  load: number;
  dead: boolean;
}

const revive = (error: { code?: string; message: string; file?: string }) =>
  error.code ? new Ui2CodeError(error.code as ErrorCode, error.file ? error.message.replace(`${error.file}: `, '') : error.message, { file: error.file }) : new Error(error.message);

/** Two threads even on two cores: measured 30 designs/s at 800x600 against 23 with one and 18 with none (bench/check). */
export const defaultScorerThreads = () => Math.min(4, Math.max(2, os.availableParallelism?.() ?? os.cpus().length));

export function createScorer({ threads = defaultScorerThreads() }: { threads?: number } = {}): Scorer {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), `score-worker${path.extname(self)}`);
  const pool: Thread[] = [];
  const home = new Map<string, Thread | null>(); // null: handled inline
  const inline = new Map<string, Design>();
  let seq = 0;

  function spawn(): Thread | null {
    try {
      // From TypeScript sources (tests, benches under tsx) the worker registers tsx itself: loaders are per thread.
      const worker = entry.endsWith('.ts')
        ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`, { eval: true })
        : new Worker(entry);
      const thread: Thread = { worker, pending: new Map(), load: 0, dead: false };
      thread.worker.unref();
      thread.worker.on('message', (reply: WorkerReply) => {
        const waiter = thread.pending.get(reply.seq);
        if (!waiter) return;
        thread.pending.delete(reply.seq);
        if (reply.ok) waiter.resolve(reply.value);
        else waiter.reject(revive(reply.error));
      });
      const fail = (error: unknown) => {
        thread.dead = true;
        for (const waiter of thread.pending.values()) waiter.reject(error);
        thread.pending.clear();
      };
      thread.worker.on('error', fail);
      thread.worker.on('exit', () => fail(new Error('the scoring thread stopped')));
      return thread;
    } catch {
      return null;
    }
  }
  for (let i = 0; i < threads; i++) {
    const thread = spawn();
    if (thread) pool.push(thread);
  }

  function call<T>(thread: Thread, body: WorkerRequestBody): Promise<T> {
    const request = { ...body, seq: ++seq } as WorkerRequest;
    thread.load++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(request.seq, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage(request);
    }).finally(() => thread.load--);
  }

  const leastBusy = () => pool.filter((t) => !t.dead).sort((a, b) => a.load - b.load)[0] ?? null;

  return {
    async load(key, file, limits) {
      const thread = leastBusy();
      home.set(key, thread);
      if (thread) {
        try {
          return await call<DesignInfo>(thread, { type: 'load', key, file, limits });
        } catch (error) {
          // A worker that could not start (e.g. no TypeScript loader in it) is replaced by the calling thread.
          if (!thread.dead) throw error;
          home.set(key, null);
        }
      }
      const design = await loadDesign(file, limits);
      inline.set(key, design);
      return designInfo(design);
    },
    async score(key, render, report) {
      const thread = home.get(key);
      home.delete(key);
      if (thread) return call(thread, { type: 'score', key, render, report });
      const design = inline.get(key);
      inline.delete(key);
      if (!design) throw new Error(`design ${key} was not loaded`);
      return scoreRender(design, render, report);
    },
    drop(key) {
      const thread = home.get(key);
      home.delete(key);
      inline.delete(key);
      if (thread && !thread.dead) call(thread, { type: 'drop', key }).catch(() => {});
    },
    async close() {
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
