// The report's pictures: written as PNG files beside report.json as soon as a design is checked (so a large run never
// holds every image in memory), read back when the HTML inlines them and when shard reports are merged.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { encodePng } from '../intake/png.js';
import type { RgbaImage } from '../types.js';
import type { ReportImages } from './types.js';
import { prepareDir } from '../write/atomic.js';

export const IMAGES_DIR = 'images';
/** Where the report keeps a copy of each checked component's code. */
export const CODE_DIR = 'code';

/** A file-name-safe, collision-free stem for an id (same in every shard, so merged reports keep their names). */
export function imageStem(id: string): string {
  const readable = id.replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(-60);
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

/** `design` may be the design file's own PNG bytes: no need to encode what is already a PNG. */
export async function saveImages(reportDir: string, id: string, images: { design: RgbaImage | Buffer; render: RgbaImage; diff: RgbaImage }): Promise<ReportImages> {
  const dir = path.join(reportDir, IMAGES_DIR);
  await prepareDir(dir);
  const stem = imageStem(id);
  const refs: ReportImages = {
    design: `${IMAGES_DIR}/${stem}.design.png`,
    render: `${IMAGES_DIR}/${stem}.render.png`,
    diff: `${IMAGES_DIR}/${stem}.diff.png`,
  };
  await Promise.all(
    (Object.keys(refs) as Array<keyof ReportImages>).map((kind) => {
      const image = images[kind];
      return fs.writeFile(path.join(reportDir, refs[kind]), Buffer.isBuffer(image) ? image : encodePng(image));
    }),
  );
  return refs;
}
