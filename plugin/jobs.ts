// The plugin's view of the job queue (src/jobs.ts): what the status page, the overlay and the logs know about each
// design. Runs are never awaited by a Vite hook: the server keeps serving.
import path from 'node:path';
import { createJobQueue, type JobQueue, type JobQueueOptions } from '../src/jobs.js';
import type { ConvertResult, ProgressEvent, Scores, Usage } from '../src/types.js';

export type DesignState = 'queued' | 'generating' | 'refining' | 'done' | 'pending' | 'failed' | 'removed';

/** What the status page, the overlay and the logs know about one design. */
export interface DesignStatus {
  /** Design path relative to the root, POSIX separators. */
  design: string;
  state: DesignState;
  component?: string;
  /** Component file relative to the root (the pending file when state is 'pending'). */
  file?: string;
  round?: number;
  rounds?: number;
  scores?: number[];
  score?: number;
  terms?: Scores;
  usage?: Usage;
  cost?: number;
  provider?: string;
  model?: string;
  error?: string;
  errorCode?: string;
  message?: string;
  /** A responsive design: each viewport's CSS width and score, widest first (`score` is the worst). */
  widths?: Array<{ width: number; score: number; mismatch: number; fgMismatch: number }>;
  /** Conversions started for this design since the server started. */
  runs: number;
  /** Bumped on every finished run: the status page's image URLs change with it. */
  version: number;
  updatedAt: number;
}

export interface DesignQueueOptions {
  root: string;
  run: JobQueueOptions['run'];
  concurrency: number;
  debounceMs: number;
  onChange: (status: DesignStatus) => void;
  onResult?: (status: DesignStatus, result: ConvertResult) => void;
}

/** The job queue, keyed by absolute path, with each design's status keyed by its path relative to the root. */
export interface DesignQueue extends JobQueue {
  readonly statuses: Map<string, DesignStatus>;
  /** Changes a design's status outside a run (the user accepted or discarded a waiting version). */
  patch(design: string, patch: Partial<DesignStatus>): DesignStatus;
}

const PHASE_STATE: Partial<Record<ProgressEvent['phase'], DesignState>> = {
  queued: 'queued',
  generating: 'generating',
  reasoning: 'generating',
  validating: 'generating',
  rendering: 'generating',
  writing: 'generating',
  refining: 'refining',
};

export function createDesignQueue({ root, run, concurrency, debounceMs, onChange, onResult }: DesignQueueOptions): DesignQueue {
  const statuses = new Map<string, DesignStatus>();
  const key = (design: string) => path.relative(root, design).split(path.sep).join('/');
  const current = (design: string) => statuses.get(key(design));
  const update = (design: string, patch: Partial<DesignStatus>): DesignStatus => {
    const previous = current(design) ?? { design: key(design), state: 'queued' as DesignState, runs: 0, version: 0, updatedAt: 0 };
    const next = { ...previous, ...patch, updatedAt: Date.now() };
    statuses.set(next.design, next);
    onChange(next);
    return next;
  };
  const queue = createJobQueue({
    run,
    concurrency,
    debounceMs,
    // Vite's watcher reports a file as soon as it appears; a copy may still be under way.
    waitForWrites: true,
    onQueued: (design) => update(design, { state: 'queued', message: undefined }),
    onStart: (design) => update(design, { state: 'generating', runs: (current(design)?.runs ?? 0) + 1, round: 0, message: undefined }),
    onProgress: (design, event) => {
      const state = PHASE_STATE[event.phase];
      if (state) update(design, { state, round: event.round ?? current(design)?.round, message: event.message });
    },
    onResult: (design, result) => onResult?.(update(design, fromResult(root, result, current(design)?.version ?? 0)), result),
    onRemoved: (design) => update(design, { state: 'removed', error: undefined, errorCode: undefined }),
  });
  const patch = (design: string, change: Partial<DesignStatus>) => update(design, { ...change, version: (current(design)?.version ?? 0) + 1 });
  return { ...queue, statuses, patch };
}

function fromResult(root: string, result: ConvertResult, version: number): Partial<DesignStatus> {
  const rel = (file: string) => (file ? path.relative(root, file).split(path.sep).join('/') : undefined);
  const state: DesignState = result.status === 'failed' ? 'failed' : result.status === 'pending' ? 'pending' : 'done';
  return {
    state,
    component: result.component || undefined,
    file: rel(result.file),
    rounds: result.rounds,
    scores: result.scores,
    score: result.score,
    terms: result.terms,
    widths: result.widths?.map(({ width, score, mismatch, fgMismatch }) => ({ width, score, mismatch, fgMismatch })),
    usage: result.usage,
    cost: result.cost,
    provider: result.provider,
    model: result.model,
    error: result.error,
    errorCode: result.errorCode,
    message: undefined,
    version: version + 1,
  };
}
