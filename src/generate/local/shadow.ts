// Box shadows. A box's shadow is the colour behind it darkened evenly (a black of some alpha, blurred) in bands that
// fade outward from the box's edges: along an edge every pixel of a band is one colour, and band after band is
// lighter. Left in the picture, the bands are thin boxes of their own or join the box (a card whose fill is the page's
// was no box at all, only its fields); found, the box gets a `box-shadow` fitted to them and the bands go.
import type { RgbaImage } from '../../types.js';
import { colorDistance, pixel, type Rect, type Region, type Rgb } from './segment.js';

/** A CSS `box-shadow` of black: offsets and blur radius in px, alpha 0–1. */
export interface Shadow {
  x: number;
  y: number;
  blur: number;
  alpha: number;
}

/** A box found by its shadow: its rectangle (its top unknown when no band lies above it) and the shadow fitted. */
export interface ShadowedBox {
  x: number;
  y?: number;
  width: number;
  bottom: number;
  /** Where its side bands start: with no top, its shadow is painted over from there down. */
  sides: number;
  shadow: Shadow;
}

type Side = 'top' | 'bottom' | 'left' | 'right';

/** A band of shadow along one side of a box: `edge` is its first line outside the box, `darkness` each line's. */
interface Band {
  side: Side;
  edge: number;
  from: number;
  to: number;
  darkness: number[];
}

/** The shortest stretch (px) of one colour along an edge that can be a band: no glyph's row is that long and even. */
const LEAST_RUN = 40;
/** Darkening (share of the fill) below which a line is the fill: two levels of 255. */
const FAINT = 0.008;
/** The least darkening of a band's first line: fainter shadows cost next to nothing left out. */
const LEAST_START = 0.02;
/** How far (px) from a box's corner the even part of its side bands may start: the shadow fades round the corner. */
const CORNER = 64;
/** The most (levels) a lossy design's band may vary along its line. */
const EVEN_NOISE = 3;

/**
 * How much darker than `fill` a colour is, when it is `fill` darkened evenly (by black) within `noise` levels; else -1.
 * Not exactly even even losslessly: the blur and the blend round per channel, and darker channels darken a little more.
 */
