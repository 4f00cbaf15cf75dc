// PNG in and out with pngjs: every PNG flavour (8/16-bit, palette, grey, alpha) comes out as 8-bit RGBA.
import { crc32, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { Ui2CodeError } from '../errors.js';
import type { RgbaImage } from '../types.js';
import { decodeProblem } from './problems.js';

export function decodePng(bytes: Buffer, file: string): RgbaImage {
  // Designs are decoded by every check and every refinement round: pngjs spends most of its time on per-pixel
  // callbacks and buffer copies, so the common flavour is unpacked here and pngjs keeps every other case.
  const quick = decodePlainPng(bytes);
  if (quick) return quick;
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (error) {
    throw new Ui2CodeError('BAD_IMAGE', decodeProblem('png', error), { file, cause: error });
  }
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/**
 * An 8-bit RGB or RGBA, non-interlaced PNG with nothing that changes its pixels (no palette, no transparent colour),
 * well formed to its last byte, as pngjs would decode it; null for anything else, which pngjs then decodes or refuses
 * with its own message. Ancillary chunks other than tRNS do not change what pngjs returns.
 */
export function decodePlainPng(bytes: Buffer): RgbaImage | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) return null;
  let at = 8;
  let header: { width: number; height: number; channels: 3 | 4 } | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) return null;
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(data, crc32(bytes.subarray(at + 4, at + 8))) !== bytes.readUInt32BE(at + 8 + length)) return null;
    if (!header && type !== 'IHDR') return null;
    if (type === 'IHDR') {
      if (header || length !== 13) return null;
      const [depth, colorType, compression, filter, interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || compression !== 0 || filter !== 0 || interlace !== 0) return null;
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), channels: colorType === 6 ? 4 : 3 };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    // A critical chunk pngjs does not know (or a palette), or a transparent colour: pngjs's business.
    else if (type === 'tRNS' || !(type.charCodeAt(0) & 0x20)) return null;
    at = end;
  }
  if (at !== bytes.length || !header || !idat.length || !header.width || !header.height) return null;
  const { width, height, channels } = header;
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height + 1 });
  } catch {
    return null;
  }
  if (raw.length !== (stride + 1) * height) return null;
  // Undone in place: each scanline's bytes follow its filter byte, and the line above is already unfiltered.
  const px = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    if (!unfilter(px, px[at], at + 1, y ? at + 1 - (stride + 1) : -1, stride, channels)) return null;
  }
  const out = new Uint8Array(width * height * 4);
  for (let y = 0, o = 0; y < height; y++) {
    const from = y * (stride + 1) + 1;
    if (channels === 4) {
      out.set(px.subarray(from, from + stride), o);
      o += stride;
      continue;
    }
    for (let i = from; i < from + stride; i += 3, o += 4) {
      out[o] = px[i];
      out[o + 1] = px[i + 1];
      out[o + 2] = px[i + 2];
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/**
 * Undoes one scanline's filter in place: the line starts at `at`, the line above (already undone) at `up`, -1 for the
 * first line. False for a filter type PNG does not define.
 */
function unfilter(px: Uint8Array, type: number, at: number, up: number, n: number, bpp: number): boolean {
  switch (type) {
    case 0:
      return true;
    case 1:
      for (let i = at + bpp; i < at + n; i++) px[i] += px[i - bpp];
      return true;
    case 2:
      if (up >= 0) for (let i = 0; i < n; i++) px[at + i] += px[up + i];
      return true;
    case 3:
      for (let i = 0; i < bpp; i++) px[at + i] += up >= 0 ? px[up + i] >> 1 : 0;
      for (let i = bpp; i < n; i++) px[at + i] += (px[at + i - bpp] + (up >= 0 ? px[up + i] : 0)) >> 1;
      return true;
    case 4:
      // With no line above, Paeth predicts from the left alone (the Sub filter).
      if (up < 0) {
        for (let i = at + bpp; i < at + n; i++) px[i] += px[i - bpp];
        return true;
      }
      for (let i = 0; i < bpp; i++) px[at + i] += px[up + i];
      for (let i = bpp; i < n; i++) {
        const left = px[at + i - bpp];
        const above = px[up + i];
        const upLeft = px[up + i - bpp];
        const p = left + above - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - above);
        const pc = Math.abs(p - upLeft);
        px[at + i] += pa <= pb && pa <= pc ? left : pb <= pc ? above : upLeft;
      }
      return true;
    default:
      return false;
  }
}

/** Fast (level 1) PNG encoding: these files are reports and uploads, not archives. */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { deflateLevel: 1 });
}

/** libvips decodes on its own threads, several times faster than pngjs: used on the render hot path. */
export async function decodePngFast(bytes: Buffer, file: string): Promise<RgbaImage> {
  const { default: sharp } = await import('sharp');
  try {
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch {
    return decodePng(bytes, file);
  }
}
