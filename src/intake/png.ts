// PNG in and out with pngjs: every PNG flavour (8/16-bit, palette, grey, alpha) comes out as 8-bit RGBA.
import { PNG } from 'pngjs';
import { Ui2CodeError } from '../errors.js';
import type { RgbaImage } from '../types.js';
import { decodeProblem } from './problems.js';

export function decodePng(bytes: Buffer, file: string): RgbaImage {
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (error) {
    throw new Ui2CodeError('BAD_IMAGE', decodeProblem('png', error), { file, cause: error });
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