function darkening(r: number, g: number, b: number, fill: Rgb, noise = 0): number {
  const v = [r, g, b];
  let sum = 0, n = 0;
  for (let c = 0; c < 3; c++) if (fill[c] >= 48) (sum += 1 - v[c] / fill[c]), n++;
  if (!n) return -1;
  const d = sum / n;
  if (d < FAINT / 2) return d > -FAINT / 2 - noise / 255 ? 0 : -1;
  for (let c = 0; c < 3; c++) if (Math.abs(v[c] - fill[c] * (1 - d)) > 2 + noise + 25 * d) return -1;
  return d;
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26 through erf). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * The bands of shadow in `area` over `fill`, along each side. A band starts at a line even over LEAST_RUN px or more
 * and each line after it, outward, is even over the middle of that stretch and lighter, down to the fill; its first
 * three lines lighten strictly (a box's own edge or fill repeats).
 */
function bands(image: RgbaImage, area: Rect, fill: Rgb, noise = 0): Band[] {
  const { width, data } = image;
  const found: Band[] = [];
  // A codec's noise over a smooth gradient is a level or three, far less than over edges (which it snaps for): more
  // would join a band to the page past the box's corner.
  const even = Math.min(noise, EVEN_NOISE);
  const near = (i: number, j: number) => Math.abs(data[i] - data[j]) <= even && Math.abs(data[i + 1] - data[j + 1]) <= even && Math.abs(data[i + 2] - data[j + 2]) <= even;
  for (const side of ['top', 'bottom', 'left', 'right'] as Side[]) {
    const rows = side === 'top' || side === 'bottom';
    const out = side === 'bottom' || side === 'right' ? 1 : -1;
    const [lineFrom, lineTo, posFrom, posTo] = rows ? [area.y, area.y + area.height, area.x, area.x + area.width] : [area.x, area.x + area.width, area.y, area.y + area.height];
    const at = (line: number, pos: number) => 4 * (rows ? line * width + pos : pos * width + line);
    // The darkening of a line's mean over [from, to) where every pixel is within the noise of the first, or -1.
    const evenOver = (line: number, from: number, to: number): number => {
      if (line < lineFrom || line >= lineTo) return -1;
      const first = at(line, from);
      const sum = [0, 0, 0];
      for (let p = from; p < to; p++) {
        const i = at(line, p);
        if (!near(i, first)) return -1;
        (sum[0] += data[i]), (sum[1] += data[i + 1]), (sum[2] += data[i + 2]);
      }
      const n = to - from;
      return darkening(sum[0] / n, sum[1] / n, sum[2] / n, fill, noise);
    };
    // From the inside out: a band's first line is met before the lines that continue it.
    for (let line = out > 0 ? lineFrom : lineTo - 1; out > 0 ? line < lineTo : line >= lineFrom; line += out) {
      let start = posFrom;
      for (let p = posFrom + 1; p <= posTo; p++) {
        if (p < posTo && near(at(line, p), at(line, start))) continue;
        const from = start, to = p;
        start = p;
        if (to - from < LEAST_RUN) continue;
        const inset = Math.floor((to - from) / 10);
        const first = evenOver(line, from + inset, to - inset);
        if (first < LEAST_START) continue;
        // Already the continuation of a band found from a line further in.
        if (found.some((b) => b.side === side && (line - b.edge) * out > 0 && (line - b.edge) * out < b.darkness.length && b.from < to && from < b.to)) continue;
        const darkness = [first];
        for (let next = line + out; darkness.length < 64; next += out) {
          const d = evenOver(next, from + inset, to - inset);
          if (d < 0 || d > darkness[darkness.length - 1] + 0.001) break;
          darkness.push(d);
          if (d < FAINT) break;
        }
        // A band fades into the fill, or runs on to the edge of the area (a card near the window's side).
        const last = line + out * darkness.length;
        // Between two boxes it meets the other's band first: it has faded enough once down to a third.
        const least = darkness[darkness.length - 1];
        const faded = least < FAINT || last < lineFrom || last >= lineTo || (least <= first / 3 && evenOver(last, from + inset, to - inset) > least);
        if (faded && darkness.length >= 3 && darkness[1] < darkness[0] && darkness[2] < darkness[1]) found.push({ side, edge: line, from, to, darkness });
      }
    }
  }
  return found;
}

/**
 * A box's own edge darker than its shadow (a light grey border over white, one line or two where it falls between
 * pixels) starts the band: a step much steeper than the next is where the box ends, and the band starts after it.
 */
function withoutEdge(band: Band): Band {
  const d = band.darkness;
  const out = band.side === 'bottom' || band.side === 'right' ? 1 : -1;
  for (let k = 0; k < 2 && k + 2 < d.length; k++) {
    if (d[k] - d[k + 1] > 2 * (d[k + 1] - d[k + 2]) + 0.02) return { ...band, edge: band.edge + out * (k + 1), darkness: d.slice(k + 1) };
  }
  return band;
}

/**
 * The shadow that draws the bands best: a black of one alpha, offset and blurred (Gaussian, σ half the blur radius, as
 * CSS says), searched over whole pixels; the alpha for each is the least-squares one. A band's line `d` past the box's
 * edge is darkened by alpha · (1 − Φ((d + ½ − offset) / σ)), the offset being how far the shadow reaches out that side.
 */
function fit(sides: Band[]): { shadow: Shadow; error: number } {
  let best = { shadow: { x: 0, y: 0, blur: 0, alpha: 0 }, error: Infinity };
  const reach = (s: Side, x: number, y: number) => (s === 'bottom' ? y : s === 'top' ? -y : s === 'right' ? x : -x);
  const horizontal = sides.some((b) => b.side === 'left') && sides.some((b) => b.side === 'right');
  for (let blur = 1; blur <= 48; blur++) {
    const sigma = blur / 2;
    for (let y = -2; y <= 24; y++) {
      for (let x = horizontal ? -8 : 0; x <= (horizontal ? 8 : 0); x++) {
        let dg = 0, gg = 0, dd = 0;
        for (const b of sides) {
          const off = reach(b.side, x, y);
          b.darkness.forEach((d, i) => {
            const g = 1 - phi((i + 0.5 - off) / sigma);
            dg += d * g, gg += g * g, dd += d * d;
          });
        }
        if (gg === 0) continue;
        const alpha = dg / gg;
        const error = dd - alpha * dg;
        if (alpha > 0 && alpha <= 1 && error < best.error) best = { shadow: { x, y, blur, alpha }, error };
      }
    }
  }
  return best;
}

/** The most a band's darkness may miss the fitted shadow's, on average per line (about a level of 255). */
const FIT_ERROR = 0.005;

/**
 * Boxes in `area` over `fill` with a shadow: a band below, and one left and one right whose even parts end by its
 * corners; a band above, when there is one, gives the top. The shadow is fitted to the three (a band above is faint,
 * or hidden by the offset). `noise`: a lossy design's codec noise (levels).
 */
export function findShadows(image: RgbaImage, area: Rect, fill: Rgb, noise = 0): ShadowedBox[] {
  const all = bands(image, area, fill, noise).map(withoutEdge);
  const of = (side: Side) => all.filter((b) => b.side === side);
  const boxes: ShadowedBox[] = [];
  for (const bottom of of('bottom')) {
    const left = of('left').filter((b) => b.edge < bottom.from && bottom.from - b.edge <= CORNER && b.to <= bottom.edge && bottom.edge - b.to <= CORNER).sort((a, b) => b.edge - a.edge)[0];
    const right = of('right').filter((b) => b.edge >= bottom.to && b.edge - bottom.to <= CORNER && b.to <= bottom.edge && bottom.edge - b.to <= CORNER).sort((a, b) => a.edge - b.edge)[0];
    if (!left || !right) continue;
    const x = left.edge + 1, width = right.edge - x;
    const top = of('top').filter((b) => b.from >= x - 1 && b.to <= x + width + 1 && b.edge < Math.min(left.from, right.from) && Math.min(left.from, right.from) - b.edge <= CORNER).sort((a, b) => b.edge - a.edge)[0];
    const sides = [bottom, left, right];
    const { shadow, error } = fit(sides);
    const lines = sides.reduce((n, b) => n + b.darkness.length, 0);
    if (Math.sqrt(error / lines) > FIT_ERROR) continue;
    boxes.push({ x, y: top ? top.edge + 1 : undefined, width, bottom: bottom.edge, sides: Math.min(left.from, right.from), shadow: { ...shadow, alpha: Math.round(shadow.alpha * 100) / 100 } });
  }
  return boxes;
}

/** How far (px) past a box its shadow darkens anything. */
const reachOf = ({ x, y, blur }: Shadow) => Math.ceil(Math.max(Math.abs(x), Math.abs(y)) + 1.5 * blur) + 1;

/** A copy of `image` with the shadows of `boxes` painted over in `fill`: what the boxes would be without them. */
export function withoutShadows(image: RgbaImage, boxes: ShadowedBox[], fill: Rgb, noise = 0): RgbaImage {
  const data = new Uint8Array(image.data);
  for (const box of boxes) {
    const reach = reachOf(box.shadow);
    // With no top found, the box's columns above its bottom are the box: only its sides are painted over.
    const top = box.y ?? -Infinity;
    const x0 = Math.max(0, box.x - reach), x1 = Math.min(image.width, box.x + box.width + reach);
    const y0 = Math.max(0, (box.y ?? box.sides) - reach), y1 = Math.min(image.height, box.bottom + reach);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (x >= box.x && x < box.x + box.width && y >= top && y < box.bottom) continue;
        const i = 4 * (y * image.width + x);
        const d = darkening(data[i], data[i + 1], data[i + 2], fill, noise);
        if (d > 0 && d <= box.shadow.alpha + 0.03) (data[i] = fill[0]), (data[i + 1] = fill[1]), (data[i + 2] = fill[2]);
      }
    }
  }
  return { ...image, data };
}

