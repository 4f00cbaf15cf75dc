// A report folder: report.json (machine-readable; merge-reports reads it), images/, code/ and index.html, which refers
// to the images and embeds the code, so the folder opens offline.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { renderHtml } from './report-html.js';
import type { CheckReport } from './types.js';
import { prepareDir } from '../write/atomic.js';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'index.html';

/** The components' code the results refer to (saved in the report folder, so merged shards keep it). */
async function readCode(dir: string, report: CheckReport): Promise<Map<string, string>> {
  const entries = await Promise.all(
    report.results.filter((r) => r.code).map(async (r) => [r.id, await fs.readFile(path.join(dir, r.code!), 'utf8').catch(() => null)] as const),
  );
  return new Map(entries.filter((e): e is readonly [string, string] => e[1] !== null));
}

export async function writeReportDir(dir: string, report: CheckReport): Promise<{ html: string; json: string }> {
  await prepareDir(dir);
  const json = path.join(dir, REPORT_JSON);
  const html = path.join(dir, REPORT_HTML);
  const history = new Map(report.results.filter((r) => r.history?.length).map((r) => [r.id, r.history!]));
  await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(html, renderHtml(report, { code: await readCode(dir, report), history }));
  return { html, json };
}

export async function readReportDir(dir: string): Promise<CheckReport> {
  const file = path.join(dir, REPORT_JSON);
  let report: CheckReport;
  try {
    report = JSON.parse(await fs.readFile(file, 'utf8')) as CheckReport;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no report.json here (write one with `ui2code check --report <dir>`)' : (error as Error).message;
    throw new Ui2CodeError('CONFIG', `cannot read the check report: ${reason}`, { file, cause: error });
  }
  if (report.tool !== 'ui2code check' || report.version !== 1 || !Array.isArray(report.results)) {
    throw new Ui2CodeError('CONFIG', 'not a ui2code check report (version 1)', { file });
  }
  return report;
}
