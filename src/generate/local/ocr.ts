// Text recognition with tesseract.js and the English model shipped on npm (@tesseract.js-data/eng): nothing is fetched.
// OCR runs per region, on a copy where child boxes are painted over and the text is made dark on white, so columns
// are not merged and light-on-dark text reads as well as dark-on-light.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker } from 'tesseract.js';
import { encodePng } from '../../intake/png.js';
import type { RgbaImage } from '../../types.js';
import { colorDistance, pixel, type Rect, type Rgb } from './segment.js';

export interface OcrLine extends Rect {
  text: string;
  confidence: number;
  /** Colour of the glyphs, measured from the design's pixels. */
  color: Rgb;
  /** The fill behind the text. */
  background: Rgb;
  /** Share of ink pixels in the line's box: bold text has more. */
  ink: number;
  /** Tesseract's words of the line with their own confidence (word mending trusts the sure ones). */
  words?: Array<{ text: string; confidence: number }>;
}

let workerPromise: Promise<Worker> | undefined;

function langPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** The engine's one OCR worker, started on first use. */
export function ocrWorker(): Promise<Worker> {
  workerPromise ??= (async () => {
    const { createWorker, OEM } = await import('tesseract.js');
    const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: langPath(), gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ preserve_interword_spaces: '1' });
    return worker;
  })();
  workerPromise.catch(() => (workerPromise = undefined));
  return workerPromise;
}

export async function closeOcr(): Promise<void> {
  const pending = workerPromise;
  workerPromise = undefined;
  if (pending) await (await pending.catch(() => null))?.terminate();
}

const LINE_RUN = 40;
/** Thickest rule masked out on a lossy design (see thinOnly). */
const LOSSY_LINE = 4;

/**
 * Pixels of long straight runs (borders, frames, rules that were not found as boxes): no glyph stroke is that long at
 * UI text sizes, and tesseract takes a frame around a page for a table and reads nothing inside it.
 */
function lineMask(image: RgbaImage, area: Rect, fill: Rgb, noise = 0): Uint8Array {
  const mask = new Uint8Array(area.width * area.height);
  const ink = (x: number, y: number) => colorDistance(pixel(image, area.x + x, area.y + y), fill) > 24;
  for (let y = 0; y < area.height; y++) {
    let start = 0;
    for (let x = 0; x <= area.width; x++) {
      if (x < area.width && ink(x, y)) continue;
      if (x - start >= LINE_RUN && (!noise || oneColour(image, area.x + start, area.y + y, x - start, noise))) for (let k = start; k < x; k++) mask[y * area.width + k] = 1;
      start = x + 1;
    }
  }
  if (noise) thinOnly(mask, area.width, area.height, LOSSY_LINE);
  for (let x = 0; x < area.width; x++) {
    let start = 0;
    for (let y = 0; y <= area.height; y++) {
      if (y < area.height && ink(x, y)) continue;
      if (y - start >= LINE_RUN) for (let k = start; k < y; k++) mask[k * area.width + x] = 1;
      start = y + 1;
    }
  }
  return mask;
}

/**
 * Whether a lossy design's run of ink is one colour, as a rule's pixels are within the codec's noise of their mean. A
 * row along the tops of a word's letters is a run too where the ringing between them differs from the fill (white
 * text on a strong colour), but its pixels are glyph and ringing, far apart: masked, the word lost its middle row.
 */
function oneColour(image: RgbaImage, x0: number, y: number, length: number, noise: number): boolean {
  const mean = [0, 0, 0];
  for (let x = x0; x < x0 + length; x++) pixel(image, x, y).forEach((v, c) => (mean[c] += v / length));
  let near = 0;
  for (let x = x0; x < x0 + length; x++) if (colorDistance(pixel(image, x, y), mean as Rgb) <= 2 * noise) near++;
  return near >= 0.8 * length;
}

/**
 * Keeps only the horizontal runs at most `maxLine` rows thick. On a lossy design the gaps between bold letters carry
 * ringing, so rows through a word read as long runs of ink; a rule is thin, a word's rows are many.
 */
function thinOnly(mask: Uint8Array, width: number, height: number, maxLine: number): void {
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (mask[y * width + x] !== 1) continue;
      let end = y;
      while (end < height && mask[end * width + x] === 1) end++;
      if (end - y > maxLine) for (let k = y; k < end; k++) mask[k * width + x] = 0;
      y = end;
    }
  }
}

