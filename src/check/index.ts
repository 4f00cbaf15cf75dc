// `ui2code check` as a function: discover, shard, render and score, decide, write the report files, accept scores.
// The CLI and the Vite plugin's build check both call this.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { createRenderer, type Renderer } from '../render/pool.js';
import { buildReport, exitCodeOf } from './decide.js';
import { discover } from './discover.js';
import { CODE_DIR, IMAGES_DIR, imageStem } from './images.js';
import { readManifest } from '../write/manifest.js';
import { parseHeader } from '../write/header.js';
import { toJUnit } from './junit.js';
import { acceptScores } from './manifest.js';
import { writeReportDir } from './report.js';
import { runPairs } from './run.js';
import { notePending, waitingVersions } from './pending.js';
import { createScorer } from './scorer.js';
import { inShard } from './shard.js';
import type { CheckReport, CheckResult, ShardSpec } from './types.js';
import { prepareDir } from '../write/atomic.js';
import { Ui2CodeError } from '../errors.js';

export interface CheckOptions {
  config: ResolvedConfig;
  shard?: ShardSpec;
  /** Accept the current scores into the manifest. */
  update?: boolean;
  /** Folder for index.html, report.json and images/. */
  reportDir?: string;
  junitFile?: string;
  /** A warm renderer to reuse (closed by its owner); else one is made for this run and closed after. */
  renderer?: Renderer;
  onStart?: (total: number) => void;
  onResult?: (result: CheckResult) => void;
}

export interface CheckOutcome {
  report: CheckReport;
  exitCode: 0 | 1;
  files: { html?: string; json?: string; junit?: string };
}

/** Removes the images an earlier report left (only ours: a report folder may be shared with other files). */
async function clearOldImages(reportDir: string): Promise<void> {
  const dir = path.join(reportDir, IMAGES_DIR);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => /\.(design|render|diff)\.png$/.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
  const code = path.join(reportDir, CODE_DIR);
  const sources = await fs.readdir(code).catch(() => [] as string[]);
  await Promise.all(sources.filter((n) => /-[0-9a-f]{8}\.(tsx|jsx)$/.test(n)).map((n) => fs.rm(path.join(code, n), { force: true })));
}

/**
 * Each component's rounds, as the manifest recorded them when it was generated, and its typography term when the
 * component is still the generated code (the check reads no text; an edit would make the old term a guess).
 */
async function addHistory(results: CheckResult[], root: string): Promise<void> {
  const manifest = await readManifest(root).catch(() => null);
  for (const r of results) {
    const entry = r.design ? manifest?.designs[r.design] : undefined;
    if (entry?.scores?.length) r.history = entry.scores;
    if (entry?.typography === undefined || !r.scores || !r.component) continue;
    const source = await fs.readFile(path.resolve(root, r.component), 'utf8').catch(() => '');
    if (parseHeader(source)?.intact) r.scores.typography = entry.typography;
  }
}

/** A copy of each component's code in the report folder: the report shows what was checked, even after later edits. */
async function saveCode(reportDir: string, results: CheckResult[], root: string): Promise<void> {
  await prepareDir(path.join(reportDir, CODE_DIR));
  await Promise.all(
    results.map(async (r) => {
      if (!r.component) return;
      const ref = `${CODE_DIR}/${imageStem(r.id)}${path.extname(r.component)}`;
      const copied = await fs.copyFile(path.resolve(root, r.component), path.join(reportDir, ref)).then(() => true, () => false);
      if (copied) r.code = ref;
    }),
  );
}

export async function runCheck({ config, shard, update = false, reportDir, junitFile, renderer, onStart, onResult }: CheckOptions): Promise<CheckOutcome> {
  const pairs = (await discover(config)).filter((pair) => inShard(pair.id, shard));
  const report = path.resolve(config.root, reportDir ?? '.');
  if (reportDir) {
    // A report folder that cannot be made is a bad argument, known before any design is rendered.
    await prepareDir(report).catch((error: Error) => {
      throw new Ui2CodeError('CONFIG', `--report: ${error.message}`, { file: report, cause: error });
    });
    await clearOldImages(report);
  }
  onStart?.(pairs.length);
  const own = renderer ?? createRenderer({ executablePath: config.browser, workers: config.renderWorkers, root: config.root });
  const scorer = createScorer();
  const waiting = await waitingVersions(config);
  const note = (r: CheckResult) => notePending(r, waiting, config.root);
  let results: CheckResult[];
  try {
    results = (await runPairs(pairs, { renderer: own, scorer, config, reportDir: reportDir ? report : undefined, onResult: onResult && ((r) => onResult(note(r))) })).map(note);
  } finally {
    await scorer.close();
    if (!renderer) await own.close();
  }
  await addHistory(results, config.root);
  if (reportDir) await saveCode(report, results, config.root);
  const checked = buildReport(results, { threshold: config.threshold, regressionTolerance: config.regressionTolerance, strict: config.strict, shard });
  const files: CheckOutcome['files'] = {};
  if (reportDir) Object.assign(files, await writeReportDir(report, checked));
  if (junitFile) {
    files.junit = path.resolve(config.root, junitFile);
    await prepareDir(path.dirname(files.junit));
    await fs.writeFile(files.junit, toJUnit(checked));
  }
  if (update) {
    const accepted = pairs.flatMap((pair) => {
      const result = results.find((r) => r.id === pair.id);
      return pair.design && pair.component && result?.score !== undefined ? [{ design: pair.design, component: pair.component, score: result.score }] : [];
    });
    if (accepted.length) await acceptScores(config.root, accepted);
  }
  return { report: checked, exitCode: exitCodeOf(checked), files };
}

export { mergeReports } from './merge.js';
export type { CheckReport, CheckResult, CheckStatus, CheckSummary, ShardSpec } from './types.js';
