// Choosing each text line's font: every candidate family and weight is rendered once at the size that gives the line
// its measured width, and the one whose glyphs overlap the design's best wins. Measuring where its ink falls inside
// its own box also tells exactly where to place the element.
import type { Renderer } from '../../render/pool.js';
import type { RgbaImage } from '../../types.js';
import { inkColor, tightInk, type OcrLine } from './ocr.js';
import { colorDistance, pixel, type Rgb } from './segment.js';

export interface FittedText extends OcrLine {
  fontFamily: string;
  fontWeight: number;
  fontSize: number;
  /** Where the element's box goes so that its ink lands on the design's. */
  left: number;
  top: number;
  lineHeight: number;
  /** The CSS colour, once a render showed how far the drawn ink lands from the measured `color` (anti-aliasing). */
  cssColor?: Rgb;
  letterSpacing?: number;
  /** The text's advance (its box's width unspaced) at a size of 1 px, as the fitted face lays it out. */
  em?: number;
  /** The clean size drew this line measurably worse than the measured one (index.ts `keptSizes`): it stays as measured. */
  keepSize?: boolean;
}

export const CANDIDATE_FAMILIES = ['Arimo', 'Tinos', 'DejaVu Sans', 'DejaVu Serif', 'Cousine'];
const WEIGHTS = [400, 700];
const MEASURE_SIZE = 20;
/** How much better (share of the total fit) another heaviness must fit than the usual one to be taken. */
const HEAVINESS_MARGIN = 0.02;
/**
 * How much the glyph shapes weigh against ink and height. Matched within a pixel, the shapes of two families of one
 * width differ by a percent (DejaVu Serif's text takes DejaVu Sans to 0.99), while a screenshot drawn 7 % heavier
 * than this renderer draws costs the right family more than that in ink: taken once, the shape lost to the ink.
 */
const SHAPE_WEIGHT = 4;
/** Blurred, the shape is the thresholded shape times the grey overlap (greyOverlap) to this power, before SHAPE_WEIGHT. */
const GREY_WEIGHT = 2;

const css = (c: Rgb) => `rgb(${c.join(', ')})`;
const jsxString = (s: string) => JSON.stringify(s);

interface Slot {
  line: number;
  family: string;
  weight: number;
  x: number;
  y: number;
  size: number;
  lineHeight: number;
}

/** Packs slots left to right in rows of a canvas `width` wide. */
function pack(slots: Array<Omit<Slot, 'x' | 'y'> & { w: number; h: number }>, width: number): { placed: Slot[]; height: number } {
  let x = 0, y = 0, rowH = 0;
  const placed: Slot[] = [];
  for (const s of slots) {
    if (x + s.w > width && x > 0) {
      x = 0;
      y += rowH;
      rowH = 0;
    }
    placed.push({ line: s.line, family: s.family, weight: s.weight, size: s.size, lineHeight: s.lineHeight, x, y });
    x += s.w;
    rowH = Math.max(rowH, s.h);
  }
  return { placed, height: y + rowH };
}

/** The colour to draw in so that a blur which turned `color` into `blurred` shows `color`: as far the other way. */
const unblurredColor = (color: Rgb, blurred: Rgb | undefined): Rgb =>
  blurred ? (color.map((c, k) => Math.max(0, Math.min(255, 2 * c - blurred[k]))) as Rgb) : color;

/** Slots packed in cells `pad` px larger on every side, each moved to its cell's inside. */
const padded = ({ placed, height }: { placed: Slot[]; height: number }, pad: number) =>
  ({ placed: pad ? placed.map((s) => ({ ...s, x: s.x + pad, y: s.y + pad })) : placed, height });

/**
 * Black on white, or (`boxes` given) each line in its own colours on a box of its fill, its fill reaching `pad` px
 * beyond the box on every side.
 */
