// Joins shard reports into the report an unsharded run would have written: results united, sorted and summarised
// the same way, images and code copied beside the merged report.json.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { buildReport } from './decide.js';
import { readReportDir, writeReportDir } from './report.js';
import type { CheckReport, CheckResult, ShardSpec } from './types.js';
import { prepareDir } from '../write/atomic.js';

export interface MergeOutcome {
  report: CheckReport;
  /** Problems worth a warning: shards missing from a set, a design found in two reports. */
  warnings: string[];
}

export async function mergeReports(dirs: string[], outDir: string): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new Ui2CodeError('CONFIG', 'merge-reports needs at least one report folder');
  const reports = await Promise.all(dirs.map(async (dir) => ({ dir, report: await readReportDir(dir) })));
  const warnings: string[] = [];
  const first = reports[0].report;
  for (const { dir, report } of reports) {
    if (report.threshold !== first.threshold || report.strict !== first.strict || report.regressionTolerance !== first.regressionTolerance) {
      warnings.push(`${dir}: made with other settings (threshold ${report.threshold}, strict ${report.strict}) than ${reports[0].dir}; its own verdicts are kept`);
    }
  }
  const shards: ShardSpec[] = reports.flatMap(({ report }) => report.shard ?? report.mergedFrom ?? []);
  const counts = new Set(shards.map((s) => s.count));
  if (counts.size > 1) warnings.push(`the reports come from different shard counts (${[...counts].join(', ')})`);
  for (const count of counts) {
    const present = new Set(shards.filter((s) => s.count === count).map((s) => s.index));
    const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
    if (absent.length) warnings.push(`shard${absent.length > 1 ? 's' : ''} ${absent.map((i) => `${i}/${count}`).join(', ')} missing: the merged report is incomplete`);
  }

  const byId = new Map<string, CheckResult>();
  await prepareDir(outDir);
  for (const { dir, report } of reports) {
    for (const result of report.results) {
      if (byId.has(result.id)) {
        warnings.push(`${result.id} is in more than one report; the first is kept`);
        continue;
      }
      byId.set(result.id, result);
      for (const ref of [...Object.values(result.images ?? {}), ...(result.code ? [result.code] : [])]) {
        const from = path.resolve(dir, ref);
        const to = path.resolve(outDir, ref);
        if (from === to) continue;
        await prepareDir(path.dirname(to));
        await fs.copyFile(from, to).catch((error: NodeJS.ErrnoException) => warnings.push(`${from}: not copied (${error.code ?? error.message})`));
      }
    }
  }
  const report = buildReport([...byId.values()], {
    threshold: first.threshold,
    regressionTolerance: first.regressionTolerance,
    strict: first.strict,
    mergedFrom: shards.length ? [...shards].sort((a, b) => a.count - b.count || a.index - b.index) : undefined,
  });
  await writeReportDir(outDir, report);
  return { report, warnings };
}
