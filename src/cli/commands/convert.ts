// `ui2code convert <images...>`: each design becomes a component in the output folder, validated, formatted, rendered,
// scored and refined. Exit 0 all converted or up to date, 1 some failed, 2 bad arguments, 3 no browser or provider.
import { OUTPUT_STYLES, type OutputStyleOption } from '../../generate/style.js';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { ProviderName, UserConfig } from '../../config/types.js';
import { Ui2CodeError } from '../../errors.js';
import { convertMany, providerFor } from '../../pipeline.js';
import { createRenderer } from '../../render/pool.js';
import type { ConvertResult } from '../../types.js';
import { unitInterval } from './check.js';

interface ConvertFlags {
  out?: string;
  provider?: ProviderName;
  model?: string;
  baseUrl?: string;
  rounds?: number;
  target?: number;
  concurrency?: number;
  force?: boolean;
  cache: boolean;
  json?: boolean;
  config?: string | false;
  browser?: string;
  hints?: boolean;
  style?: OutputStyleOption;
}

export function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}.`);
    return n;
  };
}

/** Flags that map onto config options (undefined ones leave the file's value). */
export function modelFlags(command: Command): Command {
  return command
    .addOption(new Option('--provider <name>', 'glm | openai | local').choices(['glm', 'openai', 'local']))
    .option('--model <id>', 'model id')
    .option('--base-url <url>', 'OpenAI-compatible base URL')
    .option('--rounds <n>', 'refinement rounds after the first candidate (default 2)', wholeNumber(0))
    .option('--target <score>', 'stop refining at this score (default 0.9)', unitInterval)
    .option('--concurrency <n>', 'designs converted at once', wholeNumber(1))
    .option('--config <file>', 'config file (default ui2code.config.*)')
    .option('--no-config', 'ignore ui2code.config.*')
    .option('--browser <path>', 'Chromium executable to use')
    .option('--hints', "send the local analysis (texts, positions, palette) to the remote model (default: for small models)")
    .option('--no-hints', 'never send the local analysis to the remote model')
    .addOption(new Option('--style <style>', 'how components carry styles: auto (tailwind when the project uses it, else css-modules) | tailwind | css-modules | inline').choices([...OUTPUT_STYLES]));
}

export function overridesFrom(flags: Partial<ConvertFlags> & { designs?: string }): UserConfig {
  return {
    designs: flags.designs,
    outDir: flags.out,
    provider: flags.provider,
    model: flags.model,
    baseUrl: flags.baseUrl,
    rounds: flags.rounds,
    target: flags.target,
    concurrency: flags.concurrency,
    browser: flags.browser,
    hints: flags.hints,
    style: flags.style,
  };
}

const fmt = (n: number | undefined, digits = 3) => (n === undefined ? '-' : n.toFixed(digits));

export function resultLine(r: ConvertResult, root: string): string {
  const rel = (p: string) => (p ? path.relative(root, p) || p : '');
  const head = `${r.status.padEnd(9)} ${rel(r.design)}`;
  if (r.status === 'failed') return `${head}\n          ${r.error}`;
  const tokens = r.usage.promptTokens + r.usage.completionTokens;
  return `${head} → ${rel(r.file)}  score ${fmt(r.score)} (rounds: ${r.scores.map((s) => fmt(s)).join(' → ') || '-'})  ${tokens} tokens  ${r.cost ? `${r.cost.toFixed(4)}` : 'free'}${r.error ? `\n          ${r.error}` : ''}`;
}

/** `convert --json`'s promised fields, plus the extra ones after them. */
export function jsonResult(r: ConvertResult) {
  return {
    design: r.design,
    component: r.component,
    file: r.file,
    ...(r.css ? { css: r.css } : {}),
    status: r.status,
    provider: r.provider,
    model: r.model,
    rounds: r.rounds,
    scores: r.scores,
    mismatch: r.mismatch ?? null,
    fgMismatch: r.fgMismatch ?? null,
    score: r.score ?? null,
    usage: { promptTokens: r.usage.promptTokens, completionTokens: r.usage.completionTokens },
    cost: r.cost,
    error: r.error ?? null,
    ...(r.errorCode ? { errorCode: r.errorCode } : {}),
    ...(r.terms ? { terms: r.terms } : {}),
  };
}

export function registerConvert(program: Command): void {
  modelFlags(
    program
      .command('convert')
      .description('turn design images into React components')
      .argument('<images...>', 'design images (PNG, JPEG, WebP)')
      .option('--out <dir>', 'output folder (default src/components/generated)'),
  )
    .option('--force', 'overwrite components edited by hand')
    .option('--no-cache', 'ignore cached results')
    .option('--json', 'print one JSON object on stdout')
    .action(async (images: string[], flags: ConvertFlags) => {
      const config = await loadConfig({ root: process.cwd(), overrides: overridesFrom(flags), configFile: flags.config === false ? false : flags.config });
      const provider = await providerFor(config);
      const renderer = createRenderer({ executablePath: config.browser, workers: config.renderWorkers });
      let results: ConvertResult[];
      try {
        results = await convertMany(images.map((i) => path.resolve(i)), {
          config,
          renderer,
          provider,
          force: flags.force,
          cache: flags.cache,
          concurrency: flags.concurrency ?? config.concurrency ?? (provider.name === 'local' ? 2 : 4),
          onProgress: flags.json || !process.stderr.isTTY ? undefined : (e) => e.phase !== 'reasoning' && process.stderr.write(`  ${path.basename(e.design)}: ${e.phase}${e.round ? ` (round ${e.round})` : ''}\n`),
        });
      } finally {
        await renderer.close();
        // The local engine's OCR worker runs for the local provider and for hints to a remote one.
        await (await import('../../generate/local/index.js')).closeLocalEngine();
      }
      // An environment failure (no browser) is the run's, not a design's.
      const environment = results.find((r) => r.errorCode === 'NO_BROWSER');
      if (environment) throw new Ui2CodeError('NO_BROWSER', environment.error ?? 'no browser');
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ results: results.map(jsonResult) })}\n`);
      } else {
        for (const r of results) process.stdout.write(`${resultLine(r, config.root)}\n`);
        const tokens = results.reduce((s, r) => s + r.usage.promptTokens + r.usage.completionTokens, 0);
        const cost = results.reduce((s, r) => s + r.cost, 0);
        const failed = results.filter((r) => r.status === 'failed').length;
        process.stdout.write(`${results.length} design(s): ${results.length - failed} ok, ${failed} failed; ${tokens} tokens, cost ${cost.toFixed(4)}\n`);
      }
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
}
