// Makes the playground's sample designs by rendering known components (mockups/*.tsx) to PNG: the designs are exact,
// so what the plugin generates from them can be judged against a known truth. Run: npx tsx playground/scripts/render-designs.ts
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer } from '../../src/render/pool.js';
import { encodePng } from '../../src/intake/png.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes: Record<string, [number, number]> = { login: [800, 600], pricing: [600, 320], profile: [400, 240] };

const renderer = createRenderer({ workers: 2 });
try {
  for (const [name, [width, height]] of Object.entries(sizes)) {
    const source = await fs.readFile(path.join(here, '../mockups', `${name}.tsx`), 'utf8');
    const result = await renderer.render(source, { width, height, deviceScaleFactor: 1 }, { name });
    await fs.writeFile(path.join(here, '../designs', `${name}.png`), encodePng(result.image));
    console.log(`designs/${name}.png ${result.image.width}x${result.image.height}`);
  }
} finally {
  await renderer.close();
}
