// Text terms of the score, as Design2Code measures them: are the design's words there (recall), are its text blocks
// matched (block match), where they stand (position) and in which colour (colour).
import type { Hints, TextBox } from '../types.js';

export interface TextTerms {
  textRecall: number;
  textPosition: number;
  textColor: number;
  blockMatch: number;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function parseRgb(color: string): [number, number, number] | null {
  const n = color.match(/\d+(\.\d+)?/g)?.map(Number);
  if (n && n.length >= 3) return [n[0], n[1], n[2]];
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  return hex ? [parseInt(hex[1].slice(0, 2), 16), parseInt(hex[1].slice(2, 4), 16), parseInt(hex[1].slice(4, 6), 16)] : null;
}

export function textTerms(designTexts: Hints['texts'], renderTexts: TextBox[], size: { width: number; height: number }): TextTerms {
  const designWords = designTexts.flatMap((t) => words(t.text));
  if (!designWords.length) return { textRecall: 1, textPosition: 1, textColor: 1, blockMatch: 1 };
  const available = new Map<string, number>();
  for (const w of renderTexts.flatMap((t) => words(t.text))) available.set(w, (available.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of designWords) {
    const n = available.get(w) ?? 0;
    if (n > 0) {
      found++;
      available.set(w, n - 1);
    }
  }
  // Blocks: each design text matched to the rendered text sharing most of its words.
  let matchedArea = 0, totalArea = 0, positionSum = 0, colorSum = 0, matched = 0;
  for (const block of designTexts) {
    const area = block.width * block.height;
    totalArea += area;
    const bw = new Set(words(block.text));
    if (!bw.size) continue;
    let best: TextBox | null = null;
    let bestOverlap = 0;
    for (const r of renderTexts) {
      const overlap = words(r.text).filter((w) => bw.has(w)).length / bw.size;
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = r;
      }
    }
    if (!best || bestOverlap < 0.5) continue;
    matched++;
    matchedArea += area;
    // A design line matched to a paragraph that wraps is where that paragraph's nearest line is.
    const at = best.lines?.reduce((a, b) => (Math.abs(b.y - block.y) < Math.abs(a.y - block.y) ? b : a)) ?? best;
    const dx = Math.abs(at.x - block.x) / size.width;
    const dy = Math.abs(at.y - block.y) / size.height;
    positionSum += 1 - Math.min(1, Math.max(dx, dy));
    const dc = parseRgb(block.color);
    colorSum += dc ? 1 - Math.max(...[0, 1, 2].map((i) => Math.abs(dc[i] - best!.color[i]))) / 255 : 1;
  }
  return {
    textRecall: found / designWords.length,
    blockMatch: totalArea ? matchedArea / totalArea : 1,
    textPosition: matched ? positionSum / matched : 0,
    textColor: matched ? colorSum / matched : 0,
  };
}