function slotComponent(lines: OcrLine[], slots: Slot[], width: number, height: number, boxes?: Array<{ w: number; h: number }>, pad = 0, colors?: Rgb[]): string {
  const spans = slots
    .map((s, i) => {
      const paint = boxes ? `, width: ${boxes[i].w}, height: ${boxes[i].h}, color: '${css(colors?.[i] ?? lines[s.line].color)}', background: '${css(lines[s.line].background)}'${pad ? `, padding: ${pad}` : ''}` : '';
      return `<span data-i="${i}" style={{ position: 'absolute', left: ${s.x - pad}, top: ${s.y - pad}, fontFamily: ${jsxString(`'${s.family}'`)}, fontWeight: ${s.weight}, fontSize: ${s.size.toFixed(2)}, lineHeight: '${s.lineHeight}px', whiteSpace: 'pre'${paint} }}>{${jsxString(lines[s.line].text)}}</span>`;
    })
    .join('\n');
  return `export default function Fit() { return <div style={{ position: 'relative', width: ${width}, height: ${height}, background: '#fff', color: '#000' }}>\n${spans}\n</div>; }`;
}

/**
 * A candidate's ink box, cut as the design's is (ocr.ts's tightInk: 30 % of the strongest contrast in the box), and the
 * colour its glyphs show, measured as the design's: a candidate drawn in the line's own colours on its own fill is
 * anti-aliased as the design's text was (light on dark and grey text come out of the rasteriser heavier or lighter than
 * black on white), so both sides are measured alike.
 */
function inkBox(image: RgbaImage, x: number, y: number, w: number, h: number, background: Rgb) {
  const area = { x, y, width: Math.min(w, image.width - x), height: Math.min(h, image.height - y) };
  if (area.width <= 0 || area.height <= 0) return null;
  const box = tightInk(image, area, background);
  if (box === area) return null;
  return { ...box, color: inkColor(image, box, background).color };
}

/**
 * The ink's height to a fraction of a pixel: each row of the box, and the row either side of it, counts by its
 * strongest pixel's share of the contrast. Where the baseline falls between pixels moves a whole row in or out of a
 * box cut at a level; it moves this by much less.
 */
function inkHeight(image: RgbaImage, box: { x: number; y: number; width: number; height: number }, background: Rgb, contrast: number): number {
  let sum = 0;
  for (let y = Math.max(0, box.y - 1); y < Math.min(image.height, box.y + box.height + 1); y++) {
    let max = 0;
    for (let x = box.x; x < box.x + box.width; x++) max = Math.max(max, colorDistance(pixel(image, x, y), background));
    sum += Math.min(1, max / Math.max(1, contrast));
  }
  return sum;
}

/**
 * How well a candidate's glyphs cover the design's, scaled onto the design's ink box: an F-score where a pixel counts
 * as matched when the other image has ink within 1 px (thin strokes of the right font are off by sub-pixels), and the
 * total ink each side holds (grey levels included), which is what tells a bold face from a regular one.
 */
function similarity(design: RgbaImage, line: OcrLine, render: RgbaImage, ink: { x: number; y: number; width: number; height: number; color: Rgb }, drawn?: Rgb): { shape: number; coverDesign: number; coverRender: number } {
  const threshold = Math.max(30, colorDistance(line.color, line.background) * 0.45);
  const measured = Math.max(1, colorDistance(ink.color, line.background));
  const renderThreshold = Math.max(30, measured * 0.45);
  // Blurred, both sides' ink counts against the colour the candidate was drawn in (the design's, were the candidate
  // right): against each side's own blurred core, a face too thin to reach the design's core, which pales more, had
  // its ink counted up by as much and passed for as heavy as the design.
  const renderContrast = drawn ? Math.max(1, colorDistance(drawn, line.background)) : measured;
  const renderInk = (x: number, y: number) => colorDistance(pixel(render, x, y), line.background);
  const w = line.width, h = line.height;
  const a = new Uint8Array(w * h);
  const b = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      a[y * w + x] = colorDistance(pixel(design, line.x + x, line.y + y), line.background) > threshold ? 1 : 0;
      const rx = ink.x + Math.floor((x / w) * ink.width);
      const ry = ink.y + Math.floor((y / h) * ink.height);
      b[y * w + x] = renderInk(rx, ry) > renderThreshold ? 1 : 0;
    }
  }
  const near = (m: Uint8Array, x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx, yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx]) return true;
    }
    return false;
  };
  const contrast = drawn ? renderContrast : Math.max(1, colorDistance(line.color, line.background));
  let coverA = 0, coverB = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      coverA += Math.min(1, colorDistance(pixel(design, line.x + x, line.y + y), line.background) / contrast);
      const rx = ink.x + Math.floor((x / w) * ink.width);
      const ry = ink.y + Math.floor((y / h) * ink.height);
      coverB += Math.min(1, renderInk(rx, ry) / renderContrast);
    }
  }
  let inkA = 0, inkB = 0, hitA = 0, hitB = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (a[y * w + x]) { inkA++; if (near(b, x, y)) hitA++; }
      if (b[y * w + x]) { inkB++; if (near(a, x, y)) hitB++; }
    }
  }
  const recall = inkA ? hitA / inkA : 0, precision = inkB ? hitB / inkB : 0;
  const shape = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
  return { shape: drawn ? shape * greyOverlap(design, line, render, ink, renderContrast) ** GREY_WEIGHT : shape, coverDesign: coverA, coverRender: coverB };
}

