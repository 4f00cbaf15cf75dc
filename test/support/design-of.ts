// A design with known code: one of our fixture components rendered to PNG and read back as users' designs are read.
import fs from 'node:fs';
import path from 'node:path';
import { readDesign } from '../../src/intake/decode.js';
import { encodePng } from '../../src/intake/png.js';
import type { Renderer } from '../../src/render/pool.js';
import type { Design } from '../../src/types.js';
import { fixturesDir } from './paths.js';

export async function designOf(renderer: Renderer, dir: string, name: string, width: number, height: number): Promise<Design> {
  const tsx = fs.readFileSync(path.join(fixturesDir, 'code', `${name}.tsx`), 'utf8');
  const render = await renderer.render(tsx, { width, height, deviceScaleFactor: 1 });
  const file = path.join(dir, `${name}.png`);
  fs.writeFileSync(file, encodePng(render.image));
  return readDesign(file);
}