/** Dark text on white: each pixel's distance from the area's fill becomes its darkness. Child boxes and lines are blanked. */
function prepare(image: RgbaImage, area: Rect, fill: Rgb, holes: Rect[], scale: number, noise: number): RgbaImage {
  const w = Math.round(area.width * scale);
  const h = Math.round(area.height * scale);
  const data = new Uint8Array(w * h * 4);
  const lines = lineMask(image, area, fill, noise);
  for (let y = 0; y < h; y++) {
    const ly = Math.min(area.height - 1, Math.floor(y / scale));
    const sy = area.y + ly;
    for (let x = 0; x < w; x++) {
      const lx = Math.min(area.width - 1, Math.floor(x / scale));
      const sx = area.x + lx;
      const hole = lines[ly * area.width + lx] === 1 || holes.some((r) => sx >= r.x && sx < r.x + r.width && sy >= r.y && sy < r.y + r.height);
      // A lossy design's speckles of ringing beside glyphs are not ink: only what stands out beyond the noise is.
      const d = hole ? 0 : Math.max(0, colorDistance(pixel(image, sx, sy), fill) - noise);
      const v = 255 - Math.min(255, d * 2);
      const o = (y * w + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = v;
      data[o + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

/** The glyphs' colour: the pixels of the box farthest from the fill, averaged. */
export function inkColor(image: RgbaImage, box: Rect, fill: Rgb): { color: Rgb; ink: number } {
  let max = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) max = Math.max(max, colorDistance(pixel(image, x, y), fill));
  let sr = 0, sg = 0, sb = 0, n = 0, inked = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const c = pixel(image, x, y);
      const d = colorDistance(c, fill);
      if (d > max * 0.35) inked++;
      if (d >= max * 0.8) {
        sr += c[0]; sg += c[1]; sb += c[2]; n++;
      }
    }
  }
  const area = Math.max(1, box.width * box.height);
  return { color: n ? [Math.round(sr / n), Math.round(sg / n), Math.round(sb / n)] : [0, 0, 0], ink: inked / area };
}

/** The rectangle shrunk to the pixels that stand out from the fill: OCR boxes are loose, placement needs the ink. */
export function tightInk(image: RgbaImage, box: Rect, fill: Rgb): Rect {
  let max = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) max = Math.max(max, colorDistance(pixel(image, x, y), fill));
  const threshold = Math.max(24, max * 0.3);
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      if (colorDistance(pixel(image, x, y), fill) <= threshold) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? box : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

const clampRect = (r: Rect, image: RgbaImage): Rect => {
  const x = Math.max(0, Math.min(image.width - 1, Math.round(r.x)));
  const y = Math.max(0, Math.min(image.height - 1, Math.round(r.y)));
  return { x, y, width: Math.max(1, Math.min(image.width - x, Math.round(r.width))), height: Math.max(1, Math.min(image.height - y, Math.round(r.height))) };
};

/** Does the area hold anything but its fill (outside its holes)? Empty panels skip OCR. */
function hasInk(image: RgbaImage, area: Rect, fill: Rgb, holes: Rect[]): boolean {
  for (let y = area.y; y < area.y + area.height; y += 2) {
    for (let x = area.x; x < area.x + area.width; x += 2) {
      if (holes.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)) continue;
      if (colorDistance(pixel(image, x, y), fill) > 40) return true;
    }
  }
  return false;
}

/**
 * Clusters of ink that no line read covers: one band of rows at a time, split where the ink pauses for longer than a
 * few line heights. Tesseract's page layout sometimes drops a lone line in a large area; read alone, it is found.
 */
export function unreadInk(image: RgbaImage, area: Rect, fill: Rgb, covered: Rect[], minHeight = 6, noise = 0): Rect[] {
  const inside = (x: number, y: number) => covered.some((r) => x >= r.x - 2 && x < r.x + r.width + 2 && y >= r.y - 2 && y < r.y + r.height + 2);
  const lines = lineMask(image, area, fill, noise);
  const ink = (x: number, y: number) =>
    lines[(y - area.y) * area.width + (x - area.x)] !== 1 && colorDistance(pixel(image, x, y), fill) > 40 && !inside(x, y);
  const rowHas = (y: number) => { for (let x = area.x; x < area.x + area.width; x++) if (ink(x, y)) return true; return false; };
  const out: Rect[] = [];
  for (let y = area.y; y < area.y + area.height; y++) {
    if (!rowHas(y)) continue;
    let end = y + 1;
    while (end < area.y + area.height && rowHas(end)) end++;
    const h = end - y;
    if (h >= minHeight && h <= 80) {
      const cols: number[] = [];
      for (let x = area.x; x < area.x + area.width; x++) for (let yy = y; yy < end; yy++) if (ink(x, yy)) { cols.push(x); break; }
      let start = cols[0];
      for (let i = 1; i <= cols.length; i++) {
        if (i < cols.length && cols[i] - cols[i - 1] <= Math.max(12, h * 2)) continue;
        const width = cols[i - 1] - start + 1;
        // In a corner of the area it is what a rounded corner lets show through.
        const corner = (start <= area.x + 1 || start + width >= area.x + area.width - 1) && (y <= area.y + 1 || end >= area.y + area.height - 1);
        if (width >= 6 && !corner) out.push({ x: start, y, width, height: h });
        start = cols[i];
      }
    }
    y = end;
  }
  return out;
}

/** Recognises the text lines of one area (child boxes excluded), split where words stand far apart (columns). */
/** `noise`: a lossy design's codec noise (its snap tolerance), 0 for a lossless one. */
export async function recognizeArea(image: RgbaImage, area: Rect, fill: Rgb, holes: Rect[], second = true, noise = 0): Promise<OcrLine[]> {
  if (area.width < 6 || area.height < 6 || !hasInk(image, area, fill, holes)) return [];
  // Small text reads far better enlarged; large areas are mostly large text and cost more to enlarge.
  const scale = area.width * area.height > 700_000 ? 1.5 : area.height < 60 ? 3 : 2;
  const prepared = prepare(image, area, fill, holes, scale, noise);
  const worker = await ocrWorker();
  const { data } = await worker.recognize(encodePng(prepared), {}, { blocks: true });
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter((w) => w.text.trim() && w.confidence >= 30 && /[\p{L}\p{N}]/u.test(w.text));
        if (!words.length) continue;
        // The line's ink height, about its font size (tesseract's line and word boxes can be much taller than the glyphs).
        const lineBox = clampRect({ x: area.x + line.bbox.x0 / scale, y: area.y + line.bbox.y0 / scale, width: (line.bbox.x1 - line.bbox.x0) / scale, height: (line.bbox.y1 - line.bbox.y0) / scale }, image);
        const glyphs = tightInk(image, lineBox, fill).height;
        // Split the line where the gap between two words is wider than about a line height: those are columns, or the
        // items of a menu spaced by a flex gap (a word space is a quarter of that). Read as one line, a menu would be
        // fitted as one text, and only a wider family than the design's fills its width.
        let group: typeof words = [];
        const flush = () => {
          if (!group.length) return;
          const x0 = Math.min(...group.map((w) => w.bbox.x0)), x1 = Math.max(...group.map((w) => w.bbox.x1));
          const y0 = Math.min(...group.map((w) => w.bbox.y0)), y1 = Math.max(...group.map((w) => w.bbox.y1));
          const loose = clampRect({ x: area.x + x0 / scale - 1, y: area.y + y0 / scale - 1, width: (x1 - x0) / scale + 2, height: (y1 - y0) / scale + 2 }, image);
          const box = tightInk(image, loose, fill);
          const { color, ink } = inkColor(image, box, fill);
          // A gap much wider than the line's usual word gap is kept as several spaces (lines are drawn with
          // white-space: pre): aligned columns of monospaced text keep their width, so the font fit sees its length.
          const gaps = group.slice(1).map((w, i) => w.bbox.x0 - group[i].bbox.x1).sort((a, b) => a - b);
          const usual = Math.max(1, gaps[Math.floor((gaps.length - 1) / 2)] ?? 1);
          const spaces = (gap: number) => Math.max(1, Math.min(12, Math.round(gap / usual)));
          const text = group.map((w, i) => (i ? ' '.repeat(spaces(w.bbox.x0 - group[i - 1].bbox.x1)) : '') + w.text.trim()).join('');
          const confidence = group.reduce((s, w) => s + w.confidence, 0) / group.length;
          // Edges of boxes and faint marks read as stray letters: real text stands out from its fill.
          if (colorDistance(color, fill) < 48 || (text.length <= 2 && confidence < 85)) {
            group = [];
            return;
          }
          lines.push({
            ...box,
            text,
            confidence,
            color,
            background: fill,
            ink,
            words: group.map((w) => ({ text: w.text.trim(), confidence: w.confidence })),
          });
          group = [];
        };
        for (const word of words) {
          const last = group[group.length - 1];
          if (last && (word.bbox.x0 - last.bbox.x1) / scale > Math.max(16, glyphs * 1.1)) flush();
          group.push(word);
        }
        flush();
      }
    }
  }
  if (second) {
    // At most a few more reads, each a small crop with a margin: the cost stays bounded on busy pages.
    for (const cluster of unreadInk(image, area, fill, [...holes, ...lines], 6, noise).slice(0, 8)) {
      const crop = clampRect({ x: cluster.x - 4, y: cluster.y - 4, width: cluster.width + 8, height: cluster.height + 8 }, image);
      lines.push(...(await recognizeArea(image, crop, fill, holes, false, noise)));
    }
  }
  return lines;
}
