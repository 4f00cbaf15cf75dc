// Resampling through sharp (libvips): used to shrink uploads and to enlarge small text for OCR.
import type { RgbaImage } from '../types.js';

export async function resizeImage(image: RgbaImage, width: number, height: number): Promise<RgbaImage> {
  if (width === image.width && height === image.height) return image;
  const { default: sharp } = await import('sharp');
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize(Math.max(1, Math.round(width)), Math.max(1, Math.round(height)), { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: data.info.width, height: data.info.height, data: new Uint8Array(data.data) };
}

/** The image scaled down so its longest side is at most maxSide; unchanged when it already fits. */
export async function fitWithin(image: RgbaImage, maxSide: number): Promise<RgbaImage> {
  const longest = Math.max(image.width, image.height);
  if (longest <= maxSide) return image;
  const ratio = maxSide / longest;
  return resizeImage(image, Math.round(image.width * ratio), Math.round(image.height * ratio));
}

/**
 * The image as a design at a fractional `scale` reaches analysis: enlarged to its device size and shrunk back to CSS
 * size, both with Lanczos. A render passed through this is blurred as the design's copy is (each edge spread over two
 * pixels, the same rings beside it), so the two can be measured alike. This is exact for a 1x screenshot enlarged by
 * an image editor (the bench's `scale1.5`); a screenshot taken at 1.5x is sharper than this (not measured here).
 */
export async function throughScale(image: RgbaImage, scale: number): Promise<RgbaImage> {
  const enlarged = await resizeImage(image, Math.round(image.width * scale), Math.round(image.height * scale));
  return resizeImage(enlarged, image.width, image.height);
}
