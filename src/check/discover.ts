// Which designs and components the check looks at, and how they pair up: the manifest first (it knows renamed and
// relocated files), then by name (designs/foo-bar.png ↔ <outDir>/FooBar.tsx) for projects without one.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { groupDesigns, listDesigns } from '../designs.js';
import { Ui2CodeError } from '../errors.js';
import { componentNameFor } from './component-name.js';
import { readManifestPairs } from './manifest.js';
import type { CheckPair } from './types.js';

/** Tests and stories live beside components without being generated ones. */
const NOT_A_COMPONENT = /\.(test|spec|stories)\.tsx$/;

async function listFiles(dir: string, keep: (file: string) => boolean): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .filter(keep)
    .sort();
}

export const listComponents = (dir: string) => listFiles(dir, (f) => f.endsWith('.tsx') && !NOT_A_COMPONENT.test(f));

const exists = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);

export const relativeId = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** A designs folder that is not there is a wrong argument or setting, not a project with nothing to check. */
async function requireFolder(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (stat instanceof Error) {
    throw new Ui2CodeError('CONFIG', stat.code === 'ENOENT' ? 'the designs folder does not exist: check --designs or `designs` in the config' : `the designs folder cannot be read (${stat.code ?? stat.message})`, { file: dir });
  }
  if (!stat.isDirectory()) throw new Ui2CodeError('CONFIG', 'the designs folder is not a folder: check --designs or `designs` in the config', { file: dir });
}

export async function discover(config: Pick<ResolvedConfig, 'root' | 'designs' | 'outDir'> & Partial<Pick<ResolvedConfig, 'viewportPattern'>>): Promise<CheckPair[]> {
  await requireFolder(config.designs);
  const [files, components, manifest] = await Promise.all([listDesigns(config.designs), listComponents(config.outDir), readManifestPairs(config.root, config.outDir)]);
  // A responsive set (plans.png, plans@mobile.png) is one design, checked at each of its widths.
  const groups = groupDesigns(files, config.viewportPattern);
  const designs = groups.map((g) => g.design);
  const setOf = new Map(groups.filter((g) => g.files.length > 1).map((g) => [g.design, g.files]));
  const byDesign = new Map((manifest ?? []).map((m) => [m.design, m]));
  const claimed = new Set<string>();
  const pairs: CheckPair[] = [];

  for (const design of designs) {
    const known = byDesign.get(design);
    if (known?.refused) {
      pairs.push({ id: relativeId(config.root, design), design, via: 'manifest', refused: known.refused });
      continue;
    }
    let component: string | undefined;
    let via: CheckPair['via'] = 'name';
    if (known && (await exists(known.component))) {
      component = known.component;
      via = 'manifest';
    } else {
      const candidate = path.join(config.outDir, `${componentNameFor(design, config.viewportPattern)}.tsx`);
      if (await exists(candidate)) component = candidate;
    }
    if (component) claimed.add(component);
    pairs.push({ id: relativeId(config.root, design), design, ...(setOf.has(design) ? { widths: setOf.get(design) } : {}), component, via, ...(known?.accepted !== undefined ? { accepted: known.accepted } : {}), ...(known?.outdatedScoreVersion !== undefined ? { outdatedScoreVersion: known.outdatedScoreVersion } : {}) });
  }
  // A refused entry whose design is not in the designs folder is still reported: someone crafted or broke the manifest.
  const listed = new Set(designs);
  for (const entry of manifest ?? []) {
    if (entry.refused && !listed.has(entry.design)) pairs.push({ id: entry.key, via: 'manifest', refused: entry.refused });
  }
  // The manifest may place components outside outDir (never outside the project): those count as components too.
  const manifestComponents = (manifest ?? []).filter((m) => !m.refused).map((m) => m.component);
  const allComponents = [...new Set([...components, ...(await filterExisting(manifestComponents))])].sort();
  for (const component of allComponents) {
    if (claimed.has(component)) continue;
    pairs.push({ id: relativeId(config.root, component), component, via: manifestComponents.includes(component) ? 'manifest' : 'name' });
  }
  return pairs;
}

async function filterExisting(files: string[]): Promise<string[]> {
  const found = await Promise.all(files.map(async (f) => ((await exists(f)) ? f : null)));
  return found.filter((f): f is string => f !== null);
}
