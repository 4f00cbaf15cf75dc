// Render a component at its design's size and compare: the one call refinement, the check and the CLI share.
import type { Renderer } from '../render/pool.js';
import type { Design, Hints, RenderResult, RgbaImage, Scores } from '../types.js';
import { throughDesignCodec } from './codec.js';
import { measure } from './score.js';

export interface ScoreOptions {
  diff?: boolean;
  texts?: Hints['texts'];
  /** Name for errors (defaults to the design's path). */
  name?: string;
  /** Folder the component's own imports resolve from (hand-written components). */
  resolveDir?: string;
  timeoutMs?: number;
}

export async function scoreComponent(
  renderer: Renderer,
  design: Pick<Design, 'image' | 'cssWidth' | 'cssHeight' | 'scale' | 'path' | 'lossy'>,
  source: string,
  options: ScoreOptions = {},
): Promise<{ render: RenderResult; scores: Scores; diff?: RgbaImage; timings: RenderResult['timings'] & { compare: number } }> {
  const render = await renderer.render(
    source,
    { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: design.scale },
    { name: options.name ?? design.path, resolveDir: options.resolveDir, timeoutMs: options.timeoutMs },
  );
  const t0 = performance.now();
  const { scores, diff } = measure(design.image, await throughDesignCodec(design, render), { diff: options.diff, texts: options.texts, lossy: design.lossy });
  return { render, scores, diff, timings: { ...render.timings, compare: performance.now() - t0 } };
}

/** One viewport of a responsive design, scored. */
export interface WidthScore {
  /** The viewport's design image (absolute path). */
  design: string;
  /** CSS width the component was rendered at. */
  width: number;
  scores: Scores;
  render: RenderResult;
  diff?: RgbaImage;
}

/**
 * The worst of the widths: a responsive component is as good as its worst viewport (a perfect desktop does not make up
 * for a broken mobile layout). Ties keep the widest.
 */
export function worstWidth<T extends { scores: Scores }>(widths: readonly T[]): T {
  return widths.reduce((worst, w) => (w.scores.score < worst.scores.score ? w : worst));
}

/** The component rendered and scored at each design's own viewport (widest first); `scores` is the worst width's. */
export async function scoreWidths(
  renderer: Renderer,
  designs: ReadonlyArray<Pick<Design, 'image' | 'cssWidth' | 'cssHeight' | 'scale' | 'path' | 'lossy'>>,
  source: string,
  options: ScoreOptions & { textsPerWidth?: Array<Hints['texts'] | undefined> } = {},
): Promise<{ widths: WidthScore[]; scores: Scores; worst: WidthScore }> {
  const widths = await Promise.all(
    designs.map(async (design, i) => {
      const scored = await scoreComponent(renderer, design, source, { ...options, texts: options.textsPerWidth?.[i] ?? (i === 0 ? options.texts : undefined) });
      return { design: design.path, width: design.cssWidth, scores: scored.scores, render: scored.render, diff: scored.diff };
    }),
  );
  const worst = worstWidth(widths);
  return { widths, scores: worst.scores, worst };
}
