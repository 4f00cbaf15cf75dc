// GitHub Actions: an annotation per failure (on the component's file, or the design's when there is no component),
// warnings for regressions and missing pairs, and a Markdown job summary appended to $GITHUB_STEP_SUMMARY.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckReport, CheckResult } from './types.js';

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const isGitHubActions = (env: NodeJS.ProcessEnv = process.env) => env.GITHUB_ACTIONS === 'true';

function describe(r: CheckResult): string {
  if (r.status === 'fail') return `${r.design} no longer looks like its design: score ${r.score?.toFixed(3)} is under the threshold ${r.threshold}`;
  if (r.status === 'error') return `${r.design}: ${r.message ?? 'could not be checked'}`;
  if (r.status === 'no-component') return `${r.design} has no component`;
  if (r.status === 'no-design') return `${r.component} has no design`;
  return `${r.design}: score ${r.score?.toFixed(3)} dropped from the accepted ${r.accepted?.toFixed(3)} (regression)`;
}

/** Workflow commands, one line each. `root` is the project root; paths are given relative to the repository (GITHUB_WORKSPACE). */
export function annotations(report: CheckReport, root: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const workspace = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : root;
  const fileOf = (r: CheckResult) => {
    const rel = r.component && r.status !== 'no-component' ? r.component : (r.design ?? r.id);
    return path.relative(workspace, path.resolve(root, rel)).split(path.sep).join('/');
  };
  return report.results
    .filter((r) => r.failed || r.regression || r.status === 'no-component' || r.status === 'no-design')
    .map((r) => `::${r.failed ? 'error' : 'warning'} file=${escapeProperty(fileOf(r))},title=${escapeProperty('ui2code check')}::${escapeData(describe(r))}`);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryMarkdown(report: CheckReport): string {
  const s = report.summary;
  const head = s.failed ? `### ❌ ui2code check: ${s.failed} of ${s.total} failed` : `### ✅ ui2code check: all ${s.total} passed`;
  const notes = [
    s.regressions ? `${s.regressions} regression${s.regressions === 1 ? '' : 's'}` : '',
    s.noComponent ? `${s.noComponent} design${s.noComponent === 1 ? '' : 's'} without a component` : '',
    s.noDesign ? `${s.noDesign} component${s.noDesign === 1 ? '' : 's'} without a design` : '',
  ].filter(Boolean);
  const rows = report.results.map((r) => {
    const mark = r.failed ? '❌' : r.regression ? '⚠️' : r.status === 'pass' ? '✅' : '➖';
    const score = r.score !== undefined ? r.score.toFixed(3) : '';
    const accepted = r.accepted !== undefined ? r.accepted.toFixed(3) : '';
    return `| ${mark} | ${cell(r.design ?? '')} | ${cell(r.component ?? '')} | ${score} | ${r.threshold} | ${accepted} | ${cell(r.status === 'pass' || r.status === 'fail' ? (r.regression ? 'regression' : '') : (r.message ?? r.status))} |`;
  });
  return [
    head,
    '',
    `Threshold ${report.threshold}${notes.length ? ` · ${notes.join(' · ')}` : ''}${report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : ''}`,
    '',
    '| | Design | Component | Score | Threshold | Accepted | Note |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Prints the annotations (to `out`) and appends the summary to $GITHUB_STEP_SUMMARY when it is set. */
export async function publishToGitHub(report: CheckReport, root: string, out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const line of annotations(report, root, env)) out(line);
  if (env.GITHUB_STEP_SUMMARY) await fs.appendFile(env.GITHUB_STEP_SUMMARY, `${summaryMarkdown(report)}\n`);
}
