// The check's view of the manifest (.ui2code/manifest.json). The manifest's format and writes belong to src/write/manifest.ts;
// this adapter is the one place the check touches it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SCORE_VERSION } from '../compare/score.js';
import { MANIFEST_FILE, readManifest, updateManifest, toPosix } from '../write/manifest.js';

const MANIFEST_PATH = toPosix(MANIFEST_FILE);

export interface ManifestPair {
  /** The entry's key as written in the manifest. */
  key: string;
  /** Absolute paths. */
  design: string;
  component: string;
  /** Accepted score: the last `check --update`, else the score the component had when it was written. */
  accepted?: number;
  /** The accepted score was measured by this older score formula: it is not compared (the check re-baselines). */
  outdatedScoreVersion?: number;
  /** Why the entry is not used: its component lies outside the project (a crafted or broken manifest). */
  refused?: string;
}

/** Whether `file` lies inside one of `folders`, symbolic links resolved (a link inside the project may point anywhere). */
async function inside(folders: string[], file: string): Promise<boolean> {
  const within = (base: string, p: string) => {
    const rel = path.relative(base, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (!folders.some((folder) => within(folder, file))) return false;
  const real = await fs.realpath(file).catch(() => null);
  const realFolders = await Promise.all(folders.map((folder) => fs.realpath(folder).catch(() => folder)));
  return real === null || realFolders.some((folder) => within(folder, real));
}

/**
 * The manifest's pairs, or null when the project has no manifest. An entry whose component lies outside the project
 * (and outside `outDir`, which may be configured elsewhere) is kept but refused: the check must never read, let alone
 * bundle and quote, a file the manifest points at elsewhere. Designs are only looked up, never read from here.
 */
export async function readManifestPairs(root: string, outDir?: string): Promise<ManifestPair[] | null> {
  const manifest = await readManifest(root);
  if (!manifest) return null;
  const pairs = await Promise.all(
    Object.entries(manifest.designs).map(async ([key, entry]): Promise<ManifestPair | null> => {
      const component = entry.file ?? entry.component;
      if (typeof component !== 'string' || !component) return null;
      const accepted = entry.acceptedScore ?? entry.score;
      const version = entry.scoreVersion ?? 1;
      // A score from another formula is no baseline: comparing with it would report regressions nobody caused.
      const baseline = typeof accepted !== 'number' ? {} : version === SCORE_VERSION ? { accepted } : { outdatedScoreVersion: version };
      const pair = { key, design: path.resolve(root, key), component: path.resolve(root, component), ...baseline };
      if (await inside(outDir ? [root, path.resolve(root, outDir)] : [root], pair.component)) return pair;
      return { ...pair, refused: `${MANIFEST_PATH} entry "${key}" points outside the project (${JSON.stringify(component)}): refused, nothing read; fix or remove the entry` };
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
      manifest.designs[key] = { ...current, file: current?.file ?? rel(entry.component), acceptedScore: entry.score, scoreVersion: SCORE_VERSION };
    }
  });
}
