// The check's view of the manifest (.ui2code/manifest.json). The manifest's format and writes belong to src/write/manifest.ts;
// this adapter is the one place the check touches it.
import path from 'node:path';
import { MANIFEST_FILE, readManifest, updateManifest, toPosix } from '../write/manifest.js';

export const MANIFEST_PATH = toPosix(MANIFEST_FILE);

export interface ManifestPair {
  /** Absolute paths. */
  design: string;
  component: string;
  /** Accepted score: the last `check --update`, else the score the component had when it was written. */
  accepted?: number;
}

/** The manifest's pairs, or null when the project has no manifest. */
export async function readManifestPairs(root: string): Promise<ManifestPair[] | null> {
  const manifest = await readManifest(root);
  if (!manifest) return null;
  return Object.entries(manifest.designs).flatMap(([design, entry]) => {
    const component = entry.file ?? entry.component;
    if (!component) return [];
    const accepted = entry.acceptedScore ?? entry.score;
    return [{ design: path.resolve(root, design), component: path.resolve(root, component), ...(typeof accepted === 'number' ? { accepted } : {}) }];
  });
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
