// Intake: bytes in, a Design out. The format comes from the bytes, limits are checked on the header before decoding,
// and alpha is flattened on white so every later stage sees opaque pixels.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LIMITS, type ImageLimits } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import type { Design, ImageFormat, RgbaImage } from '../types.js';
import { detectLossy } from './lossy.js';
import { decodePng } from './png.js';
import { decodeProblem } from './problems.js';
import { readHeader, sniffFormat } from './sniff.js';

/**
 * `login@2x.png` → 2, `plans@mobile@1.5x.png` → 1.5: a scale suffix (1 to 4, fractional ones from Windows laptops
 * included) anywhere among the name's `@` suffixes. Any other name → 1.
 */
export function scaleFromName(file: string): number {
  for (const suffix of path.parse(file).name.split('@').slice(1).reverse()) {
    const match = /^([1-4](?:\.\d{1,2})?)x$/i.exec(suffix);
    if (match) return Number(match[1]);
  }
  return 1;
}

export function checkLimits(width: number, height: number, file: string, limits: ImageLimits): void {
  if (width <= 0 || height <= 0) throw new Ui2CodeError('BAD_IMAGE', `image has no pixels (${width}x${height})`, { file });
  if (width > limits.maxSide || height > limits.maxSide) {
    throw new Ui2CodeError('IMAGE_LIMIT', `image is ${width}x${height}, over the limit of ${limits.maxSide} px a side`, { file });
  }
  if (width * height > limits.maxPixels) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new Ui2CodeError('IMAGE_LIMIT', `image has ${mp} megapixels, over the limit of ${limits.maxPixels / 1e6}`, { file });
  }
}

export async function decodeImage(
  bytes: Buffer,
  file: string,
  limits: Partial<ImageLimits> = {},
): Promise<{ image: RgbaImage; format: ImageFormat }> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length === 0) throw new Ui2CodeError('BAD_IMAGE', 'file is empty', { file });
  if (bytes.length > lim.maxBytes) {
    throw new Ui2CodeError('IMAGE_LIMIT', `file is ${(bytes.length / 1048576).toFixed(1)} MB, over the limit of ${lim.maxBytes / 1048576} MB`, { file });
  }
  const format = sniffFormat(bytes);
  if (!format) throw new Ui2CodeError('BAD_IMAGE', 'not a PNG, JPEG or WebP image (unrecognised bytes)', { file });
  const header = readHeader(bytes);
  if (!header) throw new Ui2CodeError('BAD_IMAGE', `${format.toUpperCase()} header is truncated or malformed`, { file });
  checkLimits(header.width, header.height, file, lim);

  const image = format === 'png' ? decodePng(bytes, file) : await decodeWithSharp(bytes, file, format, lim);
  if (image.width !== header.width || image.height !== header.height) {
    throw new Ui2CodeError('BAD_IMAGE', `decoded size ${image.width}x${image.height} differs from the header's`, { file });
  }
  return { image: flattenOnWhite(image), format };
}

async function decodeWithSharp(bytes: Buffer, file: string, format: ImageFormat, limits: ImageLimits): Promise<RgbaImage> {
  const { default: sharp } = await import('sharp');
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw new Ui2CodeError('BAD_IMAGE', decodeProblem(format, error), { file, cause: error });
  }
}

/** Composites every pixel over white in place and returns the image: designs are compared as opaque pictures. */
export function flattenOnWhite(image: RgbaImage): RgbaImage {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3];
    if (a === 255) continue;
    const k = 255 - a;
    d[i] = (d[i] * a + 255 * k + 127) / 255;
    d[i + 1] = (d[i + 1] * a + 255 * k + 127) / 255;
    d[i + 2] = (d[i + 2] * a + 255 * k + 127) / 255;
    d[i + 3] = 255;
  }
  return image;
}

/**
 * A file name that is not valid UTF-8 reaches us (argv, readdir) with U+FFFD in place of its bad bytes, and that string
 * names no file: find the one entry of its folder whose bytes decode to it, and use its bytes as the path.
 */
async function onDisk(abs: string): Promise<string | Buffer> {
  if (!abs.includes('\uFFFD')) return abs;
  const dir = path.dirname(abs);
  const base = path.basename(abs);
  const names = await fs.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  const matches = names.filter((name) => name.toString('utf8') === base);
  return matches.length === 1 ? Buffer.concat([Buffer.from(path.join(dir, '/')), matches[0]]) : abs;
}

export async function readDesign(file: string, limits: Partial<ImageLimits> = {}): Promise<Design> {
  const abs = path.resolve(file);
  const lim = { ...DEFAULT_LIMITS, ...limits };
  let bytes: Buffer;
  try {
    const target = await onDisk(abs);
    const stat = await fs.stat(target);
    if (!stat.isFile()) throw new Ui2CodeError('BAD_IMAGE', 'not a file', { file: abs });
    if (stat.size > lim.maxBytes) {
      throw new Ui2CodeError('IMAGE_LIMIT', `file is ${(stat.size / 1048576).toFixed(1)} MB, over the limit of ${lim.maxBytes / 1048576} MB`, { file: abs });
    }
    bytes = await fs.readFile(target);
  } catch (error) {
    if (error instanceof Ui2CodeError) throw error;
    throw new Ui2CodeError('BAD_IMAGE', `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: abs, cause: error });
  }
  const { image, format } = await decodeImage(bytes, abs, lim);
  const scale = scaleFromName(abs);
  const lossy = detectLossy(bytes, format, image);
  return {
    path: abs,
    format,
    image,
    scale,
    ...(lossy ? { lossy } : {}),
    cssWidth: Math.max(1, Math.round(image.width / scale)),
    cssHeight: Math.max(1, Math.round(image.height / scale)),
    hash: createHash('sha256').update(bytes).digest('hex'),
    bytes,
  };
}
