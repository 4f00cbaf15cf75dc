// The one owner of .ui2code/manifest.json: per design, its component and how it was made. Writes are serialised in
// this process and atomic on disk; the check reads `file`, `score` and `acceptedScore`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import type { Usage } from '../types.js';
import { writeFileAtomic } from './atomic.js';

export const MANIFEST_FILE = path.join('.ui2code', 'manifest.json');

export interface ManifestEntry {
  /** Component file, relative to the root (posix). */
  file: string;
  component?: string;
  provider?: string;
  model?: string;
  promptVersion?: string;
  rounds?: number;
  scores?: number[];
  /** Score of the written candidate. */
  score?: number;
  /** Score accepted by `check --update` (else `score` stands). */
  acceptedScore?: number;
  /** SCORE_VERSION of the formula the score the check reads (`acceptedScore`, else `score`) was measured with; absent: 1. */
  scoreVersion?: number;
  usage?: Usage;
  cost?: number;
  /** sha256 of the design's bytes (a responsive design: every image's, see setHash). */
  hash?: string;
  /** A responsive design: every image of the set (relative, posix), widest first. Absent for a single image. */
  images?: string[];
  /** A responsive design: each viewport's width and score, widest first; `score` is the worst of them. */
  widths?: Array<{ image: string; width: number; score: number }>;
  updatedAt?: string;
}

export interface Manifest {
  version: 1;
  designs: Record<string, ManifestEntry>;
}

export const toPosix = (p: string) => p.split(path.sep).join('/');
export const manifestKey = (root: string, design: string) => toPosix(path.relative(root, path.resolve(root, design)));

export async function readManifest(root: string): Promise<Manifest | null> {
  const file = path.join(root, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Ui2CodeError('CONFIG', `cannot read the manifest (${(error as Error).message})`, { file, cause: error });
  }
  try {
    const raw = JSON.parse(text) as Partial<Manifest>;
    return { version: 1, designs: raw.designs ?? {} };
  } catch (error) {
    throw new Ui2CodeError('CONFIG', `the manifest is not valid JSON (${(error as Error).message})`, { file, cause: error });
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Applies `change` to the manifest under an in-process lock and writes it atomically. */
export function updateManifest(root: string, change: (manifest: Manifest) => void): Promise<Manifest> {
  const key = path.resolve(root);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(async () => {
    const manifest = (await readManifest(root)) ?? { version: 1 as const, designs: {} };
    change(manifest);
    const sorted = Object.fromEntries(Object.entries(manifest.designs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const next: Manifest = { version: 1, designs: sorted };
    await writeFileAtomic(path.join(root, MANIFEST_FILE), `${JSON.stringify(next, null, 2)}\n`);
    return next;
  });
  queues.set(key, run);
  return run;
}

export function updateManifestEntry(root: string, design: string, patch: Partial<ManifestEntry> & { file: string }): Promise<Manifest> {
  const key = manifestKey(root, design);
  return updateManifest(root, (m) => {
    m.designs[key] = { ...m.designs[key], ...patch, updatedAt: new Date().toISOString() };
  });
}
