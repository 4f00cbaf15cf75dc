// A folder of designs, converted continuously: each saved image becomes a job after its writes settle; a newer save of
// the same design aborts the older job (its stale result is never written). Removing a design keeps its component.
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { convertDesign, type ConvertOptions } from './pipeline.js';
import type { ConvertResult } from './types.js';
import { TEMP_PREFIX } from './write/atomic.js';

export const DESIGN_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** Editors' and downloaders' temp files, and our own: never designs. */
export function isDesignFile(file: string): boolean {
  const base = path.basename(file);
  if (base.startsWith('.') || base.startsWith('~') || base.startsWith(TEMP_PREFIX) || base.endsWith('~')) return false;
  if (/\.(tmp|temp|swp|swx|part|crdownload|download)$/i.test(base)) return false;
  return DESIGN_EXTENSIONS.has(path.extname(base).toLowerCase());
}

export interface WatchOptions extends Omit<ConvertOptions, 'signal'> {
  /** Folder to watch (absolute, or relative to config.root). Default config.designs. */
  designs?: string;
  /** Quiet time after the last event for a file before its job starts, in ms. Default 150. */
  debounceMs?: number;
  /** How long a file's size must stay the same before it counts as written, in ms. Default 200. */
  stabilityMs?: number;
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

interface Job {
  controller: AbortController;
  done: Promise<void>;
}

export async function watchDesigns(options: WatchOptions): Promise<DesignWatcher> {
  const { debounceMs = 150, stabilityMs = 200, usePolling = false, initial = true, onResult, onRemoved, onError, designs, ...convert } = options;
  const dir = path.resolve(convert.config.root, designs ?? convert.config.designs);
  const timers = new Map<string, NodeJS.Timeout>();
  const jobs = new Map<string, Job>();
  let closed = false;

  const start = (file: string) => {
    timers.delete(file);
    if (closed) return;
    // The newest save wins: the older job is aborted and its result dropped.
    jobs.get(file)?.controller.abort();
    const controller = new AbortController();
    const job: Job = {
      controller,
      done: convertDesign(file, { ...convert, signal: controller.signal })
        .then((result) => {
          if (jobs.get(file) === job) jobs.delete(file);
          if (!controller.signal.aborted && result.errorCode !== 'ABORTED') onResult?.(result);
        })
        .catch((error: unknown) => onError?.(error)),
    };
    jobs.set(file, job);
  };

  const schedule = (file: string) => {
    if (!isDesignFile(file)) return;
    const absolute = path.resolve(file);
    clearTimeout(timers.get(absolute));
    // A save in progress also aborts the running job at once: its design is already out of date.
    jobs.get(absolute)?.controller.abort();
    timers.set(absolute, setTimeout(() => start(absolute), debounceMs));
  };

  const { watch } = await import('chokidar');
  const watcher: FSWatcher = watch(dir, {
    ignored: (file: string, stats?: { isFile(): boolean }) => Boolean(stats?.isFile()) && !isDesignFile(file),
    ignoreInitial: !initial,
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.max(20, Math.floor(stabilityMs / 4)) },
    usePolling,
    interval: usePolling ? 100 : undefined,
    // Symlinked designs are read, but the watcher does not wander out of the folder through them.
    followSymlinks: false,
  });
  watcher.on('add', schedule).on('change', schedule);
  watcher.on('unlink', (file: string) => {
    if (!isDesignFile(file)) return;
    const absolute = path.resolve(file);
    clearTimeout(timers.get(absolute));
    timers.delete(absolute);
    jobs.get(absolute)?.controller.abort();
    onRemoved?.(absolute);
  });
  watcher.on('error', (error: unknown) => onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const idle = async () => {
    while (timers.size > 0 || jobs.size > 0) {
      await Promise.all([...jobs.values()].map((j) => j.done));
      if (timers.size > 0) await new Promise((r) => setTimeout(r, debounceMs));
    }
  };

  return {
    ready,
    idle,
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      for (const job of jobs.values()) job.controller.abort();
      await watcher.close();
      await Promise.all([...jobs.values()].map((j) => j.done));
    },
  };
}
