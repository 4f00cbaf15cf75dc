// JUnit XML, the format every CI system can show: one testcase per design; under the threshold is a <failure>,
// a render or decoding error an <error>, a missing side <skipped> unless strict makes it a failure.
import type { CheckReport, CheckResult } from './types.js';

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

const seconds = (ms?: number) => ((ms ?? 0) / 1000).toFixed(3);

function details(r: CheckResult): string {
  const lines = [`design: ${r.design ?? '(none)'}`, `component: ${r.component ?? '(none)'}`, `threshold: ${r.threshold}`];
  if (r.scores) for (const [key, value] of Object.entries(r.scores)) lines.push(`${key}: ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : value}`);
  if (r.accepted !== undefined) lines.push(`accepted: ${r.accepted}${r.regression ? ' (regression)' : ''}`);
  if (r.images) lines.push(`diff: ${r.images.diff}`);
  return lines.join('\n');
}

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="ui2code.check" name="${xml(r.id)}"${r.component ? ` file="${xml(r.component)}"` : ''} time="${seconds(r.durationMs)}">`;
  const message = xml(r.message ?? (r.score !== undefined ? `score ${r.score.toFixed(3)} (threshold ${r.threshold})` : r.status));
  let body = '';
  if (r.status === 'fail') body = `\n      <failure message="${message}" type="threshold">${xml(details(r))}</failure>`;
  else if (r.status === 'error') body = `\n      <error message="${message}" type="${xml(r.errorCode ?? 'ERROR')}">${xml(details(r))}</error>`;
  else if (r.status === 'no-component' || r.status === 'no-design') {
    body = r.failed ? `\n      <failure message="${message}" type="${r.status}"/>` : `\n      <skipped message="${message}"/>`;
  }
  const out = r.regression ? `\n      <system-out>${xml(`regression: score ${r.score?.toFixed(3)} against accepted ${r.accepted}`)}</system-out>` : '';
  return `${open}${body}${out}\n    </testcase>`;
}

export function toJUnit(report: CheckReport): string {
  const failures = report.results.filter((r) => r.failed && r.status !== 'error').length;
  const errors = report.results.filter((r) => r.status === 'error').length;
  const skipped = report.results.filter((r) => !r.failed && (r.status === 'no-component' || r.status === 'no-design')).length;
  const time = seconds(report.results.reduce((sum, r) => sum + (r.durationMs ?? 0), 0));
  const counts = `tests="${report.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ui2code check" ${counts}>
  <testsuite name="ui2code check" ${counts}>
${report.results.map(testcase).join('\n')}
  </testsuite>
</testsuites>
`;
}
