// The one definition of a design's score, used by refinement, the check, `compare`, the plugin and the manifest.
// Text terms are measured and reported beside it but never change it: the check has no OCR, and a score that depended
// on whether texts were known would compare two formulas as if they were one.
import type { RenderResult, RgbaImage, Scores } from '../types.js';
import { compare, visualScore, type CompareOptions, type PixelTerms } from './compare.js';

/**
 * Bumped whenever the formula changes; the manifest records it beside every score, and the check compares with an
 * accepted score only when their versions match. 1: scores written before the version was recorded (some of them
 * were lowered by text terms); 2: the pixel and defect views only.
 */
export const SCORE_VERSION = 2;

/** The score (0..1, higher is better) of a comparison's pixel terms. */
export function scoreOf(terms: Pick<PixelTerms, 'mismatch' | 'shiftMismatch' | 'largestDefect'>): number {
  return visualScore(terms);
}

/** `compare`, scored by `scoreOf`: every caller that wants a score comes through here. */
export function measure(design: RgbaImage, render: RenderResult, options: CompareOptions = {}): { scores: Scores; diff?: RgbaImage } {
  const { scores, diff, pixels } = compare(design, render, options);
  return { scores: { ...scores, score: scoreOf(pixels) }, diff };
}
