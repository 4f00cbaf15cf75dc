// Clean values: a measured value becomes a round one where that cannot move what the design shows by more than a
// pixel. Text positions are whole pixels (the measurements are); a fitted font size becomes whole when the line's
// width changes by at most a pixel for it (letter spacing included), else it keeps one decimal.
import type { FittedText } from './fit.js';

/** The most a rounded value may move a line's far end, in px. */
const WIDTH_SLACK = 1;

/**
 * A line's size and letter spacing, rounded: a whole size without letter spacing where the two together move the
 * line's far end by at most WIDTH_SLACK (the fit often trades a fraction of size for a little spacing), else a whole
 * size with its spacing, else one decimal.
 */
export function cleanFont(t: Pick<FittedText, 'fontSize' | 'letterSpacing' | 'width' | 'text'>): { fontSize: number; letterSpacing?: number } {
  const { fontSize: size, letterSpacing: spacing = 0, width, text } = t;
  const gaps = Math.max(0, [...text].length - 1);
  const whole = Math.round(size);
  const change = (s: number, ls: number) => Math.abs((width * (s - size)) / size + (ls - spacing) * gaps);
  const spaced = Math.round(spacing * 100) / 100 || undefined;
  if (whole > 0 && change(whole, 0) <= WIDTH_SLACK) return { fontSize: whole };
  if (whole > 0 && change(whole, spaced ?? 0) <= WIDTH_SLACK) return { fontSize: whole, letterSpacing: spaced };
  return { fontSize: Math.round(size * 10) / 10, letterSpacing: spaced };
}

/**
 * A line box on whole pixels: its top rounded, and an odd line height made even (a pixel more or less) where the
 * glyphs, which sit in the middle of the line box, land no further from where they were measured than rounding the top
 * alone puts them. An even height can go onto the 4 px grid later without moving them (layout.ts `steadyLine`). An odd
 * height around a whole top (a middle on a half pixel) stays: taking the even one there too raised the lengths on the
 * scale (Flame, every 4th design, inline 0.46 -> 0.51) but cost Design2Code 0.0035 fgMismatch (d2c-104 +0.024).
 */
export function wholeLine(top: number, lineHeight: number): { top: number; lineHeight: number } {
  const middle = top + lineHeight / 2;
  const option = (height: number) => {
    const at = Math.round(middle - height / 2);
    return { top: at, lineHeight: height, off: Math.abs(at + height / 2 - middle) };
  };
  const kept = option(lineHeight);
  const even = lineHeight % 2 === 1 ? [option(lineHeight + 1), option(lineHeight - 1)].sort((a, b) => a.off - b.off)[0] : kept;
  const { top: at, lineHeight: height } = even.off <= kept.off + 1e-9 ? even : kept;
  return { top: at, lineHeight: height };
}

/** A text with whole-pixel places and a clean size (`exact`, or a size kept: to a tenth, as measured; `exact`: the top whole). */
export const cleanText = (t: FittedText, exact = false): FittedText => ({
  ...t,
  ...(exact || t.keepSize ? { fontSize: Math.round(t.fontSize * 10) / 10, letterSpacing: t.letterSpacing === undefined ? undefined : Math.round(t.letterSpacing * 100) / 100 || undefined } : cleanFont(t)),
  left: Math.round(t.left),
  ...(exact ? { top: Math.round(t.top) } : wholeLine(t.top, t.lineHeight)),
});

/** Share of the px values that sit on a 4 px grid (Tailwind's spacing scale), for the code figures. */
export const onScale = (n: number) => Math.abs(n) % 4 === 0;

/** Levels per channel within which two measured text colours are one colour: anti-aliasing shifts a line's by a few. */
const SHADE = 8;

/**
 * The texts with one colour per shade: colours within SHADE levels of a more used one (by characters) become it, so
 * a page's body text is one grey, not five greys a level apart, and a developer changes it in one place.
 */
export function oneColourPerShade(texts: FittedText[]): FittedText[] {
  const key = (c: readonly number[]) => c.map((v) => Math.max(0, Math.min(255, Math.round(v)))).join(',');
  const weight = new Map<string, { colour: FittedText['color']; chars: number }>();
  for (const t of texts) {
    const colour = t.cssColor ?? t.color;
    const entry = weight.get(key(colour)) ?? { colour, chars: 0 };
    entry.chars += t.text.length;
    weight.set(key(colour), entry);
  }
  const shades: Array<FittedText['color']> = [];
  const into = new Map<string, FittedText['color']>();
  for (const [k, { colour }] of [...weight].sort((a, b) => b[1].chars - a[1].chars || (a[0] < b[0] ? -1 : 1))) {
    const shade = shades.find((s) => s.every((v, i) => Math.abs(v - colour[i]) <= SHADE)) ?? (shades.push(colour), colour);
    into.set(k, shade);
  }
  return texts.map((t) => ({ ...t, cssColor: into.get(key(t.cssColor ?? t.color)) }));
}

/** How far apart (share of the larger) two sizes fitted to one row's words may be and still be one size. */
const ROW_SIZE_SPREAD = 0.12;

/**
 * One size for the words of one row set alike (a bar's links, a row of tabs): three or more lines of one family,
 * weight and colour whose ink shares its middle take the size at the middle of their letters. A short word's size is
 * fitted from its width, which a pixel of ink moves by several per cent (`Home` 17 px, `About` 19, `Contact` 18), and a
 * run of them would carry a size per item. Lines kept at their measured size (`keepSize`) stay.
 */
export function oneSizePerRow(texts: FittedText[]): FittedText[] {
  // The ink's middle, not the line box's: each line box was placed from its own fitted size. Ascenders and descenders
  // move a word's ink middle by a tenth of its size or so; rows of text stand a line height apart.
  const middle = (t: FittedText) => t.y + t.height / 2;
  const colour = (t: FittedText) => (t.cssColor ?? t.color).map(Math.round).join(',');
  const out = texts.slice();
  const done = new Set<number>();
  texts.forEach((t, i) => {
    if (done.has(i) || t.keepSize) return;
    const row = texts.flatMap((o, j) =>
      !done.has(j) && !o.keepSize && o.fontFamily === t.fontFamily && o.fontWeight === t.fontWeight && colour(o) === colour(t) && Math.abs(middle(o) - middle(t)) <= 0.25 * t.fontSize ? [j] : [],
    );
    // Three or more, as a run is: of two words (`News`, `Announcements`) neither says the other's size better, and
    // taking one's cost d2c-109 0.019 fgMismatch.
    if (row.length < 3) return;
    // The size at the middle of the row's letters: a long word's width says its size best, but one long word fitted
    // small (`breakfast` 15.6 beside `lunch`, `dinner`, `Dessert` at 16–17) should not pull the others to it.
    const letters = (j: number) => (texts[j].text.match(/\p{L}/gu) ?? []).length;
    const bySize = row.slice().sort((a, b) => texts[a].fontSize - texts[b].fontSize);
    const half = bySize.reduce((sum, j) => sum + letters(j), 0) / 2;
    let seen = 0;
    const middleOne = bySize.find((j) => (seen += letters(j)) >= half) ?? bySize[bySize.length - 1];
    const { fontSize, letterSpacing } = texts[middleOne];
    for (const j of row) {
      if (Math.abs(texts[j].fontSize - fontSize) > ROW_SIZE_SPREAD * Math.max(fontSize, texts[j].fontSize)) continue;
      done.add(j);
      out[j] = { ...texts[j], fontSize, letterSpacing };
    }
  });
  return out;
}
