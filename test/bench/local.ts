// The local engine on the real designs: what `convert --provider local` writes, compared with its design, per set.
import path from 'node:path';
import { scoreComponent } from '../../src/compare/score-component.js';
import { textTerms } from '../../src/compare/text-terms.js';
import { closeLocalEngine, createLocalProvider, designTexts } from '../../src/generate/local/index.js';
import { readDesign } from '../../src/intake/decode.js';
import { createRenderer } from '../../src/render/pool.js';
import { prepareCandidate } from '../../src/refine/refine.js';
import { median, sharedDesignPaths } from './render.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function benchLocal(filter = process.env.UI2CODE_BENCH_FILTER): Promise<Record<string, unknown>> {
  const paths = sharedDesignPaths().filter((p) => !filter || p.includes(filter));
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  const rows: Array<{ set: string; name: string; seconds: number; mismatch: number; fgMismatch: number; textRecall: number; score: number }> = [];
  try {
    for (const file of paths) {
      const design = await readDesign(file);
      const t0 = performance.now();
      const { code } = await provider.generate({ design, renderer });
      const formatted = await prepareCandidate(code, path.join('/tmp', 'Bench.tsx'), design.path);
      const seconds = (performance.now() - t0) / 1000;
      const { scores, render } = await scoreComponent(renderer, design, formatted);
      const recall = textTerms(await designTexts(design), render.texts, { width: design.cssWidth, height: design.cssHeight }).textRecall;
      rows.push({ set: path.basename(path.dirname(file)), name: path.basename(file), seconds, mismatch: scores.mismatch, fgMismatch: scores.fgMismatch, textRecall: recall, score: scores.score });
      if (process.env.UI2CODE_BENCH_VERBOSE) console.log(path.basename(file), seconds.toFixed(2), scores.mismatch.toFixed(3), scores.fgMismatch.toFixed(3), recall.toFixed(2), scores.score.toFixed(3));
    }
  } finally {
    await renderer.close();
    await closeLocalEngine();
  }
  const bySet = (set: string) => {
    const r = rows.filter((x) => x.set === set);
    if (!r.length) return null;
    const secs = r.map((x) => x.seconds).sort((a, b) => a - b);
    return {
      designs: r.length,
      meanMismatch: round(mean(r.map((x) => x.mismatch))),
      meanFgMismatch: round(mean(r.map((x) => x.fgMismatch))),
      meanTextRecall: round(mean(r.map((x) => x.textRecall))),
      meanScore: round(mean(r.map((x) => x.score))),
      medianSeconds: round(median(secs)),
      p90Seconds: round(secs[Math.min(secs.length - 1, Math.floor(secs.length * 0.9))]),
    };
  };
  return { flame: bySet('flame'), design2code: bySet('design2code') };
}
