// Renders and scores every pair concurrently over the warm pool, and turns each outcome into a result.
import fs from 'node:fs/promises';
import path from 'node:path';
import { thresholdFor } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { tailwindFor } from '../generate/style-candidate.js';
import { describeError, isUi2CodeError } from '../errors.js';
import type { Renderer } from '../render/pool.js';
import { decide } from './decide.js';
import { relativeId } from './discover.js';
import type { Scorer } from './scorer.js';
import type { RenderResult } from '../types.js';
import type { CheckPair, CheckResult } from './types.js';
import { worstWidth } from '../compare/score-component.js';

/** Says that an accepted score from an older formula was not compared with. */
const rebaselined = (pair: CheckPair) =>
  pair.outdatedScoreVersion === undefined ? {} : { message: `accepted score is from score formula ${pair.outdatedScoreVersion}, not compared (re-baselined); \`check --update\` records the new one` };

export interface RunOptions {
  renderer: Renderer;
  /** Where designs are decoded and renders compared (worker threads). */
  scorer: Scorer;
  config: Pick<ResolvedConfig, 'root' | 'designs' | 'designOverrides' | 'threshold' | 'regressionTolerance' | 'strict' | 'limits'> & Partial<Pick<ResolvedConfig, 'style'>>;
  /** Folder of the HTML report: when set, each design's images are written there. */
  reportDir?: string;
  /** Designs in flight. Default: two per render worker, so decoding and comparing overlap the browser's work. */
  concurrency?: number;
  onResult?: (result: CheckResult) => void;
}

