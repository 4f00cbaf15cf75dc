// The per-design CPU work of the check (decode the design, compare it with the render, draw and encode the report's
// pictures), as plain functions: run inside a worker thread by scorer.ts, or inline when no worker is available.
import { throughDesignCodec } from '../compare/codec.js';
import { measure } from '../compare/score.js';
import type { ImageLimits } from '../config/types.js';
import { readDesign } from '../intake/decode.js';
import type { Design, RenderResult, Scores } from '../types.js';
import { saveImages } from './images.js';
import type { ReportImages } from './types.js';

/** What the main thread needs of a design to render its component. */
export interface DesignInfo {
  cssWidth: number;
  cssHeight: number;
  scale: number;
}

/** The part of a render that comparing needs (what crosses to the worker). */
export type RenderForCompare = Pick<RenderResult, 'image' | 'viewport' | 'documentWidth' | 'documentHeight' | 'texts' | 'elements'>;

export const loadDesign = (file: string, limits: Partial<ImageLimits>): Promise<Design> => readDesign(file, limits);

export const designInfo = (design: Design): DesignInfo => ({ cssWidth: design.cssWidth, cssHeight: design.cssHeight, scale: design.scale });

/** Scores exactly as scoreComponent does; with a report folder also writes the design, the render and the diff there. */
export async function scoreRender(design: Design, render: RenderForCompare, report?: { dir: string; id: string }): Promise<{ scores: Scores; images?: ReportImages }> {
  const full = await throughDesignCodec(design, { ...render, consoleErrors: [], pageErrors: [], timings: { bundle: 0, render: 0, screenshot: 0, decode: 0 } } satisfies RenderResult);
  const { scores } = measure(design.image, full, { lossy: design.lossy });
  if (!report) return { scores };
  // The diff is drawn by a second comparison: compare() scores differently when asked for a diff (pixelmatch's
  // diffMask hides anti-aliased pixels), and the check must score exactly as convert and refinement do.
  const diff = measure(design.image, full, { diff: true, lossy: design.lossy }).diff!;
  const images = await saveImages(report.dir, report.id, { design: design.format === 'png' ? design.bytes : design.image, render: render.image, diff });
  return { scores, images };
}
