// `vite build` with `check: true`: the generated components are rendered and compared with their designs, and a
// component that drifted from its design fails the build.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import ui2code from '../plugin/index.js';
import { makeProject, playgroundDir, sampleDesign } from './support/playground.js';

const roots: string[] = [];
after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A project whose Profile component is the very source its design was rendered from (a perfect match). */
function projectWithComponent(): string {
  const root = makeProject();
  roots.push(root);
  fs.copyFileSync(sampleDesign('profile'), path.join(root, 'designs/profile.png'));
  fs.mkdirSync(path.join(root, 'src/components/generated'), { recursive: true });
  fs.copyFileSync(path.join(playgroundDir, 'mockups/profile.tsx'), path.join(root, 'src/components/generated/Profile.tsx'));
  return root;
}

async function build(root: string, check: boolean): Promise<{ error?: Error; logs: string[] }> {
  const [{ build: viteBuild, createLogger }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const logs: string[] = [];
  const logger = createLogger('info');
  for (const level of ['info', 'warn', 'error'] as const) logger[level] = (msg: string) => void logs.push(`${level}: ${msg}`);
  try {
    await viteBuild({ root, configFile: false, customLogger: logger, plugins: [react(), ui2code({ check, provider: 'local' })], build: { outDir: path.join(root, 'dist') } });
    return { logs };
  } catch (error) {
    return { error: error as Error, logs };
  }
}

test('vite build with check: true passes when every component matches its design', async () => {
  const root = projectWithComponent();
  const { error, logs } = await build(root, true);
  assert.equal(error, undefined, `${error?.message}\n${logs.join('\n')}`);
  assert.ok(logs.some((l) => /check designs\/profile\.png: pass/.test(l)), logs.join('\n'));
  assert.ok(fs.existsSync(path.join(root, 'dist/index.html')));
});

test('vite build with check: true fails on a component that drifted from its design; check: false does not look', async () => {
  const root = projectWithComponent();
  const file = path.join(root, 'src/components/generated/Profile.tsx');
  // The drift: a dark card turned white, its avatar and button gone.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("background: '#1e293b'", "background: '#ffffff'").replace(/<div style=\{\{ width: 72[^/]*\/>/, ''));
  const failed = await build(root, true);
  assert.ok(failed.error, 'the build fails');
  assert.match(failed.error.message, /ui2code check failed: designs\/profile\.png/);
  const unchecked = await build(root, false);
  assert.equal(unchecked.error, undefined);
});
