// Worker thread of scorer.ts: holds the designs it decoded until their render arrives, then scores them.
import { parentPort } from 'node:worker_threads';
import type { Design } from '../types.js';
import { designInfo, loadDesign, scoreRender } from './score-design.js';
import type { WorkerRequest, WorkerReply } from './scorer.js';

const designs = new Map<string, Design>();

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.type === 'load') {
    const design = await loadDesign(request.file, request.limits);
    designs.set(request.key, design);
    return designInfo(design);
  }
  const design = designs.get(request.key);
  designs.delete(request.key);
  if (request.type === 'drop') return null;
  if (!design) throw new Error(`design ${request.key} was not loaded`);
  return scoreRender(design, request.render, request.report);
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort!.postMessage({ seq: request.seq, ok: true, value } satisfies WorkerReply),
    (error: unknown) => {
      const e = error as { code?: string; message?: string; file?: string };
      parentPort!.postMessage({ seq: request.seq, ok: false, error: { code: e.code, message: e.message ?? String(error), file: e.file } } satisfies WorkerReply);
    },
  );
});