/** `box-shadow` of a shadow. */
export const shadowCss = ({ x, y, blur, alpha }: Shadow) => `${x ? `${x}px` : 0} ${y ? `${y}px` : 0} ${blur}px rgba(0, 0, 0, ${alpha})`;

/**
 * The segmentation's regions with the shadows found: a region where a box was found by its shadow takes it; a box of
 * the colour behind it, which only its shadow shows (a card on a page of its fill), is a region of its own holding the
 * regions inside it.
 */
export function withShadows(regions: Region[], boxes: ShadowedBox[], image: RgbaImage, fill: Rgb): Region[] {
  let out = regions;
  for (const box of boxes) {
    const right = box.x + box.width;
    const match = out.find((r) => r.kind === 'box' && Math.abs(r.x - box.x) <= 1 && Math.abs(r.x + r.width - right) <= 1 && Math.abs(r.y + r.height - box.bottom) <= 1 && (box.y === undefined || Math.abs(r.y - box.y) <= 1));
    if (match) {
      match.shadow = box.shadow;
      continue;
    }
    if (box.y === undefined || colorDistance(pixel(image, Math.floor(box.x + box.width / 2), box.bottom - 2), fill) > 2) continue;
    const rect = { x: box.x, y: box.y, width: box.width, height: box.bottom - box.y };
    const within = out.filter((r) => r.x >= rect.x && r.y >= rect.y && r.x + r.width <= right && r.y + r.height <= box.bottom);
    out = [...out.filter((r) => !within.includes(r)), { ...rect, kind: 'box', fill, radius: 0, children: within, shadow: box.shadow }];
  }
  return out;
}
