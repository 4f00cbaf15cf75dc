// Segmentation of a design into nested boxes: a uniform rectangle that differs from its surroundings is a box (panel,
// card, button, separator); a busy region full of colours is an image; what remains inside a box is its content (text).
import type { RgbaImage } from '../../types.js';
import type { Shadow } from './shadow.js';

export type Rgb = [number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Region extends Rect {
  kind: 'box' | 'image';
  fill: Rgb;
  radius: number;
  /** `inset`: the browser's own two-tone frame (an unstyled field's fallback), top and left in its dark shade. */
  border?: { color: Rgb; width: number; style?: 'inset' };
  children: Region[];
  /** A small mark that is a form control (see semantics.ts), and whether it is drawn checked. */
  control?: { type: 'checkbox' | 'radio'; checked: boolean; accent?: Rgb };
  /** A small chevron at the right end, centred: with a field's shape, a select. */
  chevron?: boolean;
  /** The box's shadow (shadow.ts). */
  shadow?: Shadow;
}

const CELL = 2; // analysis grid in px: fine enough for 1 px separators to survive as their own cells' colour

export const colorDistance = (a: Rgb, b: Rgb) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));

export function pixel(image: RgbaImage, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

/** The most frequent colour inside a rectangle (sampled), and its share; colours near `except` are not candidates. */
export function dominantIn(image: RgbaImage, r: Rect, except?: Rgb): { color: Rgb; share: number } {
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor(Math.sqrt((r.width * r.height) / 20000)));
  let total = 0;
  let best = 0;
  let bestCount = 0;
  for (let y = r.y; y < r.y + r.height; y += step) {
    for (let x = r.x; x < r.x + r.width; x += step) {
      const i = (y * image.width + x) * 4;
      // Quantise lightly so JPEG noise and dithering count as one colour.
      total++;
      if (except && Math.max(Math.abs(image.data[i] - except[0]), Math.abs(image.data[i + 1] - except[1]), Math.abs(image.data[i + 2] - except[2])) <= 10) continue;
      const key = ((image.data[i] >> 2) << 12) | ((image.data[i + 1] >> 2) << 6) | (image.data[i + 2] >> 2);
      const c = (counts.get(key) ?? 0) + 1;
      counts.set(key, c);
      if (c > bestCount) {
        bestCount = c;
        best = key;
      }
    }
  }
  const color: Rgb = [((best >> 12) & 63) * 4 + 2, ((best >> 6) & 63) * 4 + 2, (best & 63) * 4 + 2];
  // Report the exact average of the pixels in that bucket for faithful colours.
  let sr = 0, sg = 0, sb = 0, n = 0;
  for (let y = r.y; y < r.y + r.height; y += step) {
    for (let x = r.x; x < r.x + r.width; x += step) {
      const i = (y * image.width + x) * 4;
      const key = ((image.data[i] >> 2) << 12) | ((image.data[i + 1] >> 2) << 6) | (image.data[i + 2] >> 2);
      if (key !== best) continue;
      sr += image.data[i]; sg += image.data[i + 1]; sb += image.data[i + 2]; n++;
    }
  }
  return { color: n ? [Math.round(sr / n), Math.round(sg / n), Math.round(sb / n)] : color, share: total ? bestCount / total : 0 };
}

interface Component extends Rect {
  cells: number;
}

/** Connected components of cells (CELL px squares) inside `area` whose mean colour differs from `fill`. */
function components(image: RgbaImage, area: Rect, fill: Rgb, tolerance: number): Component[] {
  const cols = Math.ceil(area.width / CELL);
  const rows = Math.ceil(area.height / CELL);
  const mask = new Uint8Array(cols * rows);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let diff = false;
      for (let y = area.y + cy * CELL; y < Math.min(area.y + area.height, area.y + (cy + 1) * CELL) && !diff; y++) {
        for (let x = area.x + cx * CELL; x < Math.min(area.x + area.width, area.x + (cx + 1) * CELL); x++) {
          const i = (y * image.width + x) * 4;
          if (Math.abs(image.data[i] - fill[0]) > tolerance || Math.abs(image.data[i + 1] - fill[1]) > tolerance || Math.abs(image.data[i + 2] - fill[2]) > tolerance) {
            diff = true;
            break;
          }
        }
      }
      if (diff) mask[cy * cols + cx] = 1;
    }
  }
  const found: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1) continue;
    mask[start] = 2;
    stack.push(start);
    let minX = cols, minY = rows, maxX = 0, maxY = 0, cells = 0;
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % cols;
      const cy = (c - cx) / cols;
      cells++;
      if (cx < minX) minX = cx;
      if (cx > maxX) maxX = cx;
      if (cy < minY) minY = cy;
      if (cy > maxY) maxY = cy;
      if (cx > 0 && mask[c - 1] === 1) { mask[c - 1] = 2; stack.push(c - 1); }
      if (cx < cols - 1 && mask[c + 1] === 1) { mask[c + 1] = 2; stack.push(c + 1); }
      if (cy > 0 && mask[c - cols] === 1) { mask[c - cols] = 2; stack.push(c - cols); }
      if (cy < rows - 1 && mask[c + cols] === 1) { mask[c + cols] = 2; stack.push(c + cols); }
    }
    const x = area.x + minX * CELL;
    const y = area.y + minY * CELL;
    found.push({
      x,
      y,
      width: Math.min(area.x + area.width, area.x + (maxX + 1) * CELL) - x,
      height: Math.min(area.y + area.height, area.y + (maxY + 1) * CELL) - y,
      cells,
    });
  }
  return found;
}

/** Tightens a rectangle to the pixels that differ from `fill` (the cell grid rounds outwards). */
function tighten(image: RgbaImage, r: Rect, fill: Rgb, tolerance: number): Rect {
  const differs = (x: number, y: number) => colorDistance(pixel(image, x, y), fill) > tolerance;
  const rowHas = (y: number) => { for (let x = r.x; x < r.x + r.width; x++) if (differs(x, y)) return true; return false; };
  const colHas = (x: number, y0: number, y1: number) => { for (let y = y0; y < y1; y++) if (differs(x, y)) return true; return false; };
  let top = r.y, bottom = r.y + r.height - 1;
  while (top < bottom && !rowHas(top)) top++;
  while (bottom > top && !rowHas(bottom)) bottom--;
  let left = r.x, right = r.x + r.width - 1;
  while (left < right && !colHas(left, top, bottom + 1)) left++;
  while (right > left && !colHas(right, top, bottom + 1)) right--;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The page's own colour: the most frequent one along its edges (a large panel may outweigh it inside). */
export function borderColor(image: RgbaImage, r: Rect): Rgb {
  const counts = new Map<number, number>();
  let best = 0, bestCount = 0;
  const count = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    const key = (image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2];
    const c = (counts.get(key) ?? 0) + 1;
    counts.set(key, c);
    if (c > bestCount) { bestCount = c; best = key; }
  };
  for (let x = r.x; x < r.x + r.width; x++) { count(x, r.y); count(x, r.y + r.height - 1); }
  for (let y = r.y; y < r.y + r.height; y++) { count(r.x, y); count(r.x + r.width - 1, y); }
  return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}

