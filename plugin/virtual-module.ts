// `virtual:ui2code`: the generated components (name, design, lazy import), from the manifest, for galleries.
import fs from 'node:fs';
import path from 'node:path';
import { readManifest } from '../src/write/manifest.js';

export const VIRTUAL_ID = 'virtual:ui2code';
export const RESOLVED_VIRTUAL_ID = '\0virtual:ui2code';

export interface ComponentEntry {
  name: string;
  /** Design path relative to the root. */
  design: string;
  /** Absolute component file. */
  file: string;
}

export async function listComponents(root: string): Promise<ComponentEntry[]> {
  const manifest = await readManifest(root);
  return Object.entries(manifest?.designs ?? {})
    .map(([design, entry]) => ({ name: entry.component ?? path.basename(entry.file, '.tsx'), design, file: path.resolve(root, entry.file) }))
    .filter((entry) => fs.existsSync(entry.file))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function virtualModuleCode(entries: ComponentEntry[]): string {
  const items = entries.map(
    (e) => `  { name: ${JSON.stringify(e.name)}, design: ${JSON.stringify(e.design)}, file: ${JSON.stringify(e.file.split(path.sep).join('/'))}, load: () => import(${JSON.stringify(e.file.split(path.sep).join('/'))}) },`,
  );
  return `export const components = [\n${items.join('\n')}\n];\nexport default components;\n`;
}
