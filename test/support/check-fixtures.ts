// The check's fixture repo (fixtures/check): components we wrote, and their screenshots as the designs, so tests know
// the truth. Regenerate the designs after editing a component: `npx tsx test/support/check-fixtures.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../../src/intake/png.js';
import { createRenderer } from '../../src/render/pool.js';
import { fixturesDir } from './paths.js';

export const checkFixtureDir = path.join(fixturesDir, 'check');
export const checkOutDir = 'src/components/generated';

/** Design file (under designs/) → component file (under outDir), at the component's own CSS size. */
export const CHECK_FIXTURES = [
  { design: 'login-form.png', component: 'LoginForm.tsx', width: 480, height: 520, scale: 1 },
  { design: 'nav-bar.png', component: 'NavBar.tsx', width: 960, height: 72, scale: 1 },
  { design: 'pricing-card.png', component: 'PricingCard.tsx', width: 400, height: 480, scale: 1 },
  { design: 'profile-card.png', component: 'ProfileCard.tsx', width: 360, height: 420, scale: 1 },
  { design: 'promo-banner@2x.png', component: 'PromoBanner.tsx', width: 420, height: 140, scale: 2 },
  { design: 'settings-list.png', component: 'SettingsList.tsx', width: 560, height: 400, scale: 1 },
  { design: 'stats-grid.png', component: 'StatsGrid.tsx', width: 640, height: 360, scale: 1 },
] as const;

/** Copies the fixture repo into `dir` (a fresh temp folder) so a test can edit it. */
export function copyCheckFixture(dir: string): string {
  fs.cpSync(checkFixtureDir, dir, { recursive: true });
  return dir;
}

export async function makeCheckDesigns(root = checkFixtureDir): Promise<void> {
  const renderer = createRenderer({ workers: 1 });
  try {
    for (const fixture of CHECK_FIXTURES) {
      const source = fs.readFileSync(path.join(root, checkOutDir, fixture.component), 'utf8');
      const result = await renderer.render(source, { width: fixture.width, height: fixture.height, deviceScaleFactor: fixture.scale }, { name: fixture.component });
      if (result.pageErrors.length) throw new Error(`${fixture.component}: ${result.pageErrors.join('; ')}`);
      fs.mkdirSync(path.join(root, 'designs'), { recursive: true });
      fs.writeFileSync(path.join(root, 'designs', fixture.design), encodePng(result.image));
    }
  } finally {
    await renderer.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await makeCheckDesigns();
