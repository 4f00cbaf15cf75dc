// The conversion thread: the pipeline, the provider, the local engine's CPU work and its Chromium live here, so the dev
// server's event loop only relays messages (measured: the local engine on the main thread stalled requests up to ~0.9 s).
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../src/config/types.js';
import { createSession } from '../src/session.js';
import type { ConverterReply, ConverterRequest } from './converter.js';

const { config, env } = workerData as { config: ResolvedConfig; env: NodeJS.ProcessEnv };
const port = parentPort!;
const session = createSession(config, { env });
const jobs = new Map<number, AbortController>();
const post = (reply: ConverterReply) => port.postMessage(reply);

port.on('message', async (request: ConverterRequest) => {
  if (request.type === 'abort') return jobs.get(request.id)?.abort();
  if (request.type === 'close') {
    for (const job of jobs.values()) job.abort();
    await session.close();
    return post({ type: 'closed' });
  }
  if (request.type === 'images') {
    try {
      const images = await session.images(request.design, request.file, request.width);
      return port.postMessage({ type: 'images', id: request.id, images } satisfies ConverterReply, [images.design.buffer, images.render.buffer, images.diff.buffer] as ArrayBuffer[]);
    } catch (error) {
      return post({ type: 'images', id: request.id, error: (error as Error).message });
    }
  }
  const controller = new AbortController();
  jobs.set(request.id, controller);
  try {
    const result = await session.convert(request.design, {
      signal: controller.signal,
      force: request.force,
      cache: request.cache,
      onProgress: (event) => post({ type: 'progress', id: request.id, event }),
    });
    post({ type: 'result', id: request.id, result });
  } finally {
    jobs.delete(request.id);
  }
});