/** How many distinct colours (coarsely quantised) a rectangle holds: photos and illustrations hold many. */
function colourfulness(image: RgbaImage, r: Rect, bits = 4): number {
  const shift = 8 - bits;
  const seen = new Set<number>();
  const step = Math.max(1, Math.floor(Math.sqrt((r.width * r.height) / 4000)));
  for (let y = r.y; y < r.y + r.height; y += step) {
    for (let x = r.x; x < r.x + r.width; x += step) {
      const i = (y * image.width + x) * 4;
      seen.add(((image.data[i] >> shift) << (2 * bits)) | ((image.data[i + 1] >> shift) << bits) | (image.data[i + 2] >> shift));
    }
  }
  return seen.size;
}

export function averageColor(image: RgbaImage, r: Rect): Rgb {
  let sr = 0, sg = 0, sb = 0, n = 0;
  const step = Math.max(1, Math.floor(Math.sqrt((r.width * r.height) / 10000)));
  for (let y = r.y; y < r.y + r.height; y += step) {
    for (let x = r.x; x < r.x + r.width; x += step) {
      const i = (y * image.width + x) * 4;
      sr += image.data[i]; sg += image.data[i + 1]; sb += image.data[i + 2]; n++;
    }
  }
  return n ? [Math.round(sr / n), Math.round(sg / n), Math.round(sb / n)] : [255, 255, 255];
}

