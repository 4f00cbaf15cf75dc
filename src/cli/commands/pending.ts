// `ui2code pending [names...]`: the new versions that wait because their component was edited by hand. Lists them;
// `--diff` shows what would change, `--accept` puts the new version in place of the edit, `--discard` drops it.
// Names are component names, design paths or design file names; none means every waiting version.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { Ui2CodeError } from '../../errors.js';
import { acceptPending, diffPending, discardPending, listPending, selectPending, type PendingVersion } from '../../write/pending.js';

interface PendingFlags {
  diff?: boolean;
  accept?: boolean;
  discard?: boolean;
  json?: boolean;
  out?: string;
  config?: string | false;
}

const describe = (v: PendingVersion, root: string) => ({
  component: v.component,
  design: v.design,
  files: v.files.map((f) => ({ pending: path.relative(root, f.pending), target: path.relative(root, f.target) })),
  score: v.entry?.score ?? null,
  since: v.since.toISOString(),
});

export function registerPending(program: Command): void {
  program
    .command('pending')
    .description('list, diff, accept or discard new versions kept aside because their component was edited by hand')
    .argument('[names...]', 'component names, design paths or design file names (default: all)')
    .option('--diff', 'show what accepting would change')
    .option('--accept', 'replace the edited component with the new version')
    .option('--discard', 'drop the new version and keep the edited component')
    .option('--out <dir>', 'output folder (default src/components/generated)')
    .option('--json', 'print one JSON object on stdout')
    .option('--config <file>', 'config file (default ui2code.config.*)')
    .option('--no-config', 'ignore ui2code.config.*')
    .action(async (names: string[], flags: PendingFlags) => {
      if (flags.accept && flags.discard) throw new Ui2CodeError('CONFIG', '--accept and --discard cannot be used together');
      const config = await loadConfig({ root: process.cwd(), overrides: { outDir: flags.out }, configFile: flags.config === false ? false : flags.config });
      const { root } = config;
      const chosen = selectPending(await listPending(root, config.outDir), names, root);
      const action = flags.accept ? 'accepted' : flags.discard ? 'discarded' : null;
      const diffs = flags.diff ? await Promise.all(chosen.map((v) => diffPending(v, root))) : [];
      for (const version of chosen) {
        if (flags.accept) await acceptPending(version, root);
        else if (flags.discard) await discardPending(version, root);
      }
      if (flags.json) {
        const items = chosen.map((v, i) => ({ ...describe(v, root), ...(flags.diff ? { diff: diffs[i] } : {}), ...(action ? { action } : {}) }));
        process.stdout.write(`${JSON.stringify({ pending: items })}\n`);
        return;
      }
      if (chosen.length === 0) {
        process.stdout.write('no new versions are waiting\n');
        return;
      }
      chosen.forEach((v, i) => {
        const d = describe(v, root);
        const score = d.score === null ? '' : `  score ${d.score.toFixed(3)}`;
        process.stdout.write(`${action ?? 'pending'}  ${d.design} → ${d.files[0].target}${score}  (waiting in ${d.files.map((f) => f.pending).join(', ')})\n`);
        if (flags.diff) process.stdout.write(diffs[i]);
      });
      if (!action) process.stdout.write(`\n${chosen.length} waiting. \`ui2code pending --diff\` shows the changes; --accept or --discard [names...] settles them.\n`);
    });
}
