// One job per design: events are debounced per file, a newer save aborts the older run (its result is never written),
// and at most `concurrency` designs convert at once. Runs are never awaited by a Vite hook: the server keeps serving.
import path from 'node:path';
import type { ConvertResult, ProgressEvent, Scores, Usage } from '../src/types.js';
import { waitUntilStable } from './files.js';

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
  /** Conversions started for this design since the server started. */
  runs: number;
  /** Bumped on every finished run: the status page's image URLs change with it. */
  version: number;
  updatedAt: number;
}

export interface JobRunner {
  (design: string, options: { signal: AbortSignal; force: boolean; cache: boolean; onProgress: (event: ProgressEvent) => void }): Promise<ConvertResult>;
}

export interface JobQueueOptions {
  root: string;
  run: JobRunner;
  concurrency: number;
  debounceMs: number;
  onChange: (status: DesignStatus) => void;
  onResult?: (status: DesignStatus, result: ConvertResult) => void;
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

export class JobQueue {
  readonly statuses = new Map<string, DesignStatus>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  private readonly waiting: Array<() => void> = [];
  private readonly inFlight = new Set<Promise<void>>();
  private active = 0;
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {}

  private key(design: string): string {
    return path.relative(this.options.root, design).split(path.sep).join('/');
  }

  private update(design: string, patch: Partial<DesignStatus>): DesignStatus {
    const key = this.key(design);
    const previous = this.statuses.get(key) ?? { design: key, state: 'queued' as DesignState, runs: 0, version: 0, updatedAt: 0 };
    const next = { ...previous, ...patch, updatedAt: Date.now() };
    this.statuses.set(key, next);
    this.options.onChange(next);
    return next;
  }

  /** A file event: (re)start the design's job once the file has been quiet for the debounce period. `cache: false` re-generates even an unchanged design. */
  schedule(design: string, { force = false, cache = true, debounceMs = this.options.debounceMs } = {}): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(design));
    this.update(design, { state: 'queued', message: undefined });
    this.timers.set(
      design,
      setTimeout(() => {
        this.timers.delete(design);
        this.track(this.start(design, force, cache));
      }, debounceMs),
    );
  }

  /** The design was deleted: stop its job; its component stays (removing a design never removes code). */
  remove(design: string): void {
    clearTimeout(this.timers.get(design));
    this.timers.delete(design);
    this.running.get(design)?.abort();
    this.update(design, { state: 'removed', error: undefined, errorCode: undefined });
  }

  private track(job: Promise<void>): void {
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }

  private async slot(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async start(design: string, force: boolean, cache: boolean): Promise<void> {
    this.running.get(design)?.abort();
    const controller = new AbortController();
    this.running.set(design, controller);
    if (!(await waitUntilStable(design))) {
      if (this.running.get(design) === controller) this.running.delete(design);
      if (!controller.signal.aborted) this.remove(design);
      return;
    }
    if (controller.signal.aborted) return;
    await this.slot();
    try {
      if (controller.signal.aborted) return;
      const runs = (this.statuses.get(this.key(design))?.runs ?? 0) + 1;
      this.update(design, { state: 'generating', runs, round: 0, message: undefined });
      const result = await this.options.run(design, {
        signal: controller.signal,
        force,
        cache,
        onProgress: (event) => {
          if (controller.signal.aborted) return;
          const state = PHASE_STATE[event.phase];
          if (state) this.update(design, { state, round: event.round ?? this.statuses.get(this.key(design))?.round, message: event.message });
        },
      });
      // A superseded run reports nothing: the newer one owns the design's status.
      if (controller.signal.aborted || result.errorCode === 'ABORTED') return;
      const status = this.update(design, fromResult(this.options.root, result, this.statuses.get(this.key(design))?.version ?? 0));
      this.options.onResult?.(status, result);
    } finally {
      if (this.running.get(design) === controller) this.running.delete(design);
      this.release();
    }
  }

  /** Resolves when nothing is scheduled or running (tests, benches, the build). */
  async idle(): Promise<void> {
    while (this.timers.size || this.inFlight.size) {
      if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.running.values()) controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }
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
