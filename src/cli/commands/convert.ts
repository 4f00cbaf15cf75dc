// `ui2code convert <images...>`: each design becomes a component in the output folder, validated, formatted, rendered,
// scored and refined. Exit 0 all converted or up to date, 1 some failed, 2 bad arguments, 3 no browser or provider.
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { ProviderName, UserConfig } from '../../config/types.js';
import { Ui2CodeError } from '../../errors.js';
import { groupDesigns, listDesigns } from '../../designs.js';
import { limiter } from '../../jobs.js';
import { createSession } from '../../session.js';
import type { ConvertResult, ProgressEvent } from '../../types.js';
import { closeOnSignals } from '../../render/signals.js';
import { unitInterval } from './check.js';
import { createConvertProgress, painter, wantsColor, type Paint } from '../convert-progress.js';

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
  strict?: boolean;
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
    .option('--no-hints', 'never send the local analysis to the remote model');
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
  };
}

const fmt = (n: number | undefined, digits = 3) => (n === undefined ? '-' : n.toFixed(digits));

const STATUS_COLOR = { written: 'green', unchanged: 'dim', pending: 'magenta', failed: 'red' } as const;

export function resultLine(r: ConvertResult, root: string, paint: Paint = painter(false)): string {
  const rel = (p: string) => (p ? path.relative(root, p) || p : '');
  const head = `${paint(STATUS_COLOR[r.status], r.status.padEnd(9))} ${rel(r.design)}`;
  if (r.status === 'failed') return `${head}\n          ${r.error}`;
  const tokens = r.usage.promptTokens + r.usage.completionTokens;
  const below = r.belowThreshold ? `  ${paint('yellow', 'below the check threshold')}` : '';
  return `${head} → ${rel(r.file)}  score ${fmt(r.score)}${below} (rounds: ${r.scores.map((s) => fmt(s)).join(' → ') || '-'})  ${tokens} tokens  ${r.cost ? `${r.cost.toFixed(4)}` : 'free'}${r.error ? `\n          ${r.error}` : ''}`;
}

/** Design images named on the command line, with each folder replaced by the designs in it. */
export async function expandDesignArgs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    const stat = await fs.stat(abs).catch(() => null);
    if (!stat?.isDirectory()) {
      out.push(abs);
      continue;
    }
    const found = await listDesigns(abs);
    if (found.length === 0) throw new Ui2CodeError('CONFIG', 'the folder holds no design images (PNG, JPEG or WebP)', { file: arg });
    out.push(...found.map((f) => path.resolve(abs, f)));
  }
  return [...new Set(out)];
}

/** `convert --json`'s promised fields, plus the extra ones after them. */
export function jsonResult(r: ConvertResult) {
  return {
    design: r.design,
    component: r.component,
    file: r.file,
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
    ...(r.status !== 'failed' ? { belowThreshold: r.belowThreshold ?? false } : {}),
    ...(r.errorCode ? { errorCode: r.errorCode } : {}),
    ...(r.terms ? { terms: r.terms } : {}),
    // A responsive design: each viewport's image, width and scores (the fields above are the worst width's).
    ...(r.widths ? { widths: r.widths } : {}),
  };
}

/** An argument that names a folder stands for every design in it; anything else is one design (its errors name it). */
export function registerConvert(program: Command): void {
  modelFlags(
    program
      .command('convert')
      .description('turn design images into React components')
      .argument('<images...>', 'design images (PNG, JPEG, WebP) or folders of them')
      .option('--out <dir>', 'output folder (default src/components/generated)'),
  )
    .option('--force', 'overwrite components edited by hand')
    .option('--no-cache', 'ignore cached results')
    .option('--json', 'print one JSON object on stdout')
    .option('--strict', 'exit 1 when a written component scores under the check threshold')
    .action(async (images: string[], flags: ConvertFlags) => {
      const config = await loadConfig({ root: process.cwd(), overrides: overridesFrom(flags), configFile: flags.config === false ? false : flags.config });
      // The images of one responsive design (plans.png, plans@mobile.png) convert together, once.
      const designs = groupDesigns(await expandDesignArgs(images), config.viewportPattern).map((g) => g.design);
      const session = createSession(config);
      const stopSignals = closeOnSignals(() => session.close());
      const progress = await createConvertProgress({ quiet: flags.json, root: config.root });
      let results: ConvertResult[];
      progress.start(designs.length);
      try {
        const provider = await session.provider();
        const limit = limiter(flags.concurrency ?? config.concurrency ?? (provider.name === 'local' ? 2 : 4));
        const job = { force: flags.force, cache: flags.cache, onProgress: (e: ProgressEvent) => progress.event(e) };
        results = await Promise.all(designs.map((design) => limit(() => session.convert(design, job))));
      } finally {
        progress.stop();
        stopSignals();
        await session.close();
      }
      // An environment failure (no browser) is the run's, not a design's.
      const environment = results.find((r) => r.errorCode === 'NO_BROWSER');
      if (environment) throw new Ui2CodeError('NO_BROWSER', environment.error ?? 'no browser');
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ results: results.map(jsonResult) })}\n`);
      } else {
        const paint = painter(wantsColor(process.stdout));
        for (const r of results) process.stdout.write(`${resultLine(r, config.root, paint)}\n`);
        const tokens = results.reduce((s, r) => s + r.usage.promptTokens + r.usage.completionTokens, 0);
        const cost = results.reduce((s, r) => s + r.cost, 0);
        const failed = results.filter((r) => r.status === 'failed').length;
        const below = results.filter((r) => r.belowThreshold).length;
        const pending = results.filter((r) => r.status === 'pending').length;
        const notes = [below ? `${below} below the check threshold` : '', pending ? `${pending} waiting in .ui2code/pending (ui2code pending)` : ''].filter(Boolean);
        process.stdout.write(`${results.length} design(s): ${results.length - failed} ok, ${failed} failed${notes.length ? `, ${notes.join(', ')}` : ''}; ${tokens} tokens, cost ${cost.toFixed(4)}\n`);
      }
      if (results.some((r) => r.status === 'failed') || (flags.strict && results.some((r) => r.belowThreshold))) process.exitCode = 1;
    });
}
