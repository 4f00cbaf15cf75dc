// `ui2code merge-reports <dirs...> --out <dir>`: joins the reports of `check --shard i/n` runs into the one report an
// unsharded run would have written. Exit 0 when every design passed, 1 otherwise (so a final CI job can gate on it).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { summaryMarkdown, isGitHubActions } from '../../check/github.js';
import { toJUnit } from '../../check/junit.js';
import { mergeReports } from '../../check/merge.js';
import { exitCodeOf } from '../../check/decide.js';
import { textSummary } from './check.js';
import { prepareDir } from '../../write/atomic.js';

interface MergeFlags {
  out: string;
  junit?: string;
  json?: boolean;
}

export function registerMergeReports(program: Command): void {
  program
    .command('merge-reports')
    .description('join the reports of sharded `check --shard i/n --report <dir>` runs into one')
    .argument('<dirs...>', 'report folders written by `ui2code check --report`')
    .requiredOption('--out <dir>', 'folder of the merged report')
    .option('--junit <file>', 'also write the merged JUnit XML')
    .option('--json', 'print the merged report as one JSON object on stdout')
    .action(async (dirs: string[], flags: MergeFlags) => {
      const outDir = path.resolve(flags.out);
      const { report, warnings } = await mergeReports(dirs.map((d) => path.resolve(d)), outDir);
      for (const warning of warnings) process.stderr.write(`ui2code: warning: ${warning}\n`);
      const files: { html: string; junit?: string } = { html: path.join(outDir, 'index.html') };
      if (flags.junit) {
        files.junit = path.resolve(flags.junit);
        await prepareDir(path.dirname(files.junit));
        await fs.writeFile(files.junit, toJUnit(report));
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...report, files })}\n`);
      else process.stdout.write(textSummary(report, files));
      if (isGitHubActions() && process.env.GITHUB_STEP_SUMMARY) await fs.appendFile(process.env.GITHUB_STEP_SUMMARY, `${summaryMarkdown(report)}\n`);
      process.exitCode = exitCodeOf(report);
    });
}
