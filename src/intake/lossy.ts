// Screenshots as people send them: JPEG and lossy WebP from chat apps, issue trackers and screenshot tools. The codec's
// noise (ringing around text, 8x8 blocks, chroma bleeding) is not content: intake says a design is lossy and how
// strongly, and the analysis works on a copy whose flat areas are made flat again.
import type { ImageFormat, LossyInfo, RgbaImage } from '../types.js';

/** IJG's luminance table (libjpeg's quality 50): a JPEG's own table against it gives the quality it was saved at. */
const IJG_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const IJG_SUM = IJG_LUMA.reduce((a, b) => a + b, 0);

/** The quality (1..100) a JPEG was saved at, from its first quantisation table (libjpeg's scaling); null without one. */
export function jpegQuality(bytes: Uint8Array): number | null {
  let offset = 2;
  while (offset + 4 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (marker === 0xda) break; // start of scan: the tables come before it
    if (marker === 0xdb && offset + 5 + 64 <= bytes.length) {
      const wide = bytes[offset + 4] >> 4 === 1;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum += wide ? (bytes[offset + 5 + 2 * k] << 8) | bytes[offset + 6 + 2 * k] : bytes[offset + 5 + k];
      const scale = (sum / IJG_SUM) * 100;
      const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
      return Math.max(1, Math.min(100, Math.round(quality)));
    }
    offset += 2 + length;
  }
  return null;
}

/** Whether a WebP holds a lossy (VP8) bitstream rather than a lossless (VP8L) one. */
export function webpIsLossy(bytes: Uint8Array): boolean {
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const fourcc = String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
    if (fourcc === 'VP8 ') return true;
    if (fourcc === 'VP8L') return false;
    const size = bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] * 2 ** 24);
    offset += 8 + size + (size & 1);
  }
  return false;
}

/** WebP keeps no quality in its file; tools save at 75–80 by default. */
const WEBP_QUALITY = 80;

/** Colour distance within which a pixel is snapped to its cluster's colour: wider for a harsher codec. */
export const snapTolerance = (quality: number) => Math.max(8, Math.min(28, Math.round(8 + (100 - quality) * 0.5)));

/**
 * Whether a design is lossy, at which quality, and how much noise its pixels carry. Only the codec decides: a PNG is
 * always lossless here, so it is analysed and scored exactly as before.
 */
export function detectLossy(bytes: Uint8Array, format: ImageFormat, image: RgbaImage): LossyInfo | undefined {
  if (format === 'png') return undefined;
  if (format === 'webp' && !webpIsLossy(bytes)) return undefined;
  const quality = format === 'jpeg' ? (jpegQuality(bytes) ?? 85) : WEBP_QUALITY;
  const { noise } = clusterPalette(image, snapTolerance(quality));
  return { codec: format, quality, noise: Math.round(noise * 100) / 100 };
}

/** Clusters closer than this are one colour: pastel panels side by side differ by 10 levels, codec noise by fewer. */
const MERGE = 8;
const MAX_CLUSTERS = 128;

const dist = (d: Uint8Array, i: number, c: Float64Array, k: number) =>
  Math.max(Math.abs(d[i] - c[k]), Math.abs(d[i + 1] - c[k + 1]), Math.abs(d[i + 2] - c[k + 2]));

/**
 * The image's flat colours as clusters: peaks of a coarse histogram (each at least a few hundred pixels), merged when
 * nearer than MERGE, then centred on the mean of the pixels within `tolerance` of them. `noise` is the mean distance of
 * those pixels from their centre: 0 for a lossless screenshot.
 */
export function clusterPalette(image: RgbaImage, tolerance: number): { centres: Float64Array; count: number; noise: number } {
  const d = image.data;
  const pixels = image.width * image.height;
  const bins = new Uint32Array(32768);
  const sums = new Float64Array(32768 * 3);
  for (let i = 0; i < d.length; i += 4) {
    const key = ((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3);
    bins[key]++;
    sums[key * 3] += d[i];
    sums[key * 3 + 1] += d[i + 1];
    sums[key * 3 + 2] += d[i + 2];
  }
  const minCount = Math.max(24, Math.round(pixels * 0.0004));
  const keys: number[] = [];
  for (let k = 0; k < bins.length; k++) if (bins[k] >= minCount) keys.push(k);
  keys.sort((a, b) => bins[b] - bins[a]);
  const centres = new Float64Array(MAX_CLUSTERS * 3);
  let count = 0;
  for (const key of keys) {
    if (count >= MAX_CLUSTERS) break;
    const n = bins[key];
    const c = [sums[key * 3] / n, sums[key * 3 + 1] / n, sums[key * 3 + 2] / n];
    let near = false;
    for (let j = 0; j < count && !near; j++) near = Math.max(Math.abs(c[0] - centres[j * 3]), Math.abs(c[1] - centres[j * 3 + 1]), Math.abs(c[2] - centres[j * 3 + 2])) <= MERGE;
    if (near) continue;
    centres.set(c, count * 3);
    count++;
  }
  // One step of k-means: each centre moves to the mean of the pixels nearest it (within the tolerance).
  const acc = new Float64Array(count * 4);
  let spread = 0, members = 0;
  forEachNearest(image, centres, count, tolerance, (i, j, distance) => {
    acc[j * 4] += d[i]; acc[j * 4 + 1] += d[i + 1]; acc[j * 4 + 2] += d[i + 2]; acc[j * 4 + 3]++;
    spread += distance;
    members++;
  });
  for (let j = 0; j < count; j++) {
    const n = acc[j * 4 + 3];
    if (n) for (let c = 0; c < 3; c++) centres[j * 3 + c] = acc[j * 4 + c] / n;
  }
  return { centres, count, noise: members ? spread / members : 0 };
}

/** Calls `visit(byteIndex, cluster, distance)` for each pixel within `tolerance` of its nearest cluster. */
function forEachNearest(image: RgbaImage, centres: Float64Array, count: number, tolerance: number, visit: (i: number, j: number, distance: number) => void): void {
  const d = image.data;
  // Screenshots repeat few exact colours: remember each one's answer.
  const memo = new Map<number, number>();
  for (let i = 0; i < d.length; i += 4) {
    const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
    let hit = memo.get(rgb);
    if (hit === undefined) {
      let best = -1, bestD = tolerance + 1;
      for (let j = 0; j < count; j++) {
        const dd = dist(d, i, centres, j * 3);
        if (dd < bestD) {
          bestD = dd;
          best = j;
        }
      }
      hit = best < 0 ? -1 : best * 256 + Math.round(bestD);
      memo.set(rgb, hit);
    }
    if (hit >= 0) visit(i, Math.floor(hit / 256), hit % 256);
  }
}

/**
 * A copy of a lossy image whose flat colours are flat again: every pixel within the tolerance of a cluster takes the
 * cluster's colour (ringing beside text, block edges and chroma noise on a panel go); the rest (glyph cores, photos)
 * keeps its own. Segmentation, OCR and the font fit then see the picture the designer drew.
 */
export function cleanLossy(image: RgbaImage, quality: number): RgbaImage {
  const tolerance = snapTolerance(quality);
  const { centres, count } = clusterPalette(image, tolerance);
  const data = new Uint8Array(image.data);
  forEachNearest(image, centres, count, tolerance, (i, j) => {
    data[i] = Math.round(centres[j * 3]);
    data[i + 1] = Math.round(centres[j * 3 + 1]);
    data[i + 2] = Math.round(centres[j * 3 + 2]);
  });
  return { width: image.width, height: image.height, data };
}
