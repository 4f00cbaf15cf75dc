// The typography term: pixels hardly show a wrong weight or family (a bold name set regular, a sans-serif design set in
// a serif at a mismatch under 0.01), so each text line of the design, its font fitted by rendering (the local engine's
// font fitting), is compared with the line the render shows there: family class, weight, size.
import type { Hints, TextBox } from '../types.js';

export type FamilyClass = 'serif' | 'sans' | 'mono';

const SERIF = /^(tinos|times new roman|times|dejavu serif|georgia|serif|liberation serif|bitstream vera serif|noto serif|merriweather|playfair display|lora|garamond)$/i;
const MONO = /^(cousine|courier new|courier|monospace|liberation mono|menlo|consolas|monaco|dejavu sans mono|source code pro|fira code|jetbrains mono)$/i;

/** serif / sans / mono from a font-family list (its first family decides, as the browser's first match would). */
export function familyClass(fontFamily: string): FamilyClass {
  const first = fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '');
  return SERIF.test(first) ? 'serif' : MONO.test(first) ? 'mono' : 'sans';
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}$]+/gu) ?? [];

/** The rendered line sharing most of a design line's words (at least half of them), the nearest on ties. */
function counterpart(line: { text: string; x: number; y: number }, rendered: TextBox[]): TextBox | undefined {
  const want = new Set(words(line.text));
  if (!want.size) return undefined;
  let best: TextBox | undefined, bestScore = 0.5;
  for (const r of rendered) {
    const overlap = words(r.text).filter((w) => want.has(w)).length / want.size;
    const score = overlap - Math.hypot(r.x - line.x, r.y - line.y) / 1e5;
    if (score >= bestScore) [best, bestScore] = [r, score];
  }
  return best;
}

export interface Typography {
  /** 0..1: the share of the design's lines (by characters) set in the right family class, weight and size. */
  typography: number;
  /** The lines that are off, worst first, as a model can read them: `"Pricing": sans-serif 700 24px, rendered serif 400 26px`. */
  misses: string[];
}

const CLASS_NAME: Record<FamilyClass, string> = { serif: 'serif', sans: 'sans-serif', mono: 'monospace' };

/**
 * Compares the design's fitted lines with the render's. Undefined when no design line has a fitted font. A line counts
 * a third for each of: family class, weight within 100, size within 1 px (or 6 % of large text).
 */
export function typographyOf(design: Hints['texts'], render: TextBox[]): Typography | undefined {
  const fitted = design.filter((t) => t.fontFamily && t.fontWeight && words(t.text).length);
  if (!fitted.length) return undefined;
  let sum = 0, total = 0;
  const misses: Array<{ line: string; off: number }> = [];
  for (const t of fitted) {
    const weight = Math.max(1, t.text.replace(/\s/g, '').length);
    total += weight;
    const r = counterpart(t, render);
    // A line the render lacks is text recall's failure, not typography's.
    if (!r) {
      total -= weight;
      continue;
    }
    const want = familyClass(t.fontFamily!), got = familyClass(r.fontFamily);
    const ok = [want === got, Math.abs(r.fontWeight - t.fontWeight!) <= 100, Math.abs(r.fontSize - t.fontSize) <= Math.max(1, 0.06 * t.fontSize)];
    const share = ok.filter(Boolean).length / 3;
    sum += weight * share;
    if (share < 1) {
      misses.push({
        line: `${JSON.stringify(t.text.slice(0, 40))}: ${CLASS_NAME[want]} ${t.fontWeight} ${Math.round(t.fontSize)}px in the design, rendered ${CLASS_NAME[got]} ${r.fontWeight} ${Math.round(r.fontSize * 10) / 10}px`,
        off: weight * (1 - share),
      });
    }
  }
  if (total <= 0) return undefined;
  return { typography: sum / total, misses: misses.sort((a, b) => b.off - a.off).map((m) => m.line) };
}
