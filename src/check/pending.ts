// A failing component that was edited by hand may have a newer version waiting in .ui2code/pending/: the check says
// so, because accepting it is often the fix.
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { listPending, type PendingVersion } from '../write/pending.js';
import { toPosix } from '../write/manifest.js';
import type { CheckResult } from './types.js';

/** Waiting versions by the component file they would replace (absolute). */
export async function waitingVersions(config: Pick<ResolvedConfig, 'root' | 'outDir'>): Promise<Map<string, PendingVersion>> {
  const versions = await listPending(config.root, config.outDir).catch(() => []);
  return new Map(versions.map((v) => [path.resolve(v.files[0].target), v]));
}

/** Adds the waiting version to a failed result (in place, once), naming it and the commands that settle it. */
export function notePending(result: CheckResult, waiting: Map<string, PendingVersion>, root: string): CheckResult {
  if (!result.failed || !result.component || result.pending) return result;
  const version = waiting.get(path.resolve(root, result.component));
  if (!version) return result;
  result.pending = toPosix(path.relative(root, version.files[0].pending));
  const score = version.entry?.score !== undefined ? ` (score ${version.entry.score.toFixed(3)})` : '';
  const hint = `a newer version generated from the design waits in ${result.pending}${score}: \`ui2code pending --diff ${version.component}\`, then --accept or --discard`;
  result.message = result.message ? `${result.message}; ${hint}` : hint;
  return result;
}
