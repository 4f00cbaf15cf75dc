// The result cache: an unchanged design (or a renamed copy of it) never calls the model again, and identical designs
// in flight share one call. Key: everything that decides the answer (see CacheKeyInput).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Scores, Usage } from '../types.js';
import { writeFileAtomic } from './atomic.js';

export interface CachedResult {
  code: string;
  scores: number[];
  terms?: Scores;
  rounds: number;
  usage: Usage;
  cost: number;
  provider: string;
  model: string;
  /** A responsive design: each viewport's scores, widest first (`terms` is the worst width's). */
  widths?: Array<{ design: string; width: number; scores: Scores }>;
  /** SCORE_VERSION the scores were measured with (absent: 1); a result scored by another formula is not reused. */
  scoreVersion?: number;
}

/** Everything that decides the answer. A field left undefined is left out, so adding an optional field keeps old keys. */
export interface CacheKeyInput {
  /** Hash of the design's bytes; for a responsive design, of every viewport's image with its width (any change regenerates). */
  image: string;
  provider: string;
  /** The remote model's normalised base URL: another endpoint serving the same model name may answer otherwise. */
  endpoint?: string;
  model: string;
  /** The provider's own version (prompt or engine). */
  version?: string;
  promptVersion: string;
  rounds: number;
  target?: number;
  hints?: boolean;
  /** The output style (inline, css-modules, tailwind), once the config has one. */
  style?: string;
  /** The component's name, for engines that write it into the code (the local engine). */
  component?: string;
}

export function cacheKey(parts: CacheKeyInput): string {
  const entries = Object.entries(parts).filter(([, value]) => value !== undefined);
  return createHash('sha256').update(JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1)))).digest('hex');
}

const cacheFile = (root: string, key: string) => path.join(root, '.ui2code', 'cache', `${key}.json`);

export async function readCache(root: string, key: string): Promise<CachedResult | null> {
  try {
    return JSON.parse(await fs.readFile(cacheFile(root, key), 'utf8')) as CachedResult;
  } catch {
    return null;
  }
}

export async function writeCache(root: string, key: string, result: CachedResult): Promise<void> {
  await writeFileAtomic(cacheFile(root, key), JSON.stringify(result));
}

const inFlight = new Map<string, { promise: Promise<unknown>; signal?: AbortSignal }>();

/**
 * Runs `work` once per key at a time: a second caller with the same key gets the first caller's promise — unless the
 * first caller's job was aborted (a newer save), whose result nobody may use. `signal` is the caller's own.
 */
export function shared<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const running = inFlight.get(key);
  if (running && !running.signal?.aborted) return running.promise as Promise<T>;
  const promise = work().finally(() => {
    if (inFlight.get(key)?.promise === promise) inFlight.delete(key);
  });
  inFlight.set(key, { promise, signal });
  return promise;
}
