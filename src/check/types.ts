// The check's shapes: what discovery pairs up, what each design's run yields, and the report every output is made from.
import type { Scores } from '../types.js';

/** A design and its component as discovery paired them; either may be missing. Paths are absolute. */
export interface CheckPair {
  /** Stable key: the design's path relative to the root (posix), or the component's when it has no design. */
  id: string;
  design?: string;
  /** A responsive design: every image of its set (absolute), `design` first. Absent for a single image. */
  widths?: string[];
  component?: string;
  /** The score the manifest accepted for this component (when generated or at the last `check --update`). */
  accepted?: number;
  /** The manifest's accepted score came from this older score formula and is not compared. */
  outdatedScoreVersion?: number;
  /** How the pair was found. */
  via: 'manifest' | 'name';
  /** The manifest entry was refused (it leads outside the project): the design fails with this message, nothing is read. */
  refused?: string;
}

export type CheckStatus =
  | 'pass'
  | 'fail' // under its threshold
  | 'error' // the design could not be read or the component could not be rendered
  | 'no-component' // a design without its component
  | 'no-design'; // a component without its design

export interface ReportImages {
  /** Paths relative to the report folder. */
  design: string;
  render: string;
  diff: string;
}

export interface CheckResult {
  id: string;
  /** Paths relative to the root (posix). */
  design?: string;
  component?: string;
  status: CheckStatus;
  /** Counts against the exit code: fail, error, and a missing side when strict. */
  failed: boolean;
  threshold: number;
  score?: number;
  scores?: Scores;
  accepted?: number;
  /** The score fell more than the tolerance below the accepted score (reported even when passing). */
  regression?: boolean;
  message?: string;
  /** A newer version of an edited component waiting in .ui2code/pending/ (relative to the root), named when it fails. */
  pending?: string;
  errorCode?: string;
  pageErrors?: string[];
  images?: ReportImages;
  /**
   * A responsive design: each viewport rendered at its own width and scored, widest first. `score`, `scores` and
   * `images` above are the worst width's; the result fails when any width is under the threshold.
   */
  widths?: Array<{ design: string; width: number; score: number; scores: Scores; images?: ReportImages }>;
  /** The component's code saved in the report folder (relative path), with --report. */
  code?: string;
  /** Scores of the component's generation rounds, from the manifest. */
  history?: number[];
  durationMs?: number;
}

export interface CheckSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  noComponent: number;
  noDesign: number;
  regressions: number;
}

export interface ShardSpec {
  index: number;
  count: number;
}

export interface CheckReport {
  tool: 'ui2code check';
  version: 1;
  threshold: number;
  regressionTolerance: number;
  strict: boolean;
  /** The shard this report covers; absent for a full (or merged) run. */
  shard?: ShardSpec;
  /** For merged reports: the shards they were made from. */
  mergedFrom?: ShardSpec[];
  summary: CheckSummary;
  /** Failures first, then regressions, missing pairs, passes; by id within each. */
  results: CheckResult[];
}
