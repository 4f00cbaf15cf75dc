// The local engine: the offline provider. Analysis (segmentation + OCR) → font fitting by rendering → a component with
// boxes and texts where the design has them. No key, no network, no model download; the same image gives the same file.
import { compare, DIFF_RED, dominantColor } from '../../compare/compare.js';
import { abortedError, Ui2CodeError } from '../../errors.js';
import { cleanLossy, snapTolerance } from '../../intake/lossy.js';
import { findShadows, withShadows, withoutShadows } from './shadow.js';
import { resizeImage, throughScale } from '../../intake/resize.js';
import type { Renderer } from '../../render/pool.js';
import type { Design, Hints, RgbaImage, Usage } from '../../types.js';
import { componentName } from '../../write/names.js';
import type { GenerateRequest, GenerateResult, Provider } from '../provider.js';
import { styleModuleName, type ComponentSource, type OutputStyle, type StyleSink } from '../style.js';
import { buildRoot, defaultStretch, emitComponent, emitTree, looseShrink, type EmitInput, type Emitted } from './emit.js';
import type { Reading } from './layout.js';
import { chooseReadings, leftOutEverywhere, mergeTrees, plainMergedFonts, responsiveComponent } from './responsive.js';
import { breakpointSinkFor, sinkFor } from './sinks/index.js';
import { SNAP_LEVELS } from './sinks/values.js';
import { markControl } from './semantics.js';
import { fitFonts, type Blur, type FittedText } from './fit.js';
import { mendLines } from './mend.js';
import { cleanFont } from './tokens.js';
import { closeOcr, inkColor, recognizeArea, tightInk, unreadInk, type OcrLine } from './ocr.js';
import { averageColor, borderColor, segment, type Rect, type Region, type Rgb } from './segment.js';

export const LOCAL_ENGINE_VERSION = 'local-20';

export interface Analysis {
  /** CSS size. */
  width: number;
  height: number;
  background: Rgb;
  regions: Region[];
  lines: OcrLine[];
  /** The design at CSS scale, as analysed. */
  image: RgbaImage;
}

const MAX_ANALYSIS_HEIGHT = 4000;
const analyses = new Map<string, Promise<Analysis>>();

/**
 * Whether the copy analysed is resampled in a way that blurs it: a fractional scale cannot map device pixels onto CSS
 * pixels, so every edge is spread over two and rings beside it.
 */
const blurredByScale = (design: Design) => !Number.isInteger(design.scale);

/** A render at CSS size as the design's analysed copy saw it: blurred like it where its scale blurred it. */
const seenAs = (design: Design) => (blurredByScale(design) ? (image: RgbaImage) => throughScale(image, design.scale) : undefined);

/** CSS px after which a resample by `scale` repeats: the fewest that make whole device pixels (1.5x: 2, 1.25x: 4). */
const scalePeriod = (scale: number) => [1, 2, 3, 4, 5, 6, 7, 8].find((n) => Math.abs(n * scale - Math.round(n * scale)) < 1e-6) ?? 1;

/** How the design's analysed copy was blurred, for fitting fonts to it (fit.ts), if it was. */
const blurOf = (design: Design): Blur | undefined => {
  const resample = seenAs(design);
  return resample && { resample, period: scalePeriod(design.scale) };
};

async function cssImage(design: Design): Promise<RgbaImage> {
  return design.scale === 1 ? design.image : resizeImage(design.image, design.cssWidth, design.cssHeight);
}

/** Areas to read text from: the page minus its boxes, then each box minus its children. */
function textAreas(page: Rect, background: Rgb, regions: Region[], resampled = false): Array<{ area: Rect; fill: Rgb; holes: Rect[]; owner: Region[]; region?: Region }> {
  const out: Array<{ area: Rect; fill: Rgb; holes: Rect[]; owner: Region[]; region?: Region }> = [{ area: page, fill: background, holes: regions, owner: regions }];
  const visit = (r: Region) => {
    if (r.kind !== 'box' || r.width < 8 || r.height < 8) return;
    // Resampled, a border spreads a pixel further in: OCR took that dark column for part of the line beside it (a
    // dropdown's "Select Book" read as a line as tall as its box, and its arrow was never looked for). Not in a small
    // button, whose label then lost the margin OCR needs ("Underline" in a 21 px button went unread).
    const inset = r.border ? r.border.width + (resampled && r.height >= 30 ? 1 : 0) : 0;
    out.push({ area: { x: r.x + inset, y: r.y + inset, width: r.width - 2 * inset, height: r.height - 2 * inset }, fill: r.fill, holes: r.children, owner: r.children, region: r });
    r.children.forEach(visit);
  };
  regions.forEach(visit);
  return out;
}

/** A dropdown's arrow: a small mark at the right end of the area, centred on it. */
const isChevron = (ink: Rect, area: Rect) =>
  ink.width >= 5 && ink.width <= 16 && ink.height >= 3 && ink.height <= 12 &&
  ink.x >= area.x + area.width - 32 && Math.abs(ink.y + ink.height / 2 - (area.y + area.height / 2)) <= 4;

