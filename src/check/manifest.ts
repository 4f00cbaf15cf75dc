// The check's view of the manifest (.ui2code/manifest.json). The manifest's format and writes belong to src/write;
// this adapter is the one place the check touches it.
// TODO(write): switch to src/write/manifest.ts's API when it lands; until then this reads the documented shape.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';

export const MANIFEST_PATH = '.ui2code/manifest.json';

export interface ManifestPair {
  /** Absolute paths. */
  design: string;
  component: string;
  /** Accepted score: the last `check --update`, else the score the component had when it was written. */
  accepted?: number;
}

interface RawEntry {
  component?: string;
  file?: string;
  score?: number;
  acceptedScore?: number;
}

/** The manifest's pairs, or null when the project has no manifest. */
export async function readManifestPairs(root: string): Promise<ManifestPair[] | null> {
  const file = path.join(root, MANIFEST_PATH);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Ui2CodeError('CONFIG', `cannot read the manifest (${(error as Error).message})`, { file, cause: error });
  }
  let raw: { designs?: Record<string, RawEntry> };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (error) {
    throw new Ui2CodeError('CONFIG', `the manifest is not valid JSON (${(error as Error).message})`, { file, cause: error });
  }
  return Object.entries(raw.designs ?? {}).flatMap(([design, entry]) => {
    const component = entry.file ?? entry.component;
    if (!component) return [];
    const accepted = entry.acceptedScore ?? entry.score;
    return [{ design: path.resolve(root, design), component: path.resolve(root, component), ...(typeof accepted === 'number' ? { accepted } : {}) }];
  });
}

/** Records the given scores as accepted (`check --update`). */
export async function acceptScores(root: string, accepted: Array<{ design: string; component: string; score: number }>): Promise<void> {
  const file = path.join(root, MANIFEST_PATH);
  const existing = await fs.readFile(file, 'utf8').then((t) => JSON.parse(t) as { designs?: Record<string, RawEntry> }).catch(() => ({}) as { designs?: Record<string, RawEntry> });
  const designs: Record<string, RawEntry> = existing.designs ?? {};
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  for (const entry of accepted) {
    const key = rel(entry.design);
    designs[key] = { ...designs[key], file: designs[key]?.file ?? rel(entry.component), acceptedScore: entry.score };
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify({ ...existing, designs }, null, 2)}\n`);
  await fs.rename(temp, file);
}
