// How close a render is to its design. pixelmatch finds the pixels that differ; we then ask which of them matter:
// the ones on the design's foreground (not its dominant background), and among those the ones that are not explained
// by a shift of a pixel or two (fonts and sub-pixel layout differ by nature between a mockup and a browser).
import pixelmatch from 'pixelmatch';
import type { Design, Hints, RenderResult, RgbaImage, Scores } from '../types.js';
import { textTerms } from './text-terms.js';
import { typographyOf } from './typography.js';

export interface CompareOptions {
  /** Also return a diff image (design faded, differing pixels red). */
  diff?: boolean;
  /** The design's texts (from OCR): adds text terms to the score when the text-terms module is present. */
  texts?: Hints['texts'];
  /** pixelmatch threshold. 0.05: 0.1 misses pale colours on pale backgrounds. */
  threshold?: number;
  /** How far (px) a differing pixel may find its match and count as shifted rather than wrong. */
  shiftRadius?: number;
  /** The design is lossy (the render was passed through its codec): the scores say so. */
  lossy?: Design['lossy'];
}

export interface PixelTerms {
  /** Area (CSS px²) of the largest connected patch of blocks whose mean colour differs: a missing or recoloured element. */
  largestDefect: number;
  mismatch: number;
  fgMismatch: number;
  /** fgMismatch without the pixels explained by a shift of at most shiftRadius px. */
  shiftMismatch: number;
  background: [number, number, number];
}

export const DIFF_RED = [255, 0, 0] as const;

/** The design's most frequent colour, sampled on a grid (cheap and stable on flat UI backgrounds). */
export function dominantColor(image: RgbaImage): [number, number, number] {
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / 40_000)));
  let best = 0xffffff;
  let bestCount = 0;
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      const i = (y * image.width + x) * 4;
      const key = (image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2];
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count > bestCount) {
        bestCount = count;
        best = key;
      }
    }
  }
  return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}

/** The render cut or padded (with white) to the design's size, so both are compared on the design's canvas. */
export function fitCanvas(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width === width && image.height === height && image.data.byteOffset % 4 === 0) return image;
  const data = new Uint8Array(width * height * 4).fill(255);
  const w = Math.min(width, image.width);
  for (let y = 0; y < Math.min(height, image.height); y++) {
    data.set(image.data.subarray(y * image.width * 4, (y * image.width + w) * 4), y * width * 4);
  }
  return { width, height, data };
}

const near = (d: Uint8Array, i: number, c: readonly number[], tol: number) =>
  Math.abs(d[i] - c[0]) <= tol && Math.abs(d[i + 1] - c[1]) <= tol && Math.abs(d[i + 2] - c[2]) <= tol;

/** Offsets within the radius, nearest first: most shifted pixels find their match at once. */
const offsetsCache = new Map<number, Array<[number, number]>>();
function offsetsWithin(radius: number): Array<[number, number]> {
  let offsets = offsetsCache.get(radius);
  if (!offsets) {
    offsets = [];
    for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) offsets.push([dx, dy]);
    offsets.sort((p, q) => p[0] ** 2 + p[1] ** 2 - (q[0] ** 2 + q[1] ** 2));
    offsetsCache.set(radius, offsets);
  }
  return offsets;
}

function hasMatchNearby(src: Uint8Array, i: number, other: Uint8Array, x: number, y: number, width: number, height: number, radius: number): boolean {
  const r = src[i], g = src[i + 1], b = src[i + 2];
  for (const [dx, dy] of offsetsWithin(radius)) {
    const xx = x + dx;
    const yy = y + dy;
    if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
    const j = (yy * width + xx) * 4;
    if (Math.abs(other[j] - r) <= 24 && Math.abs(other[j + 1] - g) <= 24 && Math.abs(other[j + 2] - b) <= 24) return true;
  }
  return false;
}

/**
 * The largest connected patch of `block`-sized squares whose mean colours differ by more than `tolerance` levels, in
 * device px². Averaging over blocks forgives what glyph shapes and sub-pixel positions change, and keeps what a reader
 * notices: an element gone, moved far, or painted another colour. Shifts score 0–1 blocks; a lost button, dozens.
 */
export function largestDefect(a: Uint8Array, b: Uint8Array, width: number, height: number, block: number, tolerance = 40): number {
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const sums = new Float64Array(cols * rows * 6);
  const counts = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * cols;
    for (let x = 0; x < width; x++) {
      const cell = row + Math.floor(x / block);
      const i = (y * width + x) * 4;
      const k = cell * 6;
      sums[k] += a[i]; sums[k + 1] += a[i + 1]; sums[k + 2] += a[i + 2];
      sums[k + 3] += b[i]; sums[k + 4] += b[i + 1]; sums[k + 5] += b[i + 2];
      counts[cell]++;
    }
  }
  const bad = new Uint8Array(cols * rows);
  for (let cell = 0; cell < bad.length; cell++) {
    const n = counts[cell];
    const k = cell * 6;
    for (let c = 0; c < 3; c++) if (Math.abs(sums[k + c] - sums[k + 3 + c]) / n > tolerance) bad[cell] = 1;
  }
  let largest = 0;
  const stack: number[] = [];
  for (let start = 0; start < bad.length; start++) {
    if (bad[start] !== 1) continue;
    let area = 0;
    bad[start] = 2;
    stack.push(start);
    while (stack.length) {
      const cell = stack.pop()!;
      area += counts[cell];
      const cx = cell % cols;
      for (const next of [cell - cols, cell + cols, cx > 0 ? cell - 1 : -1, cx < cols - 1 ? cell + 1 : -1]) {
        if (next >= 0 && next < bad.length && bad[next] === 1) {
          bad[next] = 2;
          stack.push(next);
        }
      }
    }
    largest = Math.max(largest, area);
  }
  return largest;
}