/**
 * Marks that are neither boxes nor text (icons, logos, glyphs OCR cannot read): compact clusters of ink left unread.
 * They become placeholder images of their average colour, like photos, unless they are checkboxes or radio buttons;
 * text-sized shapes only, so a stray pixel or a long rule is not one.
 */
function marks(image: RgbaImage, area: Rect, fill: Rgb, unread: Rect[], noise: number): Region[] {
  return unread
    .filter((m) => m.width >= 8 && m.height >= 8 && m.width <= 64 && m.height <= 64 && Math.max(m.width, m.height) <= 3 * Math.min(m.width, m.height))
    // Ink touching the area's edge is what shows behind a rounded corner, or a neighbour cut off: not a mark.
    .filter((m) => m.x > area.x + 1 && m.y > area.y + 1 && m.x + m.width < area.x + area.width - 1 && m.y + m.height < area.y + area.height - 1)
    .map((m) => {
      const control = markControl(image, m, fill, noise);
      if (control) return { ...control.rect, kind: 'image' as const, fill: averageColor(image, control.rect), radius: 0, children: [], control: control.control };
      return { ...m, kind: 'image' as const, fill: averageColor(image, m), radius: 0, children: [] };
    });
}

/** A "line" that is a small square read as frame strokes: the box of a checkbox or radio button. */
const isFramedMark = (l: OcrLine) =>
  /^[[\]()|Il1!oO0□☐\s]{1,4}$/u.test(l.text) && /[[\]()|□☐]/u.test(l.text) && l.width >= 10 && l.height >= 10 && l.width <= 26 && l.height <= 26 && Math.abs(l.width - l.height) <= 3;

/**
 * Thin strips that lie inside a line of text are its strokes (the joined serifs along a bold heading's baseline), not
 * separators: once OCR has said where text is, they go.
 */
function withoutStrokes(regions: Region[], lines: OcrLine[]): Region[] {
  const inText = (r: Region) =>
    !r.children.length && Math.min(r.width, r.height) <= 3 &&
    lines.some((l) => r.x >= l.x - 1 && r.y >= l.y - 1 && r.x + r.width <= l.x + l.width + 1 && r.y + r.height <= l.y + l.height + 1);
  return regions.filter((r) => !inText(r)).map((r) => (r.children.length ? { ...r, children: withoutStrokes(r.children, lines) } : r));
}

/** Segmentation and OCR of a design, cached per image hash for the refinement rounds. */
export function analyzeDesign(design: Design): Promise<Analysis> {
  const key = `${design.hash}@${design.scale}`;
  let pending = analyses.get(key);
  if (!pending) {
    pending = (async () => {
      // A lossy design is segmented on a copy with its codec noise cleaned; OCR reads the picture as it is (snapping
      // a glyph's blended edge to the nearest flat colour breaks letters apart).
      const seen = await cssImage(design);
      const picture = design.lossy ? cleanLossy(seen, design.lossy.quality) : seen;
      // Very tall pages are analysed down to a bound; below it the page keeps its background.
      const height = Math.min(picture.height, MAX_ANALYSIS_HEIGHT);
      const page = { x: 0, y: 0, width: picture.width, height };
      const background = borderColor(picture, page);
      const noise = design.lossy ? snapTolerance(design.lossy.quality) : 0;
      const resampled = blurredByScale(design);
      // Boxes' shadows are found first and painted over: the boxes are then segmented as they would be without them.
      // On a lossy design they are looked for in the picture as it is (the cleaned copy flattens their gradients).
      const shadows = findShadows(seen, page, background, noise);
      const image = shadows.length ? withoutShadows(picture, shadows, background, noise) : picture;
      const regions = withShadows(segment(image, page, background, { noise, resampled }), shadows, image, background);
      const lines: OcrLine[] = [];
      for (const { area, fill, holes, owner, region } of textAreas(page, background, regions, resampled)) {
        const read = await recognizeArea(seen, area, fill, holes, true, noise);
        // OCR reads a dropdown's arrow as a letter ("v"): it is the chevron, not text.
        const arrow = region ? read.findIndex((l) => /^[vVyY~^∨⌄˅›»<>]$/u.test(l.text) && isChevron(l, area)) : -1;
        if (arrow >= 0) (read.splice(arrow, 1), (region!.chevron = true));
        // A checkbox's frame read as brackets or bars ("[I]") is a mark: left unread, it is looked at as one below.
        for (let i = read.length - 1; i >= 0; i--) if (isFramedMark(read[i])) read.splice(i, 1);
        lines.push(...read);
        // One look at the ink left unread (down to a chevron's 3 rows) finds both the marks and a dropdown's arrow.
        const unread = unreadInk(image, area, fill, [...holes, ...read], 3, noise);
        owner.push(...marks(image, area, fill, unread, noise));
        if (region && unread.some((ink) => isChevron(ink, area))) region.chevron = true;
      }
      lines.sort((a, b) => a.y - b.y || a.x - b.x);
      // Words OCR joined, split or misread are mended against the UI words and the design's own sure words (mend.ts).
      return { width: image.width, height: image.height, background, regions: withoutStrokes(regions, lines), image, lines: mendLines(lines) };
    })();
    analyses.set(key, pending);
    pending.catch(() => analyses.delete(key));
    if (analyses.size > 64) analyses.delete(analyses.keys().next().value!);
  }
  return pending;
}

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** What the analysis found, in the shape remote prompts take as hints. */
export function hintsFromAnalysis(analysis: Analysis, fitted?: FittedText[]): Hints {
  const palette = new Set<string>([hex(analysis.background)]);
  const walk = (r: Region) => {
    palette.add(hex(r.fill));
    r.children.forEach(walk);
  };
  analysis.regions.forEach(walk);
  return {
    background: hex(analysis.background),
    palette: [...palette].slice(0, 16),
    texts: (fitted ?? analysis.lines).map((l) => ({
      text: l.text,
      x: l.x,
      y: l.y,
      width: l.width,
      height: l.height,
      fontSize: 'fontSize' in l ? (l as FittedText).fontSize : Math.round(l.height * 1.3),
      color: hex(l.color),
      ...('fontWeight' in l ? { fontWeight: (l as FittedText).fontWeight, fontFamily: (l as FittedText).fontFamily } : {}),
    })),
  };
}

