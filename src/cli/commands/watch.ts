// `ui2code watch [--designs <dir>]`: converts every design saved in the folder, until Ctrl-C. A newer save of a
// design aborts the older job; removing a design keeps its component.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { createSession } from '../../session.js';
import { watchDesigns } from '../../watch.js';
import { createConvertProgress, painter, wantsColor } from '../convert-progress.js';
import { modelFlags, overridesFrom, resultLine } from './convert.js';

interface WatchFlags {
  designs?: string;
  out?: string;
  force?: boolean;
  cache: boolean;
  config?: string | false;
  initial: boolean;
}

export function registerWatch(program: Command): void {
  modelFlags(
    program
      .command('watch')
      .description('convert designs continuously as they are saved')
      .option('--designs <dir>', 'folder of design images (default designs)')
      .option('--out <dir>', 'output folder (default src/components/generated)'),
  )
    .option('--force', 'overwrite components edited by hand')
    .option('--no-cache', 'ignore cached results')
    .option('--no-initial', 'only convert designs saved after start')
    .action(async (flags: WatchFlags & Parameters<typeof overridesFrom>[0]) => {
      const config = await loadConfig({ root: process.cwd(), overrides: overridesFrom(flags), configFile: flags.config === false ? false : flags.config });
      const session = createSession(config);
      const rel = (p: string) => path.relative(config.root, p) || p;
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // The bar (a terminal) or plain lines (pipes, CI) of convert; its count grows as designs are saved.
      const progress = await createConvertProgress({ root: config.root, open: true });
      const paint = painter(wantsColor(process.stdout));
      progress.start(0);
      try {
        const provider = await session.provider();
        const watcher = await watchDesigns({
          config,
          session,
          force: flags.force,
          cache: flags.cache,
          initial: flags.initial,
          onProgress: (e) => progress.event(e),
          onResult: (r) => progress.result(resultLine(r, config.root, paint)),
          onRemoved: (design) => progress.result(`removed   ${rel(design)} (its component is kept)`),
        });
        await watcher.ready;
        progress.note(`watching ${rel(path.resolve(config.root, flags.designs ?? config.designs))} with ${provider.name}${provider.model ? ` (${provider.model})` : ''}; Ctrl-C to stop`);
        await stopped;
        await watcher.close();
      } finally {
        progress.stop();
        await session.close();
      }
    });
}