/**
 * How much of two blurred lines' ink is shared, grey levels and all: the candidate drawn on the design's grid (fitFonts
 * moves it into phase), compared pixel for pixel, each stretch at its best offset (up to 2 px along, 1 px across).
 * Blurred, every family covers the design's thresholded glyphs within a pixel (Tinos bold 0.998 and Arial 1.000 on
 * flame-27's "Select Book" at 1.5x), while where the grey falls still tells a serif from a sans (0.59 and 0.65).
 */
function greyOverlap(design: RgbaImage, line: OcrLine, render: RgbaImage, ink: { x: number; y: number }, renderContrast: number): number {
  const contrast = Math.max(1, colorDistance(line.color, line.background));
  const inkAt = (image: RgbaImage, x: number, y: number, against: number) =>
    x < 0 || y < 0 || x >= image.width || y >= image.height ? 0 : Math.min(1, colorDistance(pixel(image, x, y), line.background) / against);
  // Sized by the line's width, a long line's glyphs drift apart by a pixel or two along it: each stretch of about two
  // glyphs is aligned on its own, and the stretches count by their share of the design's ink.
  const stretch = Math.max(8, 2 * line.height);
  let shared = 0, total = 0;
  for (let x0 = 0; x0 < line.width; x0 += stretch) {
    const x1 = Math.min(line.width, x0 + stretch);
    const cells: number[] = [];
    for (let y = -1; y <= line.height; y++) for (let x = x0 - 1; x <= x1; x++) cells.push(inkAt(design, line.x + x, line.y + y, contrast));
    const designTotal = cells.reduce((sum, a) => sum + a, 0);
    if (!designTotal) continue;
    let best = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -2; dx <= 2; dx++) {
      const drawn: number[] = [];
      for (let y = -1; y <= line.height; y++) for (let x = x0 - 1; x <= x1; x++) drawn.push(inkAt(render, ink.x + x + dx, ink.y + y + dy, renderContrast));
      const drawnTotal = drawn.reduce((sum, b) => sum + b, 0);
      if (!drawnTotal) continue;
      // Each side's ink as a share of its own, so that a heavier screenshot (the heaviness fitFonts finds) costs nothing here.
      const differ = cells.reduce((sum, a, i) => sum + Math.abs(a / designTotal - drawn[i] / drawnTotal), 0);
      best = Math.max(best, 1 - differ / 2);
    }
    shared += best * designTotal;
    total += designTotal;
  }
  return total ? shared / total : 0;
}

/**
 * Fill drawn around each candidate when its render is blurred: the resample spreads a neighbour's colour about 3 px
 * into a box, and the ink is looked for up to INK_REACH px outside the box, where a blurred glyph's edge falls.
 */
const BLUR_PAD = 8;
const INK_REACH = 3;

