// The check's view of the manifest (.ui2code/manifest.json). The manifest's format and writes belong to src/write/manifest.ts;
// this adapter is the one place the check touches it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, readManifest, updateManifest, toPosix } from '../write/manifest.js';

export const MANIFEST_PATH = toPosix(MANIFEST_FILE);

export interface ManifestPair {
  /** The entry's key as written in the manifest. */
  key: string;
  /** Absolute paths. */
  design: string;
  component: string;
  /** Accepted score: the last `check --update`, else the score the component had when it was written. */
  accepted?: number;
  /** Why the entry is not used: its design or component lies outside the project (a crafted or broken manifest). */
  refused?: string;
}

/** Whether `file` lies inside `root`, symbolic links resolved (a link inside the project may point anywhere). */
async function inside(root: string, file: string): Promise<boolean> {
  const within = (base: string, p: string) => {
    const rel = path.relative(base, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (!within(root, file)) return false;
  const real = await fs.realpath(file).catch(() => null);
  const realRoot = await fs.realpath(root).catch(() => root);
  return real === null || within(realRoot, real);
}

/**
 * The manifest's pairs, or null when the project has no manifest. An entry that leads outside the project is kept but
 * refused: the check must never read (let alone bundle and quote) a file the manifest points at elsewhere.
 */
export async function readManifestPairs(root: string): Promise<ManifestPair[] | null> {
  const manifest = await readManifest(root);
  if (!manifest) return null;
  const pairs = await Promise.all(
    Object.entries(manifest.designs).map(async ([key, entry]): Promise<ManifestPair | null> => {
      const component = entry.file ?? entry.component;
      if (typeof component !== 'string' || !component) return null;
      const accepted = entry.acceptedScore ?? entry.score;
      const pair = { key, design: path.resolve(root, key), component: path.resolve(root, component), ...(typeof accepted === 'number' ? { accepted } : {}) };
      const outside = !(await inside(root, pair.design)) ? key : !(await inside(root, pair.component)) ? component : undefined;
      if (outside === undefined) return pair;
      return { ...pair, refused: `${MANIFEST_PATH} entry "${key}" points outside the project (${JSON.stringify(outside)}): refused, nothing read; fix or remove the entry` };
    }),
  );
  return pairs.filter((pair): pair is ManifestPair => pair !== null);
}

/** Records the given scores as accepted (`check --update`). */
export async function acceptScores(root: string, accepted: Array<{ design: string; component: string; score: number }>): Promise<void> {
  const rel = (p: string) => toPosix(path.relative(root, p));
  await updateManifest(root, (manifest) => {
    for (const entry of accepted) {
      const key = rel(entry.design);
      const current = manifest.designs[key];
      manifest.designs[key] = { ...current, file: current?.file ?? rel(entry.component), acceptedScore: entry.score };
    }
  });
}
