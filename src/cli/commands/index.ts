// Every command of the CLI, registered in the order `--help` lists them.
import type { Command } from 'commander';
import { registerConvert } from './convert.js';
import { registerWatch } from './watch.js';
import { registerCompare } from './compare.js';
import { registerCheck } from './check.js';
import { registerMergeReports } from './merge-reports.js';
import { registerBrowser } from './browser.js';
import { registerDoctor } from './doctor.js';
import { registerPending } from './pending.js';

export const commands: Array<(program: Command) => void> = [
  registerConvert,
  registerWatch,
  registerCompare,
  registerCheck,
  registerPending,
  registerMergeReports,
  registerBrowser,
  registerDoctor,
];
