// Which files are designs: the one rule shared by `convert <folder>`, `watch`, the Vite plugin and the check.
import fs from 'node:fs/promises';
import path from 'node:path';

export const DESIGN_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** Editors' swap and backup files, browsers' partial downloads, dotfiles (our own temp files included). */
export function isTempFile(file: string): boolean {
  const base = path.basename(file);
  return (
    base.startsWith('.') ||
    base.startsWith('~') ||
    base.endsWith('~') ||
    /\.(swp|swx|swo|crdownload|part|partial|download|tmp|temp)$/i.test(base) ||
    /^#.*#$/.test(base)
  );
}

/** Folders a design is never looked for in: hidden ones (ours, VCS, editors') and installed packages. */
const skippedFolder = (name: string) => name.startsWith('.') || name === 'node_modules';

/**
 * A design image that is not someone's temporary file. With `designsDir`, the file must also lie inside that folder and
 * outside its hidden folders (a watcher's events cover more than the designs folder).
 */
export function isDesignFile(file: string, designsDir?: string): boolean {
  if (designsDir !== undefined) {
    const rel = path.relative(designsDir, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    if (rel.split(path.sep).slice(0, -1).some(skippedFolder)) return false;
  }
  return DESIGN_EXTENSIONS.has(path.extname(file).toLowerCase()) && !isTempFile(file);
}

/** Every design in the folder and its sub-folders, sorted; a missing folder has none (other read errors throw). */
export async function listDesigns(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => isDesignFile(file, dir))
    .sort();
}

/** The images that make one design: today one file each; the responsive issue groups `name@mobile.png` with `name.png`. */
export interface DesignGroup {
  /** The design's main image: its path names the component. */
  design: string;
  /** Every image of the design, `design` first. */
  files: string[];
}

/**
 * Groups design images into designs, in the order given. A scale suffix (`@2x`, `@1.5x`) is part of a single image's
 * name, never a group suffix.
 */
export function groupDesigns(paths: readonly string[]): DesignGroup[] {
  return paths.map((design) => ({ design, files: [design] }));
}
