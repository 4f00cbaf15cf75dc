// A report folder: report.json (machine-readable; merge-reports reads it), images/ and index.html (self-contained).
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { renderHtml } from './report-html.js';
import type { CheckReport } from './types.js';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'index.html';

/** Data URLs of every image the report refers to, read from the report folder. */
async function inlineImages(dir: string, report: CheckReport): Promise<Map<string, string>> {
  const refs = report.results.flatMap((r) => (r.images ? [r.images.design, r.images.render, r.images.diff] : []));
  const entries = await Promise.all(
    refs.map(async (ref) => {
      const bytes = await fs.readFile(path.join(dir, ref)).catch(() => null);
      return [ref, bytes ? `data:image/png;base64,${bytes.toString('base64')}` : ''] as const;
    }),
  );
  return new Map(entries.filter(([, url]) => url));
}

export async function writeReportDir(dir: string, report: CheckReport): Promise<{ html: string; json: string }> {
  await fs.mkdir(dir, { recursive: true });
  const json = path.join(dir, REPORT_JSON);
  const html = path.join(dir, REPORT_HTML);
  await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(html, renderHtml(report, await inlineImages(dir, report)));
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
