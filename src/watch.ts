// A folder of designs, converted continuously: chokidar's events feed the job queue (src/jobs.ts), which debounces each
// design, lets a newer save abort the older run (its stale result is never written) and limits concurrency.
// Removing a design keeps its component.
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { designGroupOf, isDesignFile } from './designs.js';
import { createJobQueue } from './jobs.js';
import type { ConvertOptions } from './pipeline.js';
import { createSession, type Session } from './session.js';
import type { ConvertResult } from './types.js';

export interface WatchOptions extends Omit<ConvertOptions, 'signal' | 'renderer' | 'hints'> {
  /** The session conversions run in (the caller closes it). Default: one made from config, renderer and provider, closed with the watcher. */
  session?: Session;
  renderer?: ConvertOptions['renderer'];
  /** Folder to watch (absolute, or relative to config.root). Default config.designs. */
  designs?: string;
  /** Quiet time after the last event for a file before its job starts, in ms. Default 150. */
  debounceMs?: number;
  /** How long a file's size must stay the same before it counts as written, in ms. Default 200. */
  stabilityMs?: number;
  /** Designs converted at once. Default config.concurrency, else 4. */
  concurrency?: number;
  /** Poll the file system instead of native events (network drives, some containers). */
  usePolling?: boolean;
  onResult?: (result: ConvertResult) => void;
  /** A design was deleted: its component is kept. */
  onRemoved?: (design: string) => void;
  /** Convert the designs already in the folder at start (default true; the cache makes unchanged ones free). */
  initial?: boolean;
  onError?: (error: unknown) => void;
}

export interface DesignWatcher {
  /** Resolves once the initial scan is done (existing designs are queued as jobs). */
  ready: Promise<void>;
  /** Resolves when every job started so far has settled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function watchDesigns(options: WatchOptions): Promise<DesignWatcher> {
  const { config, debounceMs = 150, stabilityMs = 200, usePolling = false, initial = true, onResult, onRemoved, onError, designs, force = false, cache = true, onProgress } = options;
  const session = options.session ?? createSession(config, { renderer: options.renderer, provider: options.provider, env: options.env });
  const dir = path.resolve(config.root, designs ?? config.designs);
  const queue = createJobQueue({
    run: (design, job) => session.convert(design, job),
    concurrency: options.concurrency ?? config.concurrency ?? 4,
    debounceMs,
    onProgress: onProgress && ((_design, event) => onProgress(event)),
    onResult: onResult && ((_design, result) => onResult(result)),
    onRemoved,
    onError: onError && ((_design, error) => onError(error)),
  });

  const { watch } = await import('chokidar');
  const watcher: FSWatcher = watch(dir, {
    ignored: (file: string, stats?: { isFile(): boolean }) => Boolean(stats?.isFile()) && !isDesignFile(file, dir),
    ignoreInitial: !initial,
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.max(20, Math.floor(stabilityMs / 4)) },
    usePolling,
    interval: usePolling ? 100 : undefined,
    // Symlinked designs are read, but the watcher does not wander out of the folder through them.
    followSymlinks: false,
  });
  // Every image of a responsive set is one design, queued under its main image: the set converts once, whichever
  // image changed.
  // The lookups of sets on disk in flight: `idle()` waits for them, so a file event always counts as scheduled.
  const lookups = new Set<Promise<unknown>>();
  const track = (lookup: Promise<unknown>) => {
    lookups.add(lookup);
    void lookup.finally(() => lookups.delete(lookup));
  };
  const schedule = (file: string) =>
    isDesignFile(file, dir) && track(designGroupOf(path.resolve(file), config.viewportPattern).then((group) => queue.schedule(group?.design ?? path.resolve(file), { force, cache })));
  watcher.on('add', schedule).on('change', schedule);
  // A deleted image of a set regenerates the set from the images left; the last one gone removes the design.
  const unlink = async (file: string) => {
    const rest = await designGroupOf(path.resolve(file), config.viewportPattern);
    if (rest) queue.schedule(rest.design, { force, cache });
    else queue.remove(path.resolve(file));
  };
  watcher.on('unlink', (file: string) => void (isDesignFile(file, dir) && track(unlink(file))));
  watcher.on('error', (error: unknown) => onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async idle() {
      while (lookups.size) {
        await Promise.allSettled([...lookups]);
        await queue.idle();
      }
      await queue.idle();
    },
    async close() {
      await watcher.close();
      await queue.close();
      if (!options.session) await session.close();
    },
  };
}
