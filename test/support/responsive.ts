// The responsive fixtures: components of our own (fixtures/responsive/*.tsx) whose layout truly changes between
// widths, rendered at each width to the PNGs a designer would hand over (`plans.png`, `plans@mobile.png`). The PNGs
// are committed (fixtures/responsive/designs); `node dist/test/support/responsive.js` draws them again.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePng } from '../../src/intake/png.js';
import { createRenderer, type Renderer } from '../../src/render/pool.js';
import { fixturesDir } from './paths.js';

export interface ResponsiveFixture {
  name: string;
  /** Viewport label ('' for the desktop image without a suffix), CSS width and height. */
  widths: Array<[label: string, width: number, height: number]>;
}

export const RESPONSIVE: ResponsiveFixture[] = [
  { name: 'plans', widths: [['', 960, 300], ['mobile', 375, 640]] },
  { name: 'header', widths: [['', 960, 280], ['tablet', 768, 280], ['mobile', 375, 300]] },
  { name: 'feature', widths: [['', 800, 300], ['mobile', 360, 440]] },
  { name: 'signup', widths: [['', 720, 240], ['mobile', 360, 320]] },
  { name: 'stats', widths: [['', 960, 180], ['tablet', 600, 310], ['mobile', 360, 480]] },
  { name: 'footer', widths: [['', 900, 260], ['mobile', 375, 480]] },
];

export const responsiveDesignsDir = path.join(fixturesDir, 'responsive', 'designs');

/** `plans` + `mobile` → `plans@mobile.png`. */
export const imageName = (name: string, label: string) => `${name}${label ? `@${label}` : ''}.png`;

/** Renders every fixture at each of its widths into `dir` (PNG, device scale 1). */
export async function drawResponsiveFixtures(renderer: Renderer, dir = responsiveDesignsDir, only?: string[]): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const fixture of RESPONSIVE.filter((f) => !only || only.includes(f.name))) {
    const source = fs.readFileSync(path.join(fixturesDir, 'responsive', `${fixture.name}.tsx`), 'utf8');
    for (const [label, width, height] of fixture.widths) {
      const shot = await renderer.render(source, { width, height, deviceScaleFactor: 1 }, { name: fixture.name });
      const file = path.join(dir, imageName(fixture.name, label));
      fs.writeFileSync(file, encodePng(shot.image));
      written.push(file);
    }
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const renderer = createRenderer({ workers: 1 });
  try {
    for (const file of await drawResponsiveFixtures(renderer)) console.log(path.relative(process.cwd(), file));
  } finally {
    await renderer.close();
  }
}