/** The design's texts by OCR (for the text terms of the score). */
export async function designTexts(design: Design): Promise<Hints['texts']> {
  return hintsFromAnalysis(await analyzeDesign(design)).texts;
}

const fittings = new Map<string, Promise<FittedText[]>>();

/** The design's lines with their fonts fitted by rendering, once per design (the engine and the typography term share it). */
function fittedTexts(design: Design, analysis: Analysis, renderer: Renderer): Promise<FittedText[]> {
  const key = `${design.path}|${design.image.width}x${design.image.height}|${analysis.lines.map((l) => l.text).join('\u0000')}`;
  let fitted = fittings.get(key);
  if (!fitted) {
    fitted = fitFonts(analysis.image, analysis.lines, renderer, undefined, blurOf(design));
    fitted.catch(() => fittings.delete(key));
    fittings.set(key, fitted);
  }
  return fitted;
}

/**
 * The analysis as hints for a remote model. With a renderer, each text's family, weight and size are fitted by
 * rendering (shared with the typography term), so a size is what draws the glyphs' height, not a guess from the line's
 * box; without one, or when fitting fails, the size is estimated from the box.
 */
export async function designHints(design: Design, renderer?: Renderer): Promise<Hints> {
  const analysis = await analyzeDesign(design);
  const fitted = renderer ? await fittedTexts(design, analysis, renderer).catch(() => undefined) : undefined;
  return hintsFromAnalysis(analysis, fitted);
}

/** The design's texts with fitted fonts (family, weight, size): the typography term's side of the design. */
export async function designTypography(design: Design, renderer: Renderer): Promise<Hints['texts']> {
  const analysis = await analyzeDesign(design);
  return hintsFromAnalysis(analysis, await fittedTexts(design, analysis, renderer)).texts;
}

/** Ink box of the pixels inside `box` that differ from `background` in a rendered image. */
function renderedInk(image: RgbaImage, box: Rect, background: Rgb) {
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  const x0 = Math.max(0, Math.floor(box.x)), y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width)), y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const d = Math.max(Math.abs(image.data[i] - background[0]), Math.abs(image.data[i + 1] - background[1]), Math.abs(image.data[i + 2] - background[2]));
      if (d > 60) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** A blurred render's ink around a DOM text box, cut at the design's level (ocr.ts tightInk). */
function blurredInk(image: RgbaImage, box: Rect, background: Rgb): Rect | null {
  const x = Math.max(0, Math.floor(box.x) - 1), y = Math.max(0, Math.floor(box.y) - 1);
  const area = { x, y, width: Math.min(image.width, Math.ceil(box.x + box.width) + 1) - x, height: Math.min(image.height, Math.ceil(box.y + box.height) + 1) - y };
  if (area.width <= 0 || area.height <= 0) return null;
  const ink = tightInk(image, area, background);
  return ink === area ? null : ink;
}

/**
 * Refinement without a model: render the current candidate, find where each text's ink actually landed, and move it
 * onto the design's; correct its size (or, when the height already agrees, its letter spacing) from the width, and its
 * colour from the colour the render's ink shows, measured the same way as the design's. The emitter says which text
 * each DOM text is (document order follows the layout).
 */