/** How a design was blurred: `resample` blurs a render alike, on a grid that repeats every `period` CSS px. */
export interface Blur {
  resample: (image: RgbaImage) => Promise<RgbaImage>;
  period: number;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The slot moved by under a period so that its ink's corner falls on the design's line's place on the grid. */
const inPhase = (slot: Slot, ink: { x: number; y: number }, line: OcrLine, period: number): Slot =>
  ({ ...slot, x: slot.x + mod(line.x - ink.x, period), y: slot.y + mod(line.y - ink.y, period) });

/**
 * Fits a font to every line with two renders: one to measure widths, one to compare shapes and find the ink offsets.
 * `blur` blurs the candidates' render as the design was blurred (a fractional scale; their shapes are drawn twice then),
 * so that blurred glyphs are compared with blurred glyphs: measured sharp, every candidate's ink is a pixel narrower
 * and shorter and its edges darker than the design's, and the family whose ink is tallest at a width (Tinos) won
 * Arial's lines.
 */
export async function fitFonts(design: RgbaImage, lines: OcrLine[], renderer: Renderer, canvasWidth = 1600, blur?: Blur): Promise<FittedText[]> {
  if (!lines.length) return [];
  const candidates = lines.flatMap((line, index) => CANDIDATE_FAMILIES.flatMap((family) => WEIGHTS.map((weight) => ({ line: index, family, weight }))));

  // 1. Widths at a fixed size (the DOM's text boxes give them directly).
  const measureSlots = pack(candidates.map((c) => ({ ...c, size: MEASURE_SIZE, lineHeight: 30, w: Math.min(canvasWidth, lines[c.line].text.length * 16 + 20), h: 32 })), canvasWidth);
  const measured = await renderer.render(slotComponent(lines, measureSlots.placed, canvasWidth, measureSlots.height), { width: canvasWidth, height: Math.max(1, measureSlots.height), deviceScaleFactor: 1 }, { name: 'font-measure' });
  // One text node per span, in document order: the i-th text box is the i-th slot's.
  const widthOf = new Map<string, number>();
  if (measured.texts.length === measureSlots.placed.length) {
    measureSlots.placed.forEach((slot, i) => widthOf.set(`${slot.line}|${slot.family}|${slot.weight}`, measured.texts[i].width));
  }

  // 2. Each candidate at the size that gives the design's width; compare shapes.
  const sized = candidates.map((c) => {
    const line = lines[c.line];
    const w = widthOf.get(`${c.line}|${c.family}|${c.weight}`) ?? line.text.length * MEASURE_SIZE * 0.5;
    const size = Math.max(6, Math.min(160, (MEASURE_SIZE * line.width) / Math.max(1, w)));
    const lineHeight = Math.ceil(size * 1.3);
    return { ...c, size, lineHeight, w: Math.ceil(line.width + 24), h: lineHeight + 8 };
  });
  const pad = blur ? BLUR_PAD : 0, reach = blur ? INK_REACH : 0, slack = blur ? blur.period - 1 : 0;
  const cells = padded(pack(sized.map((s) => ({ ...s, w: s.w + 2 * pad + slack, h: s.h + 2 * pad + slack })), canvasWidth), pad);
  const draw = async (slots: Slot[], colors?: Rgb[]) => {
    const drawn = await renderer.render(slotComponent(lines, slots, canvasWidth, cells.height, sized, pad, colors), { width: canvasWidth, height: Math.max(1, cells.height), deviceScaleFactor: 1 }, { name: 'font-fit' });
    return blur ? blur.resample(drawn.image) : drawn.image;
  };
  const inkOf = (image: RgbaImage, slot: Slot, i: number) => inkBox(image, slot.x - reach, slot.y - reach, sized[i].w + 2 * reach, sized[i].h + 2 * reach, lines[slot.line].background);
  let slots = cells.placed;
  let shapes = { image: await draw(slots) };
  let colors: Rgb[] | undefined;
  if (blur) {
    // Blurred, a glyph drawn in the colour the design's blurred glyphs show comes out paler still: each candidate is
    // drawn again in the colour that, blurred, shows the design's (a thin face needs a darker one than a heavy one),
    // and moved so that its ink starts where the design's does on the resample's grid, where it blurs alike.
    const first = slots.map((slot, i) => inkOf(shapes.image, slot, i));
    colors = slots.map((slot, i) => unblurredColor(lines[slot.line].color, first[i]?.color));
    slots = slots.map((slot, i) => (first[i] ? inPhase(slot, first[i]!, lines[slot.line], blur.period) : slot));
    shapes = { image: await draw(slots, colors) };
  }

  const measuredSlots = slots.flatMap((slot, i) => {
    const line = lines[slot.line];
    const ink = inkOf(shapes.image, slot, i);
    if (!ink) return [];
    // Height must agree too: a family whose ink is much taller or shorter at this width is the wrong one (and at a
    // given width a bold face is shorter than a regular one). Heights to a fraction of a pixel: in whole rows, where
    // the baseline fell between pixels decided a pixel, and on 10-13 px text that pixel alone made Times taller than
    // Arial's own grey lines.
    const heightRatio = inkHeight(shapes.image, ink, line.background, colorDistance(ink.color, line.background)) / Math.max(1e-9, inkHeight(design, line, line.background, colorDistance(line.color, line.background)));
    return [{ slot, ink, height: Math.min(heightRatio, 1 / heightRatio) ** 2, ...similarity(design, line, shapes.image, ink, colors?.[i]) }];
  });
  // Candidates are drawn as the design's lines are (their colours on their fill), so the usual heaviness is 1.
  // Screenshots from other systems draw everything heavier or lighter, which would pass regular text for bold (or the
  // reverse); that factor is the same for every line of a design, so it is fitted once, and taken only when it fits
  // better than the usual by a margin: on a design from this renderer the total peaks at 1 (2-5 % lower a step either
  // side), while Flame's screenshots gain 3-12 % at 1.1-1.35, and under a 6 % margin half their lines were read as bold.
  type Choice = { score: number; slot: Slot; ink: { x: number; y: number; width: number; height: number } };
  const choose = (heaviness: number, family?: string) => {
    const best = new Map<number, Choice>();
    for (const m of measuredSlots) {
      if (family && m.slot.family !== family) continue;
      const ratio = m.coverDesign / Math.max(1e-9, m.coverRender * heaviness);
      const score = m.shape ** SHAPE_WEIGHT * Math.min(ratio, 1 / ratio) * m.height;
      const current = best.get(m.slot.line);
      if (!current || score > current.score) best.set(m.slot.line, { score, slot: m.slot, ink: m.ink });
    }
    return { best, total: [...best.values()].reduce((sum, b) => sum + b.score, 0) };
  };
  let { best, total: top } = choose(1);
  const usual = top;
  let heaviness = 1;
  for (let h = 0.85; h <= 1.401; h += 0.05) {
    const candidate = choose(h);
    if (candidate.total > Math.max(top, (1 + HEAVINESS_MARGIN) * usual) + 1e-9) ({ best } = candidate), (top = candidate.total), (heaviness = h);
  }
  // A design uses few families, and a short word fits several about equally: a line takes the design's main family
  // (by letters won) unless another family fits it clearly better.
  const votes = new Map<string, number>();
  for (const [line, choice] of best) votes.set(choice.slot.family, (votes.get(choice.slot.family) ?? 0) + lines[line].text.length);
  const main = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (main) {
    const inMain = choose(heaviness, main).best;
    for (const [line, choice] of best) {
      const alternative = inMain.get(line);
      // Digits and symbols ("$9", "10") look alike in every family: a line of fewer than four letters has no say.
      const letters = (lines[line].text.match(/\p{L}/gu) ?? []).length;
      if (alternative && (letters < 4 || alternative.score >= 0.93 * choice.score)) best.set(line, alternative);
    }
  }

  return lines.map((line, index) => {
    const chosen = best.get(index);
    if (!chosen) {
      const size = Math.max(8, Math.round(line.height * 1.25));
      return { ...line, fontFamily: 'Arimo', fontWeight: 400, fontSize: size, left: line.x, top: line.y - Math.round(size * 0.25), lineHeight: Math.ceil(size * 1.3) };
    }
    const { slot, ink } = chosen;
    // A line of a few glyphs ("1", "$9") gives its width to within a pixel or two, which is a large share of it: its
    // height says its size better. The ink's offsets in its box scale with the size.
    const short = line.text.replace(/\s/g, '').length <= 3;
    const k = short ? Math.min(1.4, Math.max(0.7, line.height / Math.max(1, ink.height))) : 1;
    const lineHeight = short ? Math.ceil(slot.size * k * 1.3) : slot.lineHeight;
    // The candidate's ink sat (ink.x - slot.x, ink.y - slot.y) inside its box: offset the box by as much.
    const advance = widthOf.get(`${slot.line}|${slot.family}|${slot.weight}`);
    return {
      ...line,
      fontFamily: slot.family,
      fontWeight: slot.weight,
      fontSize: Math.round(slot.size * k * 100) / 100,
      em: advance === undefined ? undefined : advance / MEASURE_SIZE,
      lineHeight,
      left: Math.round((line.x - (ink.x - slot.x) * k) * 10) / 10,
      top: Math.round((line.y - (ink.y - slot.y) * k - (lineHeight - slot.lineHeight * k) / 2) * 10) / 10,
    };
  });
}