/** The rectangle without its outer rows and columns where `color` covers less than half the pixels. */
function trimToFill(image: RgbaImage, r: Rect, color: Rgb, tolerance = 8, reach = 0): Rect {
  // Strict: neighbouring pastel panels differ by little more than a dozen levels.
  const rowShare = (y: number, x0: number, x1: number) => shareNear(image, { x: x0, y, width: x1 - x0, height: 1 }, color, tolerance);
  const colShare = (x: number, y0: number, y1: number) => shareNear(image, { x, y: y0, width: 1, height: y1 - y0 }, color, tolerance);
  // Side-by-side panels are cut by columns first, stacked ones by rows first: try both orders and keep the larger box.
  const cut = (colsFirst: boolean) => {
    let top = r.y, bottom = r.y + r.height, left = r.x, right = r.x + r.width;
    const cutRows = () => {
      while (bottom - top > 2 && rowShare(top, left, right) < 0.5) top++;
      while (bottom - top > 2 && rowShare(bottom - 1, left, right) < 0.5) bottom--;
    };
    const cutCols = () => {
      while (right - left > 2 && colShare(left, top, bottom) < 0.5) left++;
      while (right - left > 2 && colShare(right - 1, top, bottom) < 0.5) right--;
    };
    // Past lines of the fill's colour, up to `reach` further in, a line with next to none of the fill (a border; a row
    // through a label keeps a third of it) ends the edge there: a resampled border's outer blend can be as light as the
    // fill beside it.
    const beyond = () => {
      for (let k = reach; k >= 1; k--) if (right - left > 2 * k + 2 && colShare(left + k, top, bottom) < 0.1) { left += k + 1; break; }
      for (let k = reach; k >= 1; k--) if (right - left > 2 * k + 2 && colShare(right - 1 - k, top, bottom) < 0.1) { right -= k + 1; break; }
      for (let k = reach; k >= 1; k--) if (bottom - top > 2 * k + 2 && rowShare(top + k, left, right) < 0.1) { top += k + 1; break; }
      for (let k = reach; k >= 1; k--) if (bottom - top > 2 * k + 2 && rowShare(bottom - 1 - k, left, right) < 0.1) { bottom -= k + 1; break; }
    };
    if (colsFirst) { cutCols(); cutRows(); } else { cutRows(); cutCols(); }
    if (reach) beyond();
    return { top, bottom, left, right };
  };
  const a = cut(true), b = cut(false);
  let { top, bottom, left, right } = (a.bottom - a.top) * (a.right - a.left) >= (b.bottom - b.top) * (b.right - b.left) ? a : b;
  // Rounded corners lower the first and last rows' share: give back the rows that still hold the colour in their middle.
  while (top > r.y && rowShare(top - 1, left + Math.floor((right - left) / 4), right - Math.floor((right - left) / 4)) > 0.9) top--;
  while (bottom < r.y + r.height && rowShare(bottom, left + Math.floor((right - left) / 4), right - Math.floor((right - left) / 4)) > 0.9) bottom++;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Corner radius: how far along the top-left corner's diagonal what is behind the box still shows, before the box's
 * outermost colour (its border, else its fill) begins.
 */
function cornerRadius(image: RgbaImage, r: Rect, edge: Rgb, fill: Rgb = edge): number {
  // The very corner pixel shows what is behind a rounded box (pale cards on pale pages differ by a dozen levels only).
  const behind = pixel(image, r.x, r.y);
  const contrast = colorDistance(behind, edge);
  if (contrast < 6) return 0;
  // Anti-aliased pixels count for the share of what is behind that they show: small radii need the fractions.
  let d = 0;
  for (let k = 0; k < Math.min(r.width, r.height) / 2; k++) {
    const p = pixel(image, r.x + k, r.y + k);
    if (colorDistance(p, fill) < colorDistance(p, behind)) break; // inside the box already
    const shows = Math.min(1, colorDistance(p, edge) / contrast);
    d += shows;
    // Past the edge: a white box on a white page shows white again inside its border.
    if (shows < 0.5) break;
  }
  // A circle's corner sits r(1 - 1/√2) ≈ 0.29 r in along the diagonal.
  return d < 0.8 ? 0 : Math.min(Math.round(d / 0.29), Math.floor(Math.min(r.width, r.height) / 2));
}

/**
 * A one-colour frame around the fill: a border. On a resampled design (`resampled`) a 1 px border straddles two pixels,
 * the outer one faint, and blends into the fill on its inner side: its colour is the stronger pixel's, and only the
 * pixels nearly as strong count for its width (a blend lighter than that is the same 1 px line spread out).
 */
function frameOf(image: RgbaImage, r: Rect, fill: Rgb, resampled = false): Region['border'] {
  if (r.width < 6 || r.height < 6) return undefined;
  const midY = r.y + Math.floor(r.height / 2);
  const stronger = resampled && colorDistance(pixel(image, r.x + 1, midY), fill) > colorDistance(pixel(image, r.x, midY), fill);
  const edge = pixel(image, r.x + (stronger ? 1 : 0), midY);
  const contrast = colorDistance(edge, fill);
  if (contrast <= 24) return undefined;
  // Resampled, a strong box rings past its edge in a tone beyond what is behind it (a magenta button's 255/241/246
  // ring on a 251/228/236 page): a ring, not a border.
  const outside = r.x > 0 ? pixel(image, r.x - 1, midY) : undefined;
  if (resampled && outside && colorDistance(edge, outside) <= 16 && colorDistance(edge, fill) >= colorDistance(outside, fill)) return undefined;
  let width = 0;
  if (resampled) {
    width = stronger ? 2 : 1;
    while (width < 6 && colorDistance(pixel(image, r.x + width, midY), fill) >= 0.75 * contrast) width++;
  } else {
    while (width < 6 && colorDistance(pixel(image, r.x + width, midY), edge) <= 24) width++;
  }
  if (width >= 6) return undefined;
  // All four sides must be straight lines of that colour (rounded corners aside): a round glyph (an "O") touches
  // its box in the middle of each side only.
  // A 1 px border at a fractional position is spread over two rows in lighter tones: a pixel counts when it, or the
  // one outside it, is the border's colour, or when it is a blend at least 40 % of the way from the fill to it.
  const isEdge = (x: number, y: number, ox: number, oy: number) => {
    const p = pixel(image, x, y);
    const d = colorDistance(p, edge);
    const off = colorDistance(p, fill);
    // Half-way counts: a line centred between two rows leaves each of them an even blend.
    if (d <= 24 || colorDistance(pixel(image, x + ox, y + oy), edge) <= 24 || (off >= 20 && (d < off || off >= 0.4 * colorDistance(edge, fill)))) return true;
    // Resampled, the faint outer pixel counts when the one inside it is the border's.
    return resampled && colorDistance(pixel(image, x - ox, y - oy), edge) <= 24;
  };
  const along = (x0: number, y0: number, dx: number, dy: number, n: number, ox: number, oy: number) => {
    let hit = 0;
    for (let k = 0; k < n; k++) if (isEdge(x0 + k * dx, y0 + k * dy, ox, oy)) hit++;
    return hit / Math.max(1, n);
  };
  const sides = [along(r.x, r.y, 0, 1, r.height, -1, 0), along(r.x + r.width - 1, r.y, 0, 1, r.height, 1, 0), along(r.x, r.y, 1, 0, r.width, 0, -1), along(r.x, r.y + r.height - 1, 1, 0, r.width, 0, 1)];
  if (sides.some((share) => share < 0.6)) return undefined;
  return { color: resampled && width === 1 ? unblurred(edge, fill) : edge, width };
}

/** Chromium's dark shade of a colour (`Color::Dark`), the top and left of an `inset` border drawn in it. */
export function insetShade(c: Rgb): Rgb {
  const v = Math.max(...c) / (256 - 1e-5);
  const k = v > 0 ? Math.max(0, (v - 0.33) / v) : 0;
  return c.map((x) => Math.floor(x * k)) as Rgb;
}

/**
 * An `inset` frame around a box of `fill`: top and left in one colour, bottom and right in a lighter one whose dark
 * shade (insetShade) the first is, 1 to 4 px of each, as the browser draws a field it has no style for
 * (`2px inset #767676`: #212121 above, #767676 below). The component may reach past the frame over a shadow beside it:
 * the bottom and right are found where the fill ends. Lossless designs only.
 */
function insetFrameOf(image: RgbaImage, r: Rect, fill: Rgb): { rect: Rect; border: NonNullable<Region['border']> } | undefined {
  if (r.width < 12 || r.height < 12) return undefined;
  const midY = r.y + Math.floor(r.height / 2), midX = r.x + Math.floor(r.width / 2);
  // A shadow may lie outside the frame too: the frame starts at the first line that stands out from the fill.
  let x0 = r.x, y0 = r.y;
  while (x0 < r.x + 4 && colorDistance(pixel(image, x0, midY), fill) <= 24) x0++;
  while (y0 < r.y + 4 && colorDistance(pixel(image, midX, y0), fill) <= 24) y0++;
  const dark = pixel(image, x0, midY);
  if (colorDistance(dark, fill) <= 24 || colorDistance(pixel(image, midX, y0), dark) > 8) return undefined;
  let width = 0;
  while (width < 5 && colorDistance(pixel(image, x0 + width, midY), dark) <= 8) width++;
  if (width > 4) return undefined;
  // The fill's last column and row, along the fill's first row and column (a label in the middle would stop them): the
  // frame's light sides lie just beyond, their outer line in the light colour itself.
  const inY = y0 + width, inX = x0 + width;
  let right = inX;
  while (right + 1 < r.x + r.width && colorDistance(pixel(image, right + 1, inY), fill) <= 6) right++;
  let bottom = inY;
  while (bottom + 1 < r.y + r.height && colorDistance(pixel(image, inX, bottom + 1), fill) <= 6) bottom++;
  if (right + width >= r.x + r.width || bottom + width >= r.y + r.height) return undefined;
  const light = pixel(image, right + width, midY);
  // Two tones: a black frame is its own shade by the formula (Chromium draws black's as #545454 instead).
  if (colorDistance(light, dark) <= 24 || colorDistance(insetShade(light), dark) > 8) return undefined;
  const rect = { x: x0, y: y0, width: right + width - x0 + 1, height: bottom + width - y0 + 1 };
  // Every side's lines in its colour along the middle of the side; the light sides' inner line may be a blend of it and
  // the fill (a box ending half a pixel down: 186 between 255 and 118).
  const between = (p: Rgb, a: Rgb, b: Rgb) => colorDistance(p, a) + colorDistance(p, b) <= colorDistance(a, b) + 8;
  const sideIs = (color: Rgb, line: (k: number) => Rgb, n: number, blends = false) => {
    let hit = 0, count = 0;
    for (let k = Math.floor(n * 0.1); k < Math.ceil(n * 0.9); k++, count++) if (colorDistance(line(k), color) <= 8 || (blends && between(line(k), fill, color))) hit++;
    return hit >= 0.9 * count;
  };
  for (let w = 0; w < width; w++) {
    const ok = sideIs(dark, (k) => pixel(image, rect.x + w, rect.y + k), rect.height) && sideIs(dark, (k) => pixel(image, rect.x + k, rect.y + w), rect.width) &&
      sideIs(light, (k) => pixel(image, rect.x + rect.width - 1 - w, rect.y + k), rect.height, true) && sideIs(light, (k) => pixel(image, rect.x + k, rect.y + rect.height - 1 - w), rect.width, true);
    if (!ok) return undefined;
  }
  return { rect, border: { color: light, width, style: 'inset' } };
}

/**
 * How far a line across `r` (a column `at` when `upright`, else a row) stands from `against` (a colour, or the line
 * `against` beside it), summed along the middle of the side, short of rounded corners.
 */
function lineStanding(image: RgbaImage, r: Rect, upright: boolean, at: number, against: Rgb | number): number {
  const [start, n] = upright ? [r.y, r.height] : [r.x, r.width];
  const on = (line: number, k: number) => (upright ? pixel(image, line, start + k) : pixel(image, start + k, line));
  let sum = 0;
  for (let k = Math.floor(n * 0.2); k < Math.ceil(n * 0.8); k++) sum += colorDistance(on(at, k), typeof against === 'number' ? on(against, k) : against);
  return sum;
}

/**
 * The rectangle whose sides are the lines that stand out most from `fill`, each within `reach` px inside `r`'s side
 * (along the middle of the side, short of rounded corners).
 */
function strongestLines(image: RgbaImage, r: Rect, fill: Rgb, reach: number): Rect {
  const standing = (upright: boolean, at: number) => lineStanding(image, r, upright, at, fill);
  const strongest = (upright: boolean, from: number, step: number) => {
    let best = from;
    for (let k = 1; k <= reach; k++) if (standing(upright, from + k * step) > standing(upright, best)) best = from + k * step;
    return best;
  };
  const left = strongest(true, r.x, 1), right = strongest(true, r.x + r.width - 1, -1);
  const top = strongest(false, r.y, 1), bottom = strongest(false, r.y + r.height - 1, -1);
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * A resampled box's edges moved onto its 1 px border's core: the resample spreads the line over two pixels, towards
 * the right and the bottom (a border at x = 734 comes back 155 at 734 and 194 at 735 on white), and a box measured to
 * the faint one came out a pixel wider, or a pixel narrower where its left edge was cut at the blend, than the
 * design's, its border drawn on the blend. A side steps a pixel in where that line stands out more from the fill
 * along the middle of the side, or a pixel out where the line there stands out more from both the fill and what lies
 * beyond it: a ring beyond a strong box stands out from the box but is the colour of what is behind it.
 */
function onBorderCore(image: RgbaImage, r: Rect, fill: Rgb): Rect {
  const standing = (upright: boolean, at: number, from?: number) => lineStanding(image, r, upright, at, from ?? fill);
  const side = (upright: boolean, at: number, inward: number) => {
    const limit = upright ? image.width : image.height;
    if (standing(upright, at + inward) > standing(upright, at)) return at + inward;
    const out = at - inward, beyond = at - 2 * inward;
    if (beyond < 0 || beyond >= limit) return at;
    return standing(upright, out) > standing(upright, at) && standing(upright, out, beyond) > standing(upright, at, beyond) ? out : at;
  };
  const left = side(true, r.x, 1), right = side(true, r.x + r.width - 1, -1);
  const top = side(false, r.y, 1), bottom = side(false, r.y + r.height - 1, -1);
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * How far a 1 px line's core still stands from the fill once a design was enlarged to 1.5x and brought back to CSS
 * size (Lanczos both ways, as the bench's variant and our resample do): a black line on white comes back 70 to 74.
 */
const RESAMPLED_LINE_PEAK = 0.72;

/**
 * A border's colour as the design shows it where its corners are measured (the top left): resampled, a 1 px border's
 * blurred core; inset, its dark shade.
 */
const seenBorder = (border: NonNullable<Region['border']>, fill: Rgb, resampled: boolean): Rgb =>
  border.style === 'inset' ? insetShade(border.color) : resampled && border.width === 1 ? (border.color.map((v, c) => Math.round(fill[c] + (v - fill[c]) * RESAMPLED_LINE_PEAK)) as Rgb) : border.color;

/** A resampled 1 px line's rows hold this much of its ink again (black on white: 185 + 109 = 294 for 255). */
const RESAMPLED_INK = 0.86;

/** The colour a resampled 1 px line was drawn in, from its blurred core (a #767676 border read as #9b9b9b). */
const unblurred = (core: Rgb, fill: Rgb): Rgb =>
  core.map((v, c) => Math.max(0, Math.min(255, Math.round(fill[c] + (v - fill[c]) / RESAMPLED_LINE_PEAK)))) as Rgb;

/** A 1-3 px line crossing the whole rectangle (column or row), with the two sides it leaves. */
function spanningLine(image: RgbaImage, r: Rect, fill: Rgb, tolerance: number): { strip: Rect; sides: Rect[] } | null {
  const differs = (x: number, y: number) => colorDistance(pixel(image, x, y), fill) > tolerance;
  const colCover = (x: number) => { let n = 0; for (let y = r.y; y < r.y + r.height; y++) if (differs(x, y)) n++; return n / r.height; };
  const rowCover = (y: number) => { let n = 0; for (let x = r.x; x < r.x + r.width; x++) if (differs(x, y)) n++; return n / r.width; };
  // Long enough that no glyph stroke (the bar of a large "T", the stem of an "l") passes for one.
  if (r.height >= 48) {
    for (let x = r.x; x < r.x + r.width; x++) {
      if (colCover(x) < 0.9) continue;
      let end = x + 1;
      while (end < r.x + r.width && colCover(end) >= 0.9) end++;
      if (end - x > 3) return null; // a bar, not a line
      return { strip: { x, y: r.y, width: end - x, height: r.height }, sides: [{ ...r, width: x - r.x }, { ...r, x: end, width: r.x + r.width - end }] };
    }
  }
  if (r.width >= 48) {
    for (let y = r.y; y < r.y + r.height; y++) {
      if (rowCover(y) < 0.9) continue;
      let end = y + 1;
      while (end < r.y + r.height && rowCover(end) >= 0.9) end++;
      if (end - y > 3) return null;
      return { strip: { x: r.x, y, width: r.width, height: end - y }, sides: [{ ...r, height: y - r.y }, { ...r, y: end, height: r.y + r.height - end }] };
    }
  }
  return null;
}

/**
 * A separator or rule: up to 3 px thick and 24 long, or up to 8 px thick and at least ten times as long (a page's
 * thick top rule). No glyph is that long for its thickness.
 */
const thinBar = (r: Rect) => {
  const thin = Math.min(r.width, r.height), long = Math.max(r.width, r.height);
  return (thin <= 3 && long >= 24) || (thin <= 8 && long >= Math.max(48, 10 * thin));
};

export interface SegmentOptions {
  /** Colour distance that separates a region from its parent's fill (default 6). */
  tolerance?: number;
  /** Boxes smaller than this on both sides are content (glyphs, icons), not boxes. */
  minBox?: number;
  maxDepth?: number;
  /**
   * Codec noise of a lossy design (the snap tolerance its cleaning used; 0 for lossless). Ringing along a box's edge
   * then makes neither a separator (a strip of its parent's colour) nor a border (a blend of the box and its parent).
   */
  noise?: number;
  /**
   * The design was resampled to CSS size from a fractional scale (1.5x): every edge is spread over two pixels and rings
   * beside it, so a row through a word or beside a box differs from the fill all along. A separator must then be a
   * line of its own colour (see ownRule).
   */
  resampled?: boolean;
}

/**
 * What a border leaves of its box to look inside. Lossy, the border blends into the fill over one more pixel, which
 * inside the box would pass for a separator along each side; resampled, the fill rings past that blend too (a row
 * of 250 inside a 238 button's dark border).
 */
const insideBorder = (r: Rect, width: number, blend: number): Rect => {
  const inset = width + blend;
  return { x: r.x + inset, y: r.y + inset, width: r.width - 2 * inset, height: r.height - 2 * inset };
};

/** Share of its length one row of a resampled rule keeps one colour over (a row through blurred words keeps none). */
const OWN_LINE_SHARE = 0.6;

/**
 * The rule a resampled strip holds, if it is a line in a colour of its own: its rows (columns for an upright one) that
 * are one colour nearly all along, not the fill's (a row of ringing or of a blurred word's strokes differs from the fill
 * all along without a colour that covers it: glyph tones change from pixel to pixel, and a ring's tint stays within a
 * few levels of the fill), and that
 * stand out from the fill by at least half as much as the row that stands out most, in that row's colour. Blurred,
 * a 4 px rule spreads over 7 rows whose tones differ by a few levels, so no one colour is the strip's (measured over
 * the strip it was a blend, or the fill); the rows past the midpoint between the fill and its core are its thickness.
 */
function ownRule(image: RgbaImage, strip: Rect, fill: Rgb): { rect: Rect; color: Rgb } | undefined {
  const across = strip.width >= strip.height;
  const rows: Array<{ k: number; color: Rgb; distance: number }> = [];
  for (let k = 0; k < (across ? strip.height : strip.width); k++) {
    const row = across ? { ...strip, y: strip.y + k, height: 1 } : { ...strip, x: strip.x + k, width: 1 };
    const own = dominantIn(image, row, fill);
    const distance = colorDistance(own.color, fill);
    if (own.share >= OWN_LINE_SHARE && distance > 10) rows.push({ k, color: own.color, distance });
  }
  if (!rows.length) return undefined;
  const core = rows.reduce((a, b) => (b.distance > a.distance ? b : a));
  const thick = rows.filter((r) => r.distance * 2 >= core.distance);
  const first = thick[0].k, size = thick[thick.length - 1].k - first + 1;
  if (size <= 2) {
    // A 1 or 2 px rule comes back from the resample paler and spread (a 1 px #c0c0c0 separator as rows of 209 and
    // 228; a 2 px one as 213, 183, 233): rows holding a quarter of the core's ink or more are two for a 1 px rule,
    // three for a 2 px one. The ink is kept (resampling keeps a line's sum, less the lobes beside it, which a white fill
    // clips: RESAMPLED_INK): the rule is the strongest row, or it and its stronger neighbour, in the colour that
    // holds the ink.
    const length = across ? strip.height : strip.width;
    const profile: Array<{ k: number; color: Rgb; distance: number }> = [];
    for (let k = -1; k <= length; k++) {
      const row = across ? { ...strip, y: strip.y + k, height: 1 } : { ...strip, x: strip.x + k, width: 1 };
      if (row.x < 0 || row.y < 0 || row.x + row.width > image.width || row.y + row.height > image.height) continue;
      const { color } = dominantIn(image, row);
      profile.push({ k, color, distance: colorDistance(color, fill) });
    }
    const peak = profile.reduce((a, b) => (b.distance > a.distance ? b : a));
    let held = profile.filter((r) => r.distance >= 0.25 * peak.distance);
    // A 2 px rule peaks in its middle row; three rows peaking at one end are a 1 px rule beside a box of its own.
    if (held.length === 3 && held[1] !== peak) held = held.filter((r) => Math.abs(r.k - peak.k) <= 1);
    const t = held.length - 1;
    if ((t === 1 || t === 2) && held[held.length - 1].k - held[0].k === t) {
      const ink = [0, 1, 2].map((c) => RESAMPLED_INK * held.reduce((sum, r) => sum + r.color[c] - fill[c], 0));
      const color = ink.map((v, c) => Math.max(0, Math.min(255, Math.round(fill[c] + v / t)))) as Rgb;
      const side = (k: number) => profile.find((r) => r.k === k)?.distance ?? 0;
      const at = t === 1 ? peak.k : side(peak.k - 1) >= side(peak.k + 1) ? peak.k - 1 : peak.k;
      return { rect: across ? { ...strip, y: strip.y + at, height: t } : { ...strip, x: strip.x + at, width: t }, color };
    }
  }
  return { rect: across ? { ...strip, y: strip.y + first, height: size } : { ...strip, x: strip.x + first, width: size }, color: core.color };
}

/**
 * Whether a thin strip of a lossy design is a line in a colour of its own: one of its rows along its length (columns
 * for an upright one) lies within the codec's noise of one colour, not the fill's, over OWN_LINE_SHARE of its length.
 * Counted within the noise, not by exact colour: a codec spreads a short rule's pixels over many tones (at quality 70,
 * no 4-level bucket held a tenth of one), while a row through words, its glyphs' cores and halos, keeps a third at most.
 */
function ownLossyLine(image: RgbaImage, strip: Rect, fill: Rgb, noise: number): boolean {
  const across = strip.width >= strip.height;
  for (let k = 0; k < (across ? strip.height : strip.width); k++) {
    const row = across ? { ...strip, y: strip.y + k, height: 1 } : { ...strip, x: strip.x + k, width: 1 };
    const { color } = dominantIn(image, row, fill);
    if (colorDistance(color, fill) > noise && shareNear(image, row, color, noise) >= OWN_LINE_SHARE) return true;
  }
  return false;
}

/** Levels a resampled design's flat fill strays by (Lanczos rings a level or two at 1.5x, more beside edges). */
const RESAMPLED_FILL = 4;

/**
 * The share of its fill that makes a resampled box solid: blurred, a label's glyphs spread over twice their pixels
 * and the border over three rows, and a small button's grey was 0.43 of it.
 */
const RESAMPLED_SOLID = 0.4;

/** The share of a rectangle's pixels within `tolerance` of a colour. */
function shareNear(image: RgbaImage, r: Rect, color: Rgb, tolerance: number): number {
  let n = 0;
  for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) if (colorDistance(pixel(image, x, y), color) <= tolerance) n++;
  return n / Math.max(1, r.width * r.height);
}

/** How far out from a box trimmed to its fill a lossy design's border is looked for. */
const CODEC_REACH = 4;

/**
 * A lossy design's box edge beyond the box trimmed to its fill (`trimmed`, inside its component `whole`). Chroma
 * subsampling smears a strong hue over the rows beside an edge, a different number on each side (1 to 4 px on one
 * box), so trimming to the fill stops short of it unevenly and the lossless path's symmetric peel does not find it.
 * On each side, up to CODEC_REACH px out: a 1 px border is the line that stands out most from the box's colour, one
 * colour along most of its length, in a lightness of its own (the codec keeps lightness sharp, and a saturated blue
 * box's edge only darker in blue is its hue error), and not a blend of the box and what is behind it (its halo). Without
 * a border on all four sides, the box reaches out over the unbroken lines as light as itself and far from what is behind it.
 * Undefined when neither moves an edge.
 */
function codecFrame(image: RgbaImage, trimmed: Rect, whole: Rect, color: Rgb, fill: Rgb, noise: number): { rect: Rect; border?: NonNullable<Region['border']> } | undefined {
  const { x, y, width, height } = trimmed;
  const line = (side: number, k: number): Rect =>
    [
      { x, y: y - k, width, height: 1 },
      { x, y: y + height - 1 + k, width, height: 1 },
      { x: x - k, y, width: 1, height },
      { x: x + width - 1 + k, y, width: 1, height },
    ][side];
  const inside = (r: Rect) => r.x >= whole.x && r.y >= whole.y && r.x + r.width <= whole.x + whole.width && r.y + r.height <= whole.y + whole.height;
  const borders: Array<{ k: number; color: Rgb; distance: number } | undefined> = [];
  const reach: number[] = [];
  for (let side = 0; side < 4; side++) {
    let best: { k: number; color: Rgb; distance: number } | undefined;
    let own = 0;
    for (let k = 1; k <= CODEC_REACH; k++) {
      const r = line(side, k);
      if (!inside(r)) break;
      const seen = lineColour(image, r);
      if (seen.share < 0.6) continue;
      const distance = colorDistance(seen.color, color);
      const sameLight = Math.abs(luma(seen.color) - luma(color)) <= noise;
      // Only while unbroken: past a line of another colour (a separator below a header) lies something else.
      if (sameLight && colorDistance(seen.color, fill) > noise && own === k - 1) own = k;
      const stands = distance > 24 && !sameLight && !isBlend(seen.color, color, fill, noise);
      if (stands && (!best || distance > best.distance)) best = { k, color: seen.color, distance };
    }
    borders.push(best);
    reach.push(own);
  }
  const framed = borders.every((b) => b);
  const [top, bottom, left, right] = framed ? borders.map((b) => b!.k) : reach;
  if (!top && !bottom && !left && !right) return undefined;
  const rect = { x: x - left, y: y - top, width: width + left + right, height: height + top + bottom };
  if (!framed) return { rect };
  // The side that stands out most keeps the border's colour best (the others bleed further towards the fill).
  const strongest = borders.reduce((a, b) => (b!.distance > a!.distance ? b : a))!;
  return { rect, border: { color: strongest.color, width: 1 } };
}

/** Lightness as a JPEG codes it (BT.601), at full resolution while its hue is halved. */
const luma = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];

/** The mean colour of a line and the share of its pixels within 24 levels of it (a codec's line wavers by a few). */
function lineColour(image: RgbaImage, r: Rect): { color: Rgb; share: number } {
  const mean = averageColor(image, r);
  let near = 0, n = 0;
  for (let yy = r.y; yy < r.y + r.height; yy++) for (let xx = r.x; xx < r.x + r.width; xx++, n++) if (colorDistance(pixel(image, xx, yy), mean) <= 24) near++;
  return { color: mean, share: n ? near / n : 0 };
}

/**
 * A codec's halo around a box: a thin strip along its edge in a colour between the box's and what is behind it (or
 * near the box's). Cutting the box out of its component leaves these beside it; they are not separators. On a
 * resampled design (`resampled`, lossless) the halo is the resampling kernel's ring instead: a faint band tinted away
 * from the box, past what is behind it.
 */
function withoutHalos(regions: Region[], fill: Rgb, noise: number, resampled = false): Region[] {
  const along = (s: Region, b: Region, reach = 4) =>
    s.x >= b.x - reach && s.y >= b.y - reach && s.x + s.width <= b.x + b.width + reach && s.y + s.height <= b.y + b.height + reach &&
    (s.x <= b.x + 3 || s.y <= b.y + 3 || s.x + s.width >= b.x + b.width - 3 || s.y + s.height >= b.y + b.height - 3);
  const halo = (s: Region) =>
    !s.children.length && Math.min(s.width, s.height) <= 3 &&
    regions.some((b) => b !== s && Math.min(b.width, b.height) > 6 && along(s, b) && (noise ? isBlend(s.fill, b.fill, fill, noise) || colorDistance(s.fill, b.fill) <= 24 + noise : isRing(s.fill, b.fill, fill)));
  // A strong hue (a yellow box's border) bleeds over as many rows as the codec shifted its border (CODEC_REACH) and
  // one more: a band that thick beside a box, in a blend of the box and what is behind it, is its halo too.
  const bleed = (s: Region) =>
    noise > 0 && !s.children.length && Math.min(s.width, s.height) <= CODEC_REACH + 2 &&
    regions.some((b) => b !== s && Math.min(b.width, b.height) > 6 && along(s, b, CODEC_REACH + 2) && isBlend(s.fill, b.fill, fill, noise));
  return regions.filter((r) => !halo(r) && !bleed(r));
}

/** A resampling kernel's ring beside an edge: `fill` lies between it and the edge's colour, and it stays faint. */
const isRing = (c: Rgb, edge: Rgb, fill: Rgb) => colorDistance(c, fill) <= 24 && isBlend(fill, c, edge, 2);

/**
 * A strip along one side of `area` in a colour between the area's fill and what lies just outside that side: the
 * anti-aliased edge of a box at a fractional position (or of its rounded border), not a line of its own.
 */
function edgeBlend(image: RgbaImage, area: Rect, strip: Rect, color: Rgb, fill: Rgb): boolean {
  const midX = Math.floor(strip.x + strip.width / 2), midY = Math.floor(strip.y + strip.height / 2);
  const sides: Array<[boolean, number, number]> = [
    [strip.width > strip.height && strip.y <= area.y + 2, midX, area.y - 1],
    [strip.width > strip.height && strip.y + strip.height >= area.y + area.height - 2, midX, area.y + area.height],
    [strip.height > strip.width && strip.x <= area.x + 2, area.x - 1, midY],
    [strip.height > strip.width && strip.x + strip.width >= area.x + area.width - 2, area.x + area.width, midY],
  ];
  return sides.some(([along, x, y]) => along && x >= 0 && y >= 0 && x < image.width && y < image.height && isBlend(color, fill, pixel(image, x, y), 4));
}

/** A colour lying between two others in every channel (within `slack`): what an edge blurred by a codec shows. */
const isBlend = (c: Rgb, a: Rgb, b: Rgb, slack: number) =>
  c.every((v, k) => v >= Math.min(a[k], b[k]) - slack && v <= Math.max(a[k], b[k]) + slack);

/**
 * The parts of a lossy design's component that stand out from `fill` by more than the codec's noise, when it holds
 * more than one or less than all of the component: ringing and chroma bleeding (a few levels off the fill, spread over
 * a 16 px chroma block) join boxes a dozen pixels apart, and text beside them, into one component that is no box
 * (pale answer boxes stacked on a page, a sidebar beside a column of text). Empty when it does not come apart, so that
 * looking again ends.
 */
function bridgedPieces(image: RgbaImage, rect: Rect, fill: Rgb, noise: number, minBox: number): Component[] {
  const pieces = components(image, rect, fill, noise).filter((p) => p.width >= minBox && p.height >= minBox);
  const whole = rect.width * rect.height;
  return pieces.length > 1 || (pieces.length === 1 && pieces[0].width * pieces[0].height < 0.9 * whole) ? pieces : [];
}

/** How many of a component's pieces at the codec's noise (bridgedPieces) are of a colour of their own beyond it. */
function strongPieces(image: RgbaImage, rect: Rect, fill: Rgb, noise: number, minBox: number): number {
  return bridgedPieces(image, rect, fill, noise, minBox).filter((p) => colorDistance(dominantIn(image, p).color, fill) > noise).length;
}

/**
 * The boxes inside `area` (whose fill is `fill`), recursively. A component is a box when one colour covers most of it
 * and that colour is not its parent's; a thin strip is a separator; a colourful component is an image.
 */
export function segment(image: RgbaImage, area: Rect, fill: Rgb, options: SegmentOptions = {}, depth = 0): Region[] {
  // 6 levels: a white card on a #f5f8ff page differs by 10, flat areas of a screenshot (or a good JPEG) by 2 or 3.
  const { tolerance = 6, minBox = 14, maxDepth = 6, noise = 0, resampled = false } = options;
  if (depth > maxDepth) return [];
  const borderOf = (r: Rect, color: Rgb) => {
    const border = frameOf(image, r, color, resampled);
    if (!border || !noise) return border;
    // Chroma subsampling shifts a box's edge towards another hue: an edge nearer the box than what is behind it is
    // still the box, unless it stands far out from it.
    const bled = colorDistance(border.color, color) <= 24 + noise && colorDistance(border.color, color) < colorDistance(border.color, fill);
    // An edge as light as the box is its hue error (see codecFrame), not a border.
    const hueOnly = Math.abs(luma(border.color) - luma(color)) <= noise;
    return isBlend(border.color, color, fill, noise) || bled || hueOnly ? undefined : border;
  };
  // The browser's inset frame passes for a one-colour frame of its dark shade (its light sides are far enough from the
  // fill to count), or for none when a shadow beside it joined the component: on a lossless design it is looked for
  // first, and the box is moved onto it.
  const frame = (r: Rect, color: Rgb): Region['border'] => {
    const inset = !noise && !resampled ? insetFrameOf(image, r, color) : undefined;
    if (!inset) return borderOf(r, color);
    Object.assign(r, inset.rect);
    return inset.border;
  };
  // How far past a border its box's content is looked for (insideBorder).
  const blend = resampled ? 2 : noise ? 1 : 0;
  const regions: Region[] = [];
  // A lossy design's components may come apart again at the codec's noise (see bridgedPieces): they join the queue.
  const queue = components(image, area, fill, tolerance);
  // A piece's bounding box may hold parts of its neighbours, which split off again: each piece is looked at once.
  const queued = new Set<string>();
  const pieces = new Set<Component>();
  const split = (rect: Rect) => {
    if (noise <= tolerance) return;
    for (const piece of bridgedPieces(image, rect, fill, noise, minBox)) {
      const key = `${piece.x},${piece.y},${piece.width},${piece.height}`;
      if (!queued.has(key)) (queued.add(key), queue.push(piece), pieces.add(piece));
    }
  };
  for (const c of queue) {
    if (c.width < 3 && c.height < 3) continue;
    const rect = tighten(image, c, fill, tolerance);
    const isStrip = thinBar(rect);
    if (isStrip) {
      if (resampled) {
        // Blurred, a rule is its core and the rows past the midpoint to it (ownRule): over the whole strip, the
        // commonest colour is a blend of it and the fill, or the fill.
        const rule = ownRule(image, rect, fill);
        const alongEdge = (r: NonNullable<typeof rule>) => colorDistance(dominantIn(image, rect).color, fill) <= tolerance && edgeBlend(image, area, r.rect, r.color, fill);
        if (rule && thinBar(rule.rect) && !alongEdge(rule)) regions.push({ ...rule.rect, kind: 'box', fill: rule.color, radius: 0, children: [] });
        continue;
      }
      const dominant = dominantIn(image, rect).color;
      if (noise && colorDistance(dominant, fill) <= noise) {
        // A codec spreads a thin rule over the rows beside it: keep its own colour and the rows that really hold it;
        // ringing along an edge has no colour of its own.
        const own = dominantIn(image, rect, fill);
        const line = tighten(image, rect, fill, noise);
        if (own.share >= 0.15 && colorDistance(own.color, fill) > noise && thinBar(line)) regions.push({ ...line, kind: 'box', fill: own.color, radius: 0, children: [] });
        continue;
      }
      if (colorDistance(dominant, fill) <= tolerance) {
        // Mostly the parent's own colour: a strip drawn in it is an empty div. What differs is either a line of its
        // own (an input's top border beside the rows a rounded corner adds) or an anti-aliased edge of the parent.
        const own = dominantIn(image, rect, fill);
        const line = trimToFill(image, rect, own.color);
        if (own.share >= 0.15 && thinBar(line) && !edgeBlend(image, area, line, own.color, fill)) regions.push({ ...line, kind: 'box', fill: own.color, radius: 0, children: [] });
        continue;
      }
      regions.push({ ...rect, kind: 'box', fill: dominant, radius: 0, children: [] });
      continue;
    }
    if (rect.width < minBox || rect.height < minBox) continue; // glyphs and small marks: content
    let { color, share } = dominantIn(image, rect);
    // Resampled, a flat fill rings a level or two either way and falls into neighbouring buckets: a small button's
    // 239 grey was 237 to 243, and its share of the button (with its blurred border and label) 0.29 by bucket.
    if (resampled) share = Math.max(share, shareNear(image, rect, color, RESAMPLED_FILL));
    // Boxes of a strong colour joined by the codec's bleed pass for one box of their colour (three answer boxes, the
    // middle one of another colour, made one green box): they come apart at the noise into several boxes. A pale card
    // (within the noise of what is behind it) is not looked at so: at the noise only its contents would be left.
    if (noise > tolerance && colorDistance(color, fill) > noise && !pieces.has(c) && strongPieces(image, rect, fill, noise, minBox) > 1) {
      split(rect);
      continue;
    }
    if (colorDistance(color, fill) <= tolerance) {
      // A sparse component (a header bar with a logo block hanging off it) is mostly its parent's fill: judge it by
      // its own colour when that colour makes a long uniform band.
      const own = dominantIn(image, rect, fill);
      if (own.share >= 0.15) {
        const band = trimToFill(image, rect, own.color);
        if (dominantIn(image, band).share >= 0.85 && Math.max(band.width, band.height) >= 48 && Math.min(band.width, band.height) >= 4) ({ color, share } = { color: own.color, share: 0.3 });
      }
    }
    const sameAsParent = colorDistance(color, fill) <= tolerance;
    if (!sameAsParent && share >= 0.3) {
      // Text or other boxes touching a box join its component: keep only the rows and columns the box's colour really
      // fills, and look again at what was cut off (side-by-side panels, a label above a button).
      const whole = { ...rect };
      // Resampled, the blend of a dark border and what is behind it can come within 8 levels of a grey fill (230
      // beside a 238 button): trimmed only to that, the box kept its blurred border inside it.
      const trimmed = trimToFill(image, rect, color, 8, resampled ? 3 : 0);
      // A box is solid: a bold word's strokes are a colour's majority too, but not a rectangle full of it.
      // Large panels stay boxes even when their own boxes cover most of them.
      const bucketed = trimmed.width >= 3 && trimmed.height >= 3 ? dominantIn(image, trimmed).share : 0;
      const trimmedShare = resampled && bucketed ? Math.max(bucketed, shareNear(image, trimmed, color, RESAMPLED_FILL)) : bucketed;
      // A small one must be fuller still: a bold capital (an "M" at 26 px) fills half its box, a chip or a swatch most.
      const small = Math.max(trimmed.width, trimmed.height) < 40;
      const solid =
        (trimmedShare >= (small ? 0.75 : resampled ? RESAMPLED_SOLID : 0.5) && trimmed.width * trimmed.height >= 0.25 * whole.width * whole.height) ||
        (trimmed.width >= 40 && trimmed.height >= 40 && trimmedShare >= 0.3 && trimmed.width * trimmed.height >= 0.5 * whole.width * whole.height);
      // A long, nearly flat-coloured band (a header bar with a logo box hanging off it) is a box however small a share
      // of its component it is: no glyph stroke is that long and that uniform.
      const bar = trimmedShare >= 0.85 && Math.max(trimmed.width, trimmed.height) >= 48 && Math.min(trimmed.width, trimmed.height) >= 4;
      if (!solid && !bar) {
        split(rect);
        continue;
      }
      // What is left after trimming must still be a box (or a separator), not the thick stroke of a glyph.
      const strip = thinBar(trimmed);
      if (!strip && !bar && (trimmed.width < minBox || trimmed.height < minBox)) {
        split(rect);
        continue;
      }
      Object.assign(rect, trimmed);
      // Trimming to the fill peels off a border drawn in another colour (an outlined input): take it back.
      // On a resampled design the border's blend into the fill, and a ring of the fill's tint, may lie between it and
      // the fill: a step out finds that blend as a lighter border, or the border narrower than the step. The border is
      // the step whose edge stands out most.
      let peeled: Region['border'];
      const grownBy = (k: number) => ({ x: trimmed.x - k, y: trimmed.y - k, width: trimmed.width + 2 * k, height: trimmed.height + 2 * k });
      const within = (g: Rect) => g.x >= whole.x && g.y >= whole.y && g.x + g.width <= whole.x + whole.width && g.y + g.height <= whole.y + whole.height;
      const fits = (k: number, border: Region['border']) => !!border && (border.width === k || (resampled && border.width < k));
      const strongerBeyond = (k: number, border: NonNullable<Region['border']>) => {
        if (!within(grownBy(k + 1))) return false;
        const next = borderOf(grownBy(k + 1), color);
        return fits(k + 1, next) && colorDistance(next!.color, color) > colorDistance(border.color, color);
      };
      for (let k = 1; k <= (resampled ? 3 : 2) && !borderOf(rect, color); k++) {
        const grown = grownBy(k);
        if (!within(grown)) break;
        peeled = borderOf(grown, color);
        if (fits(k, peeled) && !(resampled && strongerBeyond(k, peeled!))) Object.assign(rect, grown);
        else peeled = undefined;
      }
      const codec = noise && !peeled && !borderOf(rect, color) ? codecFrame(image, trimmed, whole, color, fill, noise) : undefined;
      if (codec) Object.assign(rect, codec.rect);
      for (const strip of [
        { x: whole.x, y: whole.y, width: whole.width, height: rect.y - whole.y },
        { x: whole.x, y: rect.y + rect.height, width: whole.width, height: whole.y + whole.height - rect.y - rect.height },
        { x: whole.x, y: rect.y, width: rect.x - whole.x, height: rect.height },
        { x: rect.x + rect.width, y: rect.y, width: whole.x + whole.width - rect.x - rect.width, height: rect.height },
      ]) {
        if (strip.width >= 3 && strip.height >= 3) regions.push(...segment(image, strip, fill, options, depth + 1));
      }
      const border = codec ? codec.border : frame(rect, color);
      if (resampled && border?.width === 1) Object.assign(rect, onBorderCore(image, rect, color));
      // A codec's edge is no content: what lies inside it is where the box's own colour fills the rows.
      const inner = codec ? trimmed : border ? insideBorder(rect, border.width, blend) : rect;
      regions.push({
        ...rect,
        kind: 'box',
        fill: color,
        radius: cornerRadius(image, rect, border ? seenBorder(border, color, resampled) : color, color),
        border,
        children: inner.width > 4 && inner.height > 4 ? segment(image, inner, color, options, depth + 1) : [],
      });
      continue;
    }
    // On a lossy design, codec noise around text fakes many fine shades: a photo must hold many coarse colours too.
    if (rect.width >= 24 && rect.height >= 24 && colourfulness(image, rect) >= 48 && share < 0.45 && (!noise || colourfulness(image, rect, 3) >= 48)) {
      regions.push({ ...rect, kind: 'image', fill: averageColor(image, rect), radius: 0, children: [] });
      continue;
    }
    if (sameAsParent && share >= 0.45 && rect.width >= 16 && rect.height >= 12) {
      // A frame drawn in another colour around the parent's fill (an outlined card): keep looking inside it.
      let border = frame(rect, color);
      if (!border && noise && resampled) {
        // Blurred and then compressed, a light frame rings a few rows past its line on the page's side, and the
        // component reaches over the ringing: the frame is the line that stands out most near each side.
        const framed = strongestLines(image, rect, color, 3);
        if ((border = borderOf(framed, color))) Object.assign(rect, framed);
      }
      if (border) {
        if (resampled && border.width === 1) Object.assign(rect, onBorderCore(image, rect, color));
        regions.push({ ...rect, kind: 'box', fill: color, radius: cornerRadius(image, rect, seenBorder(border, color, resampled), color), border, children: segment(image, insideBorder(rect, border.width, blend), color, options, depth + 1) });
        continue;
      }
    }
    // A piece is a line of text or a word as often as a box: a row through its glyphs spans it, and is no rule.
    if (sameAsParent && depth < maxDepth && !pieces.has(c)) {
      // Thin lines joined into one component (a divider running through a text area's frame): cut along the line
      // that spans the component and look at both sides again.
      const line = spanningLine(image, rect, fill, tolerance);
      if (line) {
        // On a lossy design a row of ringing or of glyph cores through a word spans it too; on a resampled one, a
        // blurred word's row: a rule covers it with a colour of its own.
        const rule = resampled ? ownRule(image, line.strip, fill) : undefined;
        if (rule) regions.push({ ...rule.rect, kind: 'box', fill: rule.color, radius: 0, children: [] });
        else if (!resampled && (!noise || ownLossyLine(image, line.strip, fill, noise))) regions.push({ ...line.strip, kind: 'box', fill: dominantIn(image, line.strip).color, radius: 0, children: [] });
        for (const side of line.sides) if (side.width >= 3 && side.height >= 3) regions.push(...segment(image, side, fill, options, depth + 1));
        continue;
      }
    }
    // Nothing in it was a box, an image or a rule.
    split(rect);
  }
  // What was cut off a component is segmented again, and its rectangle may hold other components found on their own;
  // a frame of about the parent's fill is looked inside, and what it holds is a component of its own too.
  const seen = new Set<string>();
  for (const r of regions) for (const c of r.children) seen.add(`${c.x},${c.y},${c.width},${c.height}`);
  return (noise || resampled ? withoutHalos(regions, fill, noise, resampled) : regions).filter((r) => {
    const key = `${r.x},${r.y},${r.width},${r.height}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
