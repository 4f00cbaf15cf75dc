// Which files are designs, which are someone's temporary files, and when a file has finished being written.
import fs from 'node:fs/promises';
import path from 'node:path';

export const DESIGN_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** Editors' swap and backup files, browsers' partial downloads, dotfiles (ours included). */
export function isTempFile(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|swx|swo|crdownload|part|partial|download|tmp|temp)$/i.test(base) || /^#.*#$/.test(base);
}

export function isDesignFile(file: string, designsDir: string): boolean {
  const rel = path.relative(designsDir, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  if (rel.split(path.sep).some((part) => part.startsWith('.'))) return false;
  return DESIGN_EXTENSIONS.has(path.extname(file).toLowerCase()) && !isTempFile(file);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until size and mtime stop changing (a copy or a download in progress), up to `maxMs`. False when the file is gone. */
export async function waitUntilStable(file: string, { intervalMs = 60, maxMs = 5000 } = {}): Promise<boolean> {
  let last = '';
  const deadline = Date.now() + maxMs;
  for (;;) {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return false;
    const now = `${stat.size}:${stat.mtimeMs}`;
    if (now === last && stat.size > 0) return true;
    if (Date.now() > deadline) return stat.size > 0;
    last = now;
    await sleep(intervalMs);
  }
}

/** Every design in the folder (recursively, dot folders skipped), sorted. */
export async function listDesigns(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(full);
      else if (isDesignFile(full, dir)) out.push(full);
    }
  };
  await walk(dir);
  return out.sort();
}