async function correctFromRender(texts: FittedText[], renderer: Renderer, { code, order, placeholders }: Emitted, design: Design): Promise<FittedText[]> {
  const render = await renderer.render(code, { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 }, { name: design.path });
  if (render.texts.length !== texts.length) return texts;
  const blur = seenAs(design);
  // A blurred design's ink is measured on the render blurred alike and cut as the design's was (tightInk), a blurred
  // glyph's edge reaching a pixel past its text box: measured sharp, every line grew a pixel and paled.
  const image = blur ? await blur(render.image) : render.image;
  const inkIn = (dom: Rect, fill: Rgb) => (blur ? blurredInk(image, dom, fill) : renderedInk(image, dom, fill));
  const domIndex = new Map(order.map((textIndex, i) => [textIndex, i]));
  return texts.map((t, i) => {
    const dom = render.texts[domIndex.get(i) ?? -1];
    if (!dom || placeholders.includes(i)) return t;
    const ink = inkIn(dom, t.background);
    if (!ink) return t;
    const ratio = t.width / ink.width;
    const spacing = ink.height === t.height && Math.abs(t.width - ink.width) >= 2 && t.text.length >= 4;
    const fontSize = !spacing && ratio > 0.85 && ratio < 1.18 ? Math.round(t.fontSize * ratio * 100) / 100 : t.fontSize;
    const letterSpacing = spacing ? (t.letterSpacing ?? 0) + (t.width - ink.width) / (t.text.length - 1) : t.letterSpacing;
    const drawn = inkColor(image, ink, t.background).color;
    const css = t.cssColor ?? t.color;
    const cssColor = css.map((c, k) => Math.max(0, Math.min(255, Math.round(c + t.color[k] - drawn[k])))) as Rgb;
    return {
      ...t,
      fontSize,
      letterSpacing: letterSpacing && Math.abs(letterSpacing) >= 0.05 && Math.abs(letterSpacing) <= t.fontSize * 0.3 ? letterSpacing : undefined,
      cssColor,
      left: Math.round((t.left + (t.x - ink.x)) * 10) / 10,
      top: Math.round((t.top + (t.y - ink.y)) * 10) / 10,
    };
  });
}

/** How much worse the clean code may draw than the exact code: at most 0.003 mismatch, the price a developer pays for values they can keep. */
const CLEAN_COST = { mismatch: 0.003, fgMismatch: 0.005 };

/**
 * Pixels the grid level may change (layout.ts `gridItems`): a share of CLEAN_COST, in the tighter of its two terms
 * (all pixels, or the foreground's: what is not the design's dominant colour). A share, because the moves' costs are
 * estimates and the fonts' own rounding spends some of the allowance too.
 */
const GRID_SHARE = 0.6;
/** CLEAN_COST in pixels: the tighter of its two terms (all pixels, or the foreground's: not the dominant colour). */
function cleanAllowance(image: RgbaImage): number {
  const background = dominantColor(image);
  let foreground = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (Math.abs(image.data[i] - background[0]) > 6 || Math.abs(image.data[i + 1] - background[1]) > 6 || Math.abs(image.data[i + 2] - background[2]) > 6) foreground++;
  }
  return Math.min(CLEAN_COST.mismatch * image.width * image.height, CLEAN_COST.fgMismatch * foreground);
}

/** What the renderer needs beside the TSX: the CSS module by file name, or Tailwind compiled for the project. */
export const styleRenderOptions = (emitted: ComponentSource, name: string, style: OutputStyle, root: string) =>
  emitted.css !== undefined ? { files: { [styleModuleName(name)]: emitted.css } } : style === 'tailwind' ? { tailwind: { root } } : {};

/**
 * The roundest candidate that draws the design as well as the exact code within CLEAN_COST: candidates come roundest
 * first (edges on the 4 px grid and the palette, the palette alone, the grid with whole pixels, whole pixels, exact as
 * measured: values.ts SNAP_LEVELS), each rendered in the output style, so what is judged is what the app shows. A
 * candidate on the grid must also draw within CLEAN_COST of its `twin`, the same values off the grid: where the clean
 * values draw better than the exact ones, the grid is not to spend what they gained. Renders lazily, each candidate
 * once (`scores` carries the renders over to a second call with the same exact code), until one passes, so a design
 * whose first level passes pays three renders.
 */
type Scoring = Map<Emitted, ReturnType<typeof compare>['scores'] | Promise<ReturnType<typeof compare>['scores']>>;

async function roundestWithin(candidates: Array<Emitted & { twin?: number }>, renderer: Renderer, design: Design, image: RgbaImage, styling: { name: string; style: OutputStyle; root: string }, scores: Scoring = new Map()): Promise<Emitted> {
  const exact = candidates[candidates.length - 1];
  const viewport = { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 };
  const score = (e: Emitted) => {
    if (!scores.has(e)) scores.set(e, renderer.render(e.code, viewport, { name: design.path, ...styleRenderOptions(e, styling.name, styling.style, styling.root) }).then((r) => compare(image, r).scores));
    return scores.get(e)!;
  };
  const within = (cost: Awaited<ReturnType<typeof score>>, base: Awaited<ReturnType<typeof score>>) =>
    cost.mismatch <= base.mismatch + CLEAN_COST.mismatch && cost.fgMismatch <= base.fgMismatch + CLEAN_COST.fgMismatch;
  for (const candidate of candidates.slice(0, -1)) {
    if (candidate.code === exact.code && candidate.css === exact.css) return candidate;
    const twin = candidate.twin === undefined ? undefined : candidates[candidate.twin];
    const [cost, base, off] = await Promise.all([score(candidate), score(exact), twin && score(twin)]);
    if (process.env.UI2CODE_DEBUG_SNAP === "code") console.error(candidate.code, candidate.css);
    if (process.env.UI2CODE_DEBUG_SNAP) console.error(`snap ${candidates.indexOf(candidate)}: ${cost.mismatch.toFixed(4)}/${cost.fgMismatch.toFixed(3)} against exact ${base.mismatch.toFixed(4)}/${base.fgMismatch.toFixed(3)}${off ? `, off the grid ${off.mismatch.toFixed(4)}/${off.fgMismatch.toFixed(3)}` : ''}`);
    if (within(cost, base) && (!off || within(cost, off))) {
      if (process.env.UI2CODE_DEBUG_SNAP) console.error(`chosen ${candidates.indexOf(candidate)}`);
      return candidate;
    }
  }
  if (process.env.UI2CODE_DEBUG_SNAP) console.error('chosen exact');
  return exact;
}

