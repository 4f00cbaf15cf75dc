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
  /** The component's generated CSS module by file name, and Tailwind compilation (see `bundleComponent`). */
  files?: Record<string, string>;
  tailwind?: { root: string };
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
    { name: options.name ?? design.path, resolveDir: options.resolveDir, timeoutMs: options.timeoutMs, files: options.files, tailwind: options.tailwind },
  );
  const t0 = performance.now();
  const { scores, diff } = measure(design.image, await throughDesignCodec(design, render), { diff: options.diff, texts: options.texts, lossy: design.lossy });
  return { render, scores, diff, timings: { ...render.timings, compare: performance.now() - t0 } };
}
