// Fair scoring of a lossy design: the render is passed through the codec the design went through, at its quality, so
// refinement does not chase ringing and blocks that no component can draw, and a check does not fail on them.
import type { Design, RenderResult } from '../types.js';

/** The render as the design's codec would have saved it; unchanged for a lossless design. */
export async function throughDesignCodec<R extends Pick<RenderResult, 'image'>>(design: Pick<Design, 'lossy'>, render: R): Promise<R> {
  const { lossy } = design;
  if (!lossy) return render;
  const { default: sharp } = await import('sharp');
  const { image } = render;
  const raw = { raw: { width: image.width, height: image.height, channels: 4 as const } };
  const encoded = await sharp(image.data, raw)[lossy.codec]({ quality: lossy.quality }).toBuffer();
  const { data, info } = await sharp(encoded).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { ...render, image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } };
}