/** Red pixels of a diff image (real differences, not anti-aliasing) inside a rectangle. */
function differing(diff: RgbaImage, r: Rect): number {
  let n = 0;
  const x0 = Math.max(0, Math.floor(r.x)), y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(diff.width, Math.ceil(r.x + r.width)), y1 = Math.min(diff.height, Math.ceil(r.y + r.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * diff.width + x) * 4;
      if (diff.data[i] === DIFF_RED[0] && diff.data[i + 1] === DIFF_RED[1] && diff.data[i + 2] === DIFF_RED[2]) n++;
    }
  }
  return n;
}

/** The share of the clean allowance (in pixels) whole font sizes may spend, estimated line by line: the rest is the estimate's margin. */
const SIZE_SHARE = 0.8;

/**
 * The texts, marked to keep their measured sizes where the clean sizes (tokens.ts `cleanFont`) cost the most: one
 * render with every size clean, one with every size as measured, and the difference in each line's ink box. Lines of
 * one family, weight and clean size go together (repeated cards keep one size, so they stay one `.map`); the groups
 * that cost least per line take their clean size until SIZE_SHARE of the allowance is spent. A whole size that changes
 * a line's glyphs everywhere on a page must not take every other clean value down with it: on d2c-015 the clean sizes
 * alone cost 0.013 fgMismatch, past the allowance, and the page fell back to exact code.
 */
