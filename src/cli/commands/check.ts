// `ui2code check`: does every component still look like its design? Exit 0 all pass, 1 some design failed,
// 2 bad arguments or config, 3 no browser.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { runCheck } from '../../check/index.js';
import { isGitHubActions, publishToGitHub } from '../../check/github.js';
import { createProgress, resultLine } from '../../check/progress.js';
import { parseShard } from '../../check/shard.js';
import type { CheckReport } from '../../check/types.js';
import { loadConfig } from '../../config/load.js';

interface CheckFlags {
  designs?: string;
  out?: string;
  threshold?: number;
  report?: string;
  junit?: string;
  json?: boolean;
  shard?: string;
  update?: boolean;
  strict?: boolean;
  config?: string | false;
  browser?: string;
}

export function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number between 0 and 1.');
  return n;
}

const shortPath = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
};

/** What the terminal shows at the end: the totals, then every design that needs a look. */
export function textSummary(report: CheckReport, files: { html?: string; junit?: string }): string {
  const s = report.summary;
  const lines = [
    s.failed
      ? `ui2code check: ${s.failed} of ${s.total} failed (threshold ${report.threshold})`
      : `ui2code check: all ${s.total} passed (threshold ${report.threshold})`,
  ];
  for (const r of report.results) {
    if (r.failed || r.regression || r.status === 'no-component' || r.status === 'no-design') {
      lines.push(`  ${resultLine(r)}${r.component && r.status !== 'no-design' ? `  → ${r.component}` : ''}`);
    }
  }
  if (s.regressions) lines.push(`  ${s.regressions} regression${s.regressions === 1 ? '' : 's'} against the accepted scores (run with --update to accept)`);
  if (files.html) lines.push(`  report: ${shortPath(files.html)}`);
  if (files.junit) lines.push(`  junit: ${shortPath(files.junit)}`);
  return `${lines.join('\n')}\n`;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check that every component still looks like its design (for CI)')
    .option('--designs <dir>', "folder of design images (default: config or 'designs')")
    .option('--out <dir>', "folder of the components (default: config or 'src/components/generated')")
    .option('--threshold <score>', 'minimum score to pass, 0..1 (default: config or 0.8)', unitInterval)
    .option('--report <dir>', 'write an HTML report (index.html, report.json, images/) to this folder')
    .option('--junit <file>', 'write JUnit XML to this file')
    .option('--json', 'print the report as one JSON object on stdout')
    .option('--shard <i>/<n>', 'check only the i-th of n stable shards (merge with `ui2code merge-reports`)')
    .option('--update', "accept the current scores into the manifest (the baseline regressions are measured from)")
    .option('--strict', 'fail on a design without a component or a component without a design')
    .option('--config <file>', 'config file (default: ui2code.config.* in the working directory)')
    .option('--no-config', 'ignore any config file')
    .option('--browser <path>', 'Chromium executable to use')
    .action(async (flags: CheckFlags) => {
      const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
      const cwd = process.cwd();
      const abs = (p?: string) => (p === undefined ? undefined : path.resolve(cwd, p));
      const config = await loadConfig({
        root: cwd,
        configFile: flags.config === false ? false : flags.config,
        overrides: { designs: abs(flags.designs), outDir: abs(flags.out), threshold: flags.threshold, strict: flags.strict, browser: abs(flags.browser) },
      });
      const progress = await createProgress({ quiet: flags.json });
      let outcome: Awaited<ReturnType<typeof runCheck>>;
      try {
        outcome = await runCheck({
          config,
          shard,
          update: flags.update,
          reportDir: abs(flags.report),
          junitFile: abs(flags.junit),
          onStart: (total) => progress.start(total),
          onResult: (result) => progress.tick(result),
        });
      } finally {
        progress.stop();
      }
      const { report, files } = outcome;
      if (report.summary.total === 0 && !shard) {
        process.stderr.write(`ui2code: warning: no designs in ${shortPath(config.designs)} and no components in ${shortPath(config.outDir)}\n`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...report, files })}\n`);
      else process.stdout.write(textSummary(report, files));
      if (isGitHubActions()) {
        // Workflow commands are read from both streams; with --json stdout holds only the JSON.
        const out = flags.json ? process.stderr : process.stdout;
        await publishToGitHub(report, config.root, (line) => out.write(`${line}\n`));
      }
      process.exitCode = outcome.exitCode;
    });
}