/** The pixel terms of a comparison, and the diff image when asked for. Both images are compared on the design's canvas. */
export function pixelTerms(
  design: RgbaImage,
  rendered: RgbaImage,
  { threshold = 0.05, shiftRadius = 2, diff = false, scale = 1 }: Pick<CompareOptions, 'threshold' | 'shiftRadius' | 'diff'> & { scale?: number } = {},
): PixelTerms & { diffImage?: RgbaImage } {
  const { width, height } = design;
  const a = fitCanvas(design, width, height).data;
  const b = fitCanvas(rendered, width, height).data;
  const background = dominantColor(design);
  const out = new Uint8Array(width * height * 4);
  // Fast path: identical pixels (a component against its own screenshot, an unchanged check).
  if (Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0) {
    if (diff) pixelmatch(a, b, out, width, height);
    return { largestDefect: 0, mismatch: 0, fgMismatch: 0, shiftMismatch: 0, background, diffImage: diff ? { width, height, data: out } : undefined };
  }
  // Always the full diff drawing: with diffMask pixelmatch leaves anti-aliased pixels unmarked, and the score must not
  // depend on whether a picture was asked for.
  const differing = pixelmatch(a, b, out, width, height, { threshold, includeAA: false, diffColor: [...DIFF_RED] as [number, number, number] });
  const a32 = new Uint32Array(a.buffer, a.byteOffset, width * height);
  const b32 = new Uint32Array(b.buffer, b.byteOffset, width * height);
  const bg32 = new Uint32Array(new Uint8Array([...background, 255]).buffer)[0];
  let fg = 0;
  let fgDiff = 0;
  let fgHard = 0;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const i = p * 4;
      if (a32[p] === bg32 && b32[p] === bg32) continue;
      if (near(a, i, background, 6) && near(b, i, background, 6)) continue;
      fg++;
      // Red: a real difference. Yellow: what pixelmatch took for anti-aliasing, which includes every pixel of thin
      // text; lost text must still cost, so those pixels too must be explained by a shift.
      if (out[i] !== 255 || out[i + 2] !== 0) continue;
      const red = out[i + 1] === 0;
      if (red) fgDiff++;
      else if (out[i + 1] !== 255) continue;
      const shifted = hasMatchNearby(a, i, b, x, y, width, height, shiftRadius) && hasMatchNearby(b, i, a, x, y, width, height, shiftRadius);
      if (!shifted) fgHard++;
    }
  }
  return {
    largestDefect: largestDefect(a, b, width, height, Math.max(1, Math.round(DEFECT_BLOCK * scale))) / (scale * scale),
    mismatch: differing / (width * height),
    fgMismatch: fg ? fgDiff / fg : 0,
    shiftMismatch: fg ? fgHard / fg : 0,
    background,
    diffImage: diff ? { width, height, data: out } : undefined,
  };
}

/** Block size (CSS px) of the defect term: about a line of body text. */
const DEFECT_BLOCK = 12;
/** Defect area (CSS px²) at which the defect part of the score halves; at a quarter of it (1200 px², a small button) it is 0.8. */
const DEFECT_HALF = 4800;

/**
 * The score in 0..1, higher is better: the worse of two views. The pixel view (square root of the foreground loss, which
 * spreads the top of the scale where decisions are made) sees overall likeness; the defect view sees the one thing a
 * reviewer would point at. Neither alone separates a font difference from a missing button; together they do.
 */
export function visualScore(terms: Pick<PixelTerms, 'mismatch' | 'shiftMismatch' | 'largestDefect'>): number {
  const pixel = 1 - Math.sqrt(0.2 * terms.mismatch + 0.8 * terms.shiftMismatch);
  const defect = 1 / (1 + terms.largestDefect / DEFECT_HALF);
  return Math.max(0, Math.min(1, Math.min(0.6 + 0.4 * pixel, defect)));
}

export function compare(design: RgbaImage, render: RenderResult, options: CompareOptions = {}): { scores: Scores; diff?: RgbaImage; pixels: PixelTerms } {
  const dpr = render.viewport.deviceScaleFactor;
  const { diffImage, ...pixels } = pixelTerms(design, render.image, { ...options, scale: dpr });
  const scores: Scores = {
    mismatch: pixels.mismatch,
    fgMismatch: pixels.fgMismatch,
    largestDefect: Math.round(pixels.largestDefect),
    score: visualScore(pixels),
    // CSS px, like every size reported: at 1.5x a device-pixel size says nothing about the component.
    width: Math.round(design.width / dpr),
    height: Math.round(design.height / dpr),
    renderedWidth: Math.round(render.documentWidth),
    renderedHeight: Math.round(render.documentHeight),
    ...(options.lossy ? { lossyQuality: options.lossy.quality } : {}),
  };
  if (options.texts) {
    // Text terms (Design2Code): a page can look right pixel-wise and still miss or misplace its words.
    const terms = textTerms(options.texts, render.texts, { width: design.width / dpr, height: design.height / dpr });
    Object.assign(scores, terms);
    const type = typographyOf(options.texts, render.texts);
    if (type) scores.typography = type.typography;
    const text = (terms.textRecall + terms.blockMatch + terms.textPosition + terms.textColor) / 4;
    // A factor, not a blend: text terms can only lower the visual score, never lift a page that looks wrong.
    scores.score = scores.score * (0.75 + 0.25 * text);
  }
  return { scores, diff: diffImage, pixels };
}