/** One pair's result. Environment failures (no browser) are thrown: they are not this design's fault. */
export async function checkPair(pair: CheckPair, { renderer, scorer, config, reportDir }: RunOptions): Promise<CheckResult> {
  const started = performance.now();
  const rel = (file?: string) => (file ? relativeId(config.root, file) : undefined);
  const base = {
    id: pair.id,
    ...(pair.design ? { design: rel(pair.design) } : {}),
    ...(pair.component ? { component: rel(pair.component) } : {}),
    threshold: thresholdFor(config, pair.design ?? pair.component ?? pair.id),
    ...(pair.accepted !== undefined ? { accepted: pair.accepted } : {}),
  };
  const verdict = (input: Omit<Parameters<typeof decide>[0], 'threshold' | 'tolerance' | 'strict' | 'accepted'>) =>
    decide({ ...input, threshold: base.threshold, tolerance: config.regressionTolerance, strict: config.strict, accepted: pair.accepted });

  if (pair.refused) return { ...base, ...verdict({ error: true }), message: pair.refused, errorCode: 'CONFIG' };
  if (!pair.design || !pair.component) {
    const missing = pair.design ? 'component' : 'design';
    const message = pair.design ? 'no component found for this design' : 'no design found for this component';
    return { ...base, ...verdict({ missing }), message };
  }
  if (pair.widths) return checkWidths(pair as CheckPair & { design: string; component: string; widths: string[] }, { renderer, scorer, config, reportDir }, base, verdict, started);
  try {
    const info = await scorer.load(pair.id, pair.design, config.limits);
    let render: RenderResult;
    try {
      const source = await fs.readFile(pair.component, 'utf8');
      // The same render scoreComponent makes: the design's CSS size at its device scale.
      render = await renderer.render(source, { width: info.cssWidth, height: info.cssHeight, deviceScaleFactor: info.scale }, { name: pair.component, resolveDir: path.dirname(pair.component), tailwind: await tailwindFor(source, config) });
    } catch (error) {
      scorer.drop(pair.id);
      throw error;
    }
    const { image, viewport, documentWidth, documentHeight, texts, elements } = render;
    const { scores, images } = await scorer.score(pair.id, { image, viewport, documentWidth, documentHeight, texts, elements }, reportDir ? { dir: reportDir, id: pair.id } : undefined);
    const v = verdict({ score: scores.score });
    return {
      ...base,
      ...v,
      score: scores.score,
      scores,
      ...(v.status === 'fail' ? { message: `score ${scores.score.toFixed(3)} is under the threshold ${base.threshold}` } : rebaselined(pair)),
      ...(render.pageErrors.length ? { pageErrors: render.pageErrors } : {}),
      ...(images ? { images } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return errored(error, base, verdict, config.root, started);
  }
}

/** A design whose check failed to run: its error, in paths relative to the root. A missing browser is the run's, thrown. */
function errored(error: unknown, base: Omit<CheckResult, 'status' | 'failed'>, verdict: (input: { error: true }) => ReturnType<typeof decide>, root: string, started: number): CheckResult {
  if (isUi2CodeError(error, 'NO_BROWSER')) throw error;
  return {
    ...base,
    ...verdict({ error: true }),
    // Paths relative to the root, so reports from different machines (shards) read and merge alike.
    message: describeError(error).split(`${root}${path.sep}`).join(''),
    errorCode: isUi2CodeError(error) ? error.code : 'ERROR',
    durationMs: Math.round(performance.now() - started),
  };
}

/** One viewport of a responsive design: rendered at its own CSS width, scored as a single design is. */
async function checkWidth(pair: CheckPair & { component: string }, file: string, { renderer, scorer, config, reportDir }: Pick<RunOptions, 'renderer' | 'scorer' | 'config' | 'reportDir'>) {
  const key = `${pair.id}#${relativeId(config.root, file)}`;
  const info = await scorer.load(key, file, config.limits);
  let render: RenderResult;
  try {
    const source = await fs.readFile(pair.component, 'utf8');
    render = await renderer.render(source, { width: info.cssWidth, height: info.cssHeight, deviceScaleFactor: info.scale }, { name: pair.component, resolveDir: path.dirname(pair.component), tailwind: await tailwindFor(source, config) });
  } catch (error) {
    scorer.drop(key);
    throw error;
  }
  const { image, viewport, documentWidth, documentHeight, texts, elements } = render;
  // Report pictures per width: `plans.png@375`.
  const { scores, images } = await scorer.score(key, { image, viewport, documentWidth, documentHeight, texts, elements }, reportDir ? { dir: reportDir, id: `${pair.id}@${info.cssWidth}` } : undefined);
  return { design: relativeId(config.root, file), width: info.cssWidth, score: scores.score, scores, pageErrors: render.pageErrors, ...(images ? { images } : {}) };
}

/**
 * A responsive design: the component rendered at every viewport's width and scored against that viewport's image. It
 * is as good as its worst width: the verdict, the score and the pictures shown first are the worst width's, and the
 * message names every width under the threshold.
 */
async function checkWidths(
  pair: CheckPair & { design: string; component: string; widths: string[] },
  options: Pick<RunOptions, 'renderer' | 'scorer' | 'config' | 'reportDir'>,
  base: Omit<CheckResult, 'status' | 'failed'>,
  verdict: (input: { score?: number; error?: boolean }) => ReturnType<typeof decide>,
  started: number,
): Promise<CheckResult> {
  try {
    const measured = await Promise.all(pair.widths.map((file) => checkWidth(pair, file, options)));
    measured.sort((a, b) => b.width - a.width);
    const worst = worstWidth(measured);
    const v = verdict({ score: worst.score });
    const under = measured.filter((w) => w.score < base.threshold);
    const pageErrors = measured.flatMap((w) => w.pageErrors);
    return {
      ...base,
      ...v,
      score: worst.score,
      scores: worst.scores,
      widths: measured.map(({ design, width, score, scores, images }) => ({ design, width, score, scores, ...(images ? { images } : {}) })),
      ...(v.status === 'fail'
        ? { message: `score ${worst.score.toFixed(3)} is under the threshold ${base.threshold} at ${under.map((w) => `${w.width} px (${w.design})`).join(', ')}` }
        : rebaselined(pair)),
      ...(pageErrors.length ? { pageErrors } : {}),
      ...(worst.images ? { images: worst.images } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return errored(error, base, verdict, options.config.root, started);
  }
}

export async function runPairs(pairs: CheckPair[], options: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const concurrency = Math.max(1, options.concurrency ?? options.renderer.workers * 2);
  let next = 0;
  let stopped = false;
  // An environment failure ends the run at once: renders queued behind it may only settle when the renderer closes.
  let fail!: (error: unknown) => void;
  const fatal = new Promise<never>((_, reject) => (fail = reject));
  const lane = async () => {
    while (next < pairs.length && !stopped) {
      const pair = pairs[next++];
      try {
        const result = await checkPair(pair, options);
        if (stopped) return;
        results.push(result);
        options.onResult?.(result);
      } catch (error) {
        stopped = true;
        fail(error);
      }
    }
  };
  await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, pairs.length) }, lane)), fatal]);
  return results;
}
