// Conversions run in a worker thread (convert-worker.ts) behind this small message protocol; when the thread cannot
// start, they run inline (same results, but the local engine's CPU work then shares the dev server's event loop).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../src/config/types.js';
import { createSession, failedResult, type ComparisonImages, type Converter, type ConvertJob } from '../src/session.js';
import type { ConvertResult, ProgressEvent } from '../src/types.js';

export type ConverterRequest = { type: 'convert'; id: number; design: string; force: boolean; cache: boolean } | { type: 'abort'; id: number } | { type: 'images'; id: number; design: string; file: string; width?: number } | { type: 'close' };
export type ConverterReply =
  | { type: 'progress'; id: number; event: ProgressEvent }
  | { type: 'result'; id: number; result: ConvertResult }
  | { type: 'images'; id: number; images?: ComparisonImages; error?: string }
  | { type: 'closed' };

function spawnWorker(config: ResolvedConfig, env: NodeJS.ProcessEnv): Worker {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), `convert-worker${path.extname(self)}`);
  const workerData = { config, env };
  // From TypeScript sources (tests under tsx) the thread registers tsx itself: loaders are per thread.
  return entry.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`, { eval: true, workerData })
    : new Worker(entry, { workerData });
}

export function createConverter(config: ResolvedConfig, env: NodeJS.ProcessEnv, { thread = true } = {}): Converter {
  let worker: Worker;
  try {
    if (!thread) throw new Error('inline');
    worker = spawnWorker(config, env);
  } catch {
    return createSession(config, { env });
  }
  let seq = 0;
  const jobs = new Map<number, { job: ConvertJob; resolve: (result: ConvertResult) => void; design: string }>();
  let closed: (() => void) | undefined;
  const failAll = (message: string) => {
    for (const [id, { design, resolve }] of jobs) {
      resolve(failedResult(config, design, new Error(message), 'INTERNAL'));
      jobs.delete(id);
    }
    for (const waiter of pictures.values()) waiter.reject(new Error(message));
    pictures.clear();
  };
  worker.on('message', (reply: ConverterReply) => {
    if (reply.type === 'closed') return closed?.();
    if (reply.type === 'images') {
      const waiter = pictures.get(reply.id);
      pictures.delete(reply.id);
      if (reply.images) waiter?.resolve(reply.images);
      else waiter?.reject(new Error(reply.error ?? 'no images'));
      return;
    }
    const entry = jobs.get(reply.id);
    if (!entry) return;
    if (reply.type === 'progress') entry.job.onProgress?.(reply.event);
    else {
      jobs.delete(reply.id);
      entry.resolve(reply.result);
    }
  });
  worker.on('error', (error) => failAll(`the conversion thread failed: ${error.message}`));
  worker.on('exit', () => {
    failAll('the conversion thread stopped');
    closed?.();
  });
  const post = (request: ConverterRequest) => worker.postMessage(request);
  const pictures = new Map<number, { resolve: (images: ComparisonImages) => void; reject: (error: Error) => void }>();

  return {
    convert(design, job = {}) {
      const id = ++seq;
      return new Promise<ConvertResult>((resolve) => {
        jobs.set(id, { job, resolve, design });
        job.signal?.addEventListener('abort', () => post({ type: 'abort', id }), { once: true });
        post({ type: 'convert', id, design, force: job.force ?? false, cache: job.cache ?? true });
      });
    },
    images(design, file, width) {
      const id = ++seq;
      return new Promise<ComparisonImages>((resolve, reject) => {
        pictures.set(id, { resolve, reject });
        post({ type: 'images', id, design, file, width });
      });
    },
    async close() {
      const done = new Promise<void>((resolve) => (closed = resolve));
      post({ type: 'close' });
      // The thread closes its browser and OCR workers; it is terminated either way after a grace period.
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await worker.terminate();
    },
  };
}
