// Paths for tests that work the same whether the test runs from src (tsx) or from dist (compiled).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fromDist = here.split(path.sep).includes('dist');

/** The repository's root, where package.json is. */
export const repoRoot = fromDist ? path.resolve(here, '../../..') : path.resolve(here, '../..');
export const fixturesDir = path.join(repoRoot, 'fixtures');
export const sharedDesignsDir = path.resolve(repoRoot, '../shared/designs');

/** The node argv that runs the CLI: compiled when running from dist, through tsx otherwise. */
export function cliArgs(...args: string[]): string[] {
  if (fromDist) return [path.join(repoRoot, 'dist/src/cli/main.js'), ...args];
  // Resolved here, not from the child's working directory (tests run the CLI inside temporary projects).
  return ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'src/cli/main.ts'), ...args];
}

/** A fresh temporary folder, removed by the caller (or the OS). */
export function tempDir(prefix = 'ui2code-test-'): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), prefix));
}