async function keptSizes(texts: FittedText[], emit: (texts: FittedText[]) => Emitted, renderer: Renderer, design: Design, image: RgbaImage, allowance: number): Promise<FittedText[]> {
  const clean = emit(texts), measured = emit(texts.map((t) => ({ ...t, keepSize: true })));
  if (clean.code === measured.code) return texts;
  const groups = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = `${t.fontFamily} ${t.fontWeight} ${cleanFont(t).fontSize}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const kept = new Map<number, number>();
  for (const { lines, fits } of await priced(clean, measured, [...groups.values()], texts, renderer, design, image, SIZE_SHARE * allowance)) {
    if (fits) continue;
    // A group's lines measured within a few tenths of one size are one style (three cards' titles): they keep one
    // size, so they stay alike (one heading level, one `.map`).
    const mean = lines.reduce((sum, i) => sum + texts[i].fontSize, 0) / lines.length;
    const alike = lines.every((i) => Math.abs(texts[i].fontSize - mean) <= 0.3);
    for (const i of lines) kept.set(i, alike ? mean : texts[i].fontSize);
  }
  return kept.size ? texts.map((t, i) => (kept.has(i) ? { ...t, fontSize: kept.get(i)!, keepSize: true } : t)) : texts;
}

/**
 * Groups of lines priced by what a change costs them: `changed` and `base` (two emissions of the design) rendered, and
 * each group's cost the red pixels its lines' ink gains from one diff to the other. The groups that cost least per
 * line fit, until they spend `budget` (pixels); a group that draws better fits free. Cheapest first.
 */
async function priced(changed: Emitted, base: Emitted, groups: number[][], texts: FittedText[], renderer: Renderer, design: Design, image: RgbaImage, budget: number): Promise<Array<{ lines: number[]; extra: number; fits: boolean }>> {
  const viewport = { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 };
  const [a, b] = await Promise.all([changed, base].map((e) => renderer.render(e.code, viewport, { name: design.path }).then((r) => compare(image, r, { diff: true }).diff!)));
  const extraOf = (t: FittedText) => {
    const ink = { x: t.x - 1, y: t.y - 1, width: t.width + 2, height: t.height + 2 };
    return differing(a, ink) - differing(b, ink);
  };
  let spent = 0;
  return groups
    .map((lines) => ({ lines, extra: lines.reduce((sum, i) => sum + extraOf(texts[i]), 0) }))
    .sort((x, y) => x.extra / x.lines.length - y.extra / y.lines.length)
    .map((group) => {
      const fits = group.extra <= 0 || spent + group.extra <= budget;
      if (fits) spent += Math.max(0, group.extra);
      return { ...group, fits };
    });
}

/** The share of the clean allowance (in pixels) that paragraphs written to wrap may spend. */
const PARAGRAPH_SHARE = 0.2;

/**
 * Which wrapped paragraphs may be written as one element that wraps: a render with every paragraph merged against one
 * with every line apart, and the difference in each paragraph's ink. A paragraph the browser breaks where the design
 * does draws the same glyphs; one it breaks elsewhere moves a word, and its lines stay lines. The cheapest go first
 * until PARAGRAPH_SHARE of the allowance is spent. Undefined when the design has no such paragraph.
 */
async function flowingParagraphs(emit: (flow: EmitInput['paragraphs']) => Emitted, texts: FittedText[], renderer: Renderer, design: Design, image: RgbaImage, allowance: number): Promise<EmitInput['paragraphs']> {
  const merged = emit({});
  if (!merged.paragraphs.length) return undefined;
  const costs = await priced(merged, emit(undefined), merged.paragraphs, texts, renderer, design, image, PARAGRAPH_SHARE * allowance);
  if (process.env.UI2CODE_DEBUG_SNAP) console.error(`paragraphs: ${costs.map((c) => `${c.lines.join('+')}:${c.extra}${c.fits ? '' : ' apart'}`).join(' ')}`);
  return costs.some((c) => c.fits) ? { apart: new Set(costs.flatMap((c) => (c.fits ? [] : c.lines))) } : undefined;
}

/** One width of a responsive design, analysed and fitted as a design of its own would be. */
async function fittedWidth(design: Design, name: string, renderer: Renderer, request: GenerateRequest) {
  const analysis = await analyzeDesign(design);
  if (request.signal?.aborted) throw abortedError(design.path);
  // The fit the typography term of this width is scored against (fittedTexts caches it).
  const texts = await fittedTexts(design, analysis, renderer);
  const input = (exact: boolean, reading: Reading = 'rows'): EmitInput => ({ name, width: design.cssWidth, height: design.cssHeight, background: analysis.background, regions: analysis.regions, texts, exact, reading });
  return { design, analysis, input };
}

/** Whether a correction left every line where it was, at its size. */
const settled = (before: FittedText[], after: FittedText[]) =>
  before.every((t, i) => t.left === after[i].left && t.top === after[i].top && t.fontSize === after[i].fontSize && t.letterSpacing === after[i].letterSpacing);

/** More corrections a width may take while its lines still move. */
const EXTRA_CORRECTIONS = 2;

/**
 * A width's texts corrected against renders of the reading it is emitted in (the one its tree is merged in): once per
 * round as for one design, then on while lines still move. A width's sizes and places pull on each other (a column's
 * width is its widest line's), and refinement stops at the first candidate past the target, one correction short:
 * the footer's desktop took three to settle (fgMismatch 0.283, 0.150, 0.133, then unchanged).
 */
async function correctedWidth({ design, analysis, input }: Awaited<ReturnType<typeof fittedWidth>>, reading: Reading, renderer: Renderer, request: GenerateRequest) {
  let { texts } = input(false);
  const rounds = (request.previous?.round ?? -1) + 2;
  for (let round = 0; round < rounds + EXTRA_CORRECTIONS; round++) {
    const next = await correctFromRender(texts, renderer, emitTree({ ...input(true, reading), texts }), design);
    const still = settled(texts, next);
    texts = next;
    if (still && round + 1 >= rounds) break;
  }
  return { design, analysis, input: (exact: boolean): EmitInput => ({ ...input(exact, reading), texts }) };
}

/**
 * Per width, the reading of its grids (layout.ts) whose order of texts agrees most with the other widths' (rows unless
 * columns agree better): widths are matched by the order of their texts.
 */
function widthReadings(fitted: Array<Awaited<ReturnType<typeof fittedWidth>>>): Reading[] {
  const options = fitted.map((f) => {
    const trees = READINGS.map((reading) => ({ reading, root: buildRoot(f.input(false, reading), { landmarks: false, groupWidths: false }).root }));
    return JSON.stringify(trees[0].root) === JSON.stringify(trees[1].root) ? trees.slice(0, 1) : trees;
  });
  const chosen = chooseReadings(options.map((o) => o.map((t) => t.root)));
  return chosen.map((root, w) => options[w].find((o) => o.root === root)!.reading);
}

const READINGS: Reading[] = ['rows', 'columns'];

/**
 * A responsive design (widest first) as one component: each width analysed, fitted and corrected against its own
 * render as a single design is; the widths' element trees merged (responsive.ts) and printed with breakpoints at the
 * narrower designs' widths. Clean or exact values as for one design, judged at each width for that width.
 */
async function responsiveCode(widths: Design[], name: string, renderer: Renderer, request: GenerateRequest): Promise<ComponentSource> {
  request.onProgress?.({ design: widths[0].path, phase: 'generating', message: `analysing ${widths.length} widths (${widths.map((d) => d.cssWidth).join(', ')} px)` });
  const narrowFirst = [...widths].reverse();
  const style: OutputStyle = request.style ?? 'inline';
  const analysed: Array<Awaited<ReturnType<typeof fittedWidth>>> = [];
  // One width after the other: each already runs its renders in parallel through the pool.
  for (const design of narrowFirst) analysed.push(await fittedWidth(design, name, renderer, request));
  const readings = widthReadings(analysed);
  const fitted: Array<Awaited<ReturnType<typeof correctedWidth>>> = [];
  for (const [w, width] of analysed.entries()) fitted.push(await correctedWidth(width, readings[w], renderer, request));
  // A width's paragraphs wrap as one element where its render draws them so: a paragraph of two lines on desktop and
  // four on a phone is one text, which the widths share, where lines would be shown at one width and hidden at another.
  const flows = await Promise.all(
    fitted.map(({ design, analysis, input }) => {
      const clean = input(false);
      return flowingParagraphs((flow) => emitTree({ ...clean, paragraphs: flow }), clean.texts, renderer, design, analysis.image, cleanAllowance(analysis.image));
    }),
  );
  // Clean or exact per width: at its own viewport the merged component draws only that width's tree.
  const emit = (exact: boolean[], flowing: boolean[] = exact.map((e) => !e)): ComponentSource => {
    // The passes that only leave out what draws the same at the width (emit.ts): per width before the merge, kept
    // where another width keeps it; fonts on the merged tree, whose tags are the ones printed.
    // Each width's tree is built once: merged as built, then the passes replace its elements' styles (never change
    // them in place) and it is merged again.
    const roots = fitted.map((f, w) => buildRoot({ ...f.input(exact[w]), paragraphs: flowing[w] ? flows[w] : undefined }, { landmarks: false, groupWidths: false }).root);
    const raw = mergeTrees(roots);
    roots.forEach((root, w) => (looseShrink(root, narrowFirst[w].cssWidth), defaultStretch(root)));
    const merged = leftOutEverywhere(raw, mergeTrees(roots));
    // The project's theme, as for one width: its tokens, and whether its stylesheet has preflight (fonts above).
    const sink = breakpointSinkFor(style, name, narrowFirst.map((d) => d.cssWidth), { theme: request.theme });
    plainMergedFonts(merged, sink.preflight);
    return responsiveComponent(name, merged, sink, style);
  };
  const same = (a: ComponentSource, b: ComponentSource) => a.code === b.code && a.css === b.css;
  const clean = emit(fitted.map(() => false)), exact = emit(fitted.map(() => true));
  if (same(clean, exact)) return clean;
  const scored = (c: ComponentSource, w: number) => {
    const { design, analysis } = fitted[w];
    const viewport = { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 };
    return renderer.render(c.code, viewport, { name: design.path, ...styleRenderOptions(c, name, style, request.root ?? process.cwd()) }).then((r) => compare(analysis.image, r).scores);
  };
  const within = (cost: Awaited<ReturnType<typeof scored>>, base: Awaited<ReturnType<typeof scored>>) =>
    cost.mismatch <= base.mismatch + CLEAN_COST.mismatch && cost.fgMismatch <= base.fgMismatch + CLEAN_COST.fgMismatch;
  const bases = fitted.map((_, w) => scored(exact, w));
  const keepsClean = await Promise.all(fitted.map(async (_, w) => within(await scored(clean, w), await bases[w])));
  if (keepsClean.every(Boolean)) return clean;
  // A width whose clean values cost too much keeps its measured values, and its paragraphs where they draw as well:
  // a paragraph is how the text is written, not a value rounded.
  const exactWhere = keepsClean.map((ok) => !ok);
  const unflowed = emit(exactWhere);
  const flowed = emit(exactWhere, fitted.map(() => true));
  if (same(flowed, unflowed)) return keepsClean.some(Boolean) ? unflowed : exact;
  const flowsWell = await Promise.all(fitted.map(async (_, w) => keepsClean[w] || (!!flows[w] && within(await scored(flowed, w), await bases[w]))));
  return emit(exactWhere, flowsWell);
}

export interface LocalProviderOptions {
  /** Candidate font families for text lines. */
  families?: string[];
}

export function createLocalProvider(_options: LocalProviderOptions = {}): Provider {
  const noUsage: Usage = { promptTokens: 0, completionTokens: 0 };
  return {
    name: 'local',
    model: 'ui2code-local',
    version: LOCAL_ENGINE_VERSION,
    cost: () => 0,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const { design, renderer, signal } = request;
      if (!renderer) throw new Ui2CodeError('PROVIDER', 'the local engine needs the render pool', { file: design.path });
      if (request.widths && request.widths.length > 1) {
        const { code, css } = await responsiveCode(request.widths, request.name ?? componentName(design.path), renderer, request);
        return { code, css, raw: code, usage: noUsage, provider: 'local', model: 'ui2code-local' };
      }
      request.onProgress?.({ design: design.path, phase: 'generating', message: 'analysing the design' });
      const analysis = await analyzeDesign(design);
      if (signal?.aborted) throw abortedError(design.path);
      let texts = await fittedTexts(design, analysis, renderer);
      const name = request.name ?? componentName(design.path);
      const style = request.style ?? 'inline';
      const emit = (exact = false, sink?: StyleSink, grid?: { budget: number }, centred = true, lines = texts, flow?: EmitInput['paragraphs'], reading: Reading = 'rows') =>
        emitComponent({ name, width: design.cssWidth, height: design.cssHeight, background: analysis.background, regions: analysis.regions, texts: lines, exact, sink, grid, centred, paragraphs: flow, reading });
      // The first candidate is already corrected once against its own render (one render buys better sizes, places and
      // colours); each refinement round corrects the texts once more against a fresh render of the last correction.
      for (let round = 0; round < (request.previous?.round ?? -1) + 2; round++) texts = await correctFromRender(texts, renderer, emit(false, undefined, undefined, false), design);
      // Corrections measure the inline code (its DOM texts map onto the fitted texts); the answer is in the requested style.
      const allowance = cleanAllowance(analysis.image);
      const paragraphs = await flowingParagraphs((flow) => emit(false, undefined, undefined, false, texts, flow), texts, renderer, design, analysis.image, allowance);
      const grid = { budget: GRID_SHARE * allowance };
      // Buttons centre their labels, and centred boxes and lines are centred by the layout, at every clean level; where
      // that costs too much, the clean levels off the grid are tried again with everything where measured before the
      // exact code (only when something was centred).
      const clean = SNAP_LEVELS.filter((l) => l.snap !== 'exact');
      // Before the exact code, its measured values with the paragraphs written to wrap: a paragraph is how the text is
      // written, not a value rounded, and it often draws better than its lines apart.
      // Columns side by side read as columns come first at every clean level, and once more with the measured values
      // before the exact code: the page's structure is not a value rounded, and rows across both columns are no code a
      // developer keeps; where reading them as columns costs more than the allowance, the rows stay.
      const levels: Array<(typeof clean)[number] & { centred: boolean; flow: boolean; reading: Reading; merges?: true }> = [
        ...clean.map((l) => ({ ...l, centred: true, flow: true, reading: 'side-by-side' as const })),
        ...clean.map((l) => ({ ...l, centred: true, flow: true, reading: 'rows' as const })),
        ...clean.filter((l) => !l.grid).map((l) => ({ ...l, centred: false, flow: true, reading: 'rows' as const })),
        // Only where they change the code: a copy of the exact code before it would be taken for a clean level that
        // passed, and the sizes that cost most would not be kept (below).
        { snap: 'exact' as const, grid: false, centred: false, flow: !!paragraphs, reading: 'side-by-side' as const, merges: true },
        ...(paragraphs ? [{ snap: 'exact' as const, grid: false, centred: false, flow: true, reading: 'rows' as const, merges: true as const }] : []),
        { snap: 'exact' as const, grid: false, centred: false, flow: false, reading: 'rows' as const },
      ];
      const candidatesOf = () => {
        const all = levels.map(({ snap, grid: onGrid, centred, flow, reading, merges }) => ({
          ...emit(snap === 'exact', sinkFor(style, { theme: request.theme, snap }), onGrid ? grid : undefined, centred, texts, flow ? paragraphs : undefined, reading),
          twinLevel: onGrid ? levels.findIndex((l) => !l.grid && l.centred === centred && l.reading === reading && (l.snap === snap || (snap === 'grid' && l.snap === 'tokens'))) : undefined,
          merges: !!merges,
        }));
        const same = (a: Emitted, b: Emitted) => a.code === b.code && a.css === b.css;
        const kept = all
          .filter((c, i) => !all.slice(0, i).some((o) => same(o, c)) || i === all.length - 1)
          .filter((c) => !c.merges || !same(c, all[all.length - 1]));
        // A twin dropped as a repeat is the kept candidate with its code.
        return kept.map(({ twinLevel, ...c }) => {
          const twin = twinLevel === undefined ? -1 : kept.findIndex((k) => same(k, all[twinLevel]));
          return { ...c, twin: twin < 0 ? undefined : twin };
        });
      };
      const styling = { name, style, root: request.root ?? process.cwd() };
      const first = candidatesOf();
      const exact = first[first.length - 1];
      const scores: Scoring = new Map();
      let chosen = await roundestWithin(first, renderer, design, analysis.image, styling, scores);
      if (chosen === exact) {
        // Every clean level cost more than the allowance: whole font sizes, which change every glyph, are often what
        // costs. The sizes that cost most stay as measured, and the clean levels are tried again against the same
        // exact code.
        const sized = await keptSizes(texts, (lines) => emit(false, undefined, undefined, false, lines, undefined), renderer, design, analysis.image, allowance);
        if (sized !== texts) {
          texts = sized;
          chosen = await roundestWithin([...candidatesOf().slice(0, -1), exact], renderer, design, analysis.image, styling, scores);
        }
      }
      const { code, css } = chosen;
      return { code, css, raw: code, usage: noUsage, provider: 'local', model: 'ui2code-local' };
    },
  };
}

/** Frees the OCR worker and the analysis cache. */
export async function closeLocalEngine(): Promise<void> {
  analyses.clear();
  fittings.clear();
  await closeOcr();
}
