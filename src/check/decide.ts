// Pass or fail, regression or not: pure functions of a design's score, its threshold and the manifest's accepted score.
import type { CheckReport, CheckResult, CheckStatus, CheckSummary, ShardSpec } from './types.js';

export interface Verdict {
  status: CheckStatus;
  failed: boolean;
  regression?: boolean;
}

export function decide(input: {
  score?: number;
  threshold: number;
  accepted?: number;
  tolerance: number;
  /** The render or the design's decoding failed. */
  error?: boolean;
  missing?: 'component' | 'design';
  strict: boolean;
}): Verdict {
  if (input.missing) return { status: input.missing === 'component' ? 'no-component' : 'no-design', failed: input.strict };
  if (input.error || input.score === undefined) return { status: 'error', failed: true };
  const status = input.score >= input.threshold ? 'pass' : 'fail';
  // A tiny epsilon keeps a score that only differs by float noise from counting as a drop.
  const regression = input.accepted !== undefined && input.accepted - input.score > input.tolerance + 1e-9;
  return { status, failed: status === 'fail', ...(input.accepted !== undefined ? { regression } : {}) };
}

const RANK: Record<CheckStatus, number> = { error: 0, fail: 0, 'no-component': 2, 'no-design': 2, pass: 3 };

/** Failures first (what a reviewer must look at), then regressions, then missing pairs, then passes; by id within each. */
function rank(result: CheckResult): number {
  if (result.failed) return 0;
  if (result.regression) return 1;
  return RANK[result.status];
}

export function sortResults(results: CheckResult[]): CheckResult[] {
  return [...results].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function summarize(results: CheckResult[]): CheckSummary {
  const count = (predicate: (r: CheckResult) => boolean) => results.filter(predicate).length;
  return {
    total: results.length,
    passed: count((r) => r.status === 'pass'),
    failed: count((r) => r.failed),
    errors: count((r) => r.status === 'error'),
    noComponent: count((r) => r.status === 'no-component'),
    noDesign: count((r) => r.status === 'no-design'),
    regressions: count((r) => r.regression === true),
  };
}

export function buildReport(
  results: CheckResult[],
  settings: { threshold: number; regressionTolerance: number; strict: boolean; shard?: ShardSpec; mergedFrom?: ShardSpec[] },
): CheckReport {
  return {
    tool: 'ui2code check',
    version: 1,
    threshold: settings.threshold,
    regressionTolerance: settings.regressionTolerance,
    strict: settings.strict,
    ...(settings.shard ? { shard: settings.shard } : {}),
    ...(settings.mergedFrom ? { mergedFrom: settings.mergedFrom } : {}),
    summary: summarize(results),
    results: sortResults(results),
  };
}

/** 0 when nothing failed, 1 otherwise (2 and 3 come from errors thrown before the run). */
export function exitCodeOf(report: CheckReport): 0 | 1 {
  return report.summary.failed > 0 ? 1 : 0;
}
