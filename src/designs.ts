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

/**
 * The default viewport suffix: a word after `@` at the end of the name (`plans@mobile`, `plans@tablet`), once the
 * scale suffix is off. A scale (`@2x`, `@1.5x`) starts with a digit, so it is never a viewport.
 */
export const DEFAULT_VIEWPORT_PATTERN = '@([A-Za-z][\\w-]*)$';

const SCALE_SUFFIX = /@[1-4](?:\.\d{1,2})?x$/i;

/** A viewport pattern as a RegExp; a pattern that does not compile or captures nothing is a config error (config/validate.ts says so). */
export function viewportRegExp(pattern: string = DEFAULT_VIEWPORT_PATTERN): RegExp {
  return new RegExp(pattern);
}

/** `plans@mobile@2x.png` → { base: 'plans', label: 'mobile' }; `plans.png` → { base: 'plans' }. The extension and the scale suffix are never part of either. */
export function viewportOf(file: string, pattern?: string): { base: string; label?: string } {
  const stem = path.basename(file).replace(/\.[^.]*$/, '');
  // The scale suffix may come before or after the viewport suffix (`plans@2x@mobile`, `plans@mobile@2x`).
  let name = stem.replace(SCALE_SUFFIX, '');
  const match = viewportRegExp(pattern).exec(name);
  if (!match || match[1] === undefined || match.index === 0) return { base: name.replace(SCALE_SUFFIX, '') };
  name = name.slice(0, match.index) + name.slice(match.index + match[0].length);
  return { base: name.replace(SCALE_SUFFIX, ''), label: match[1] };
}

/** The images that make one design: one file, or a desktop/tablet/mobile set sharing a base name. */
export interface DesignGroup {
  /** The design's main image: the one without a viewport suffix, else the first of the set by name. Its path keys the manifest. */
  design: string;
  /** Every image of the design, `design` first, then by name. */
  files: string[];
  /** The name the component is named from: the folder and the base name (`designs/plans`), without extension or suffixes. */
  base: string;
}

/**
 * Groups design images into designs, in the order of each group's first file: images in one folder with the same base
 * name form one design. A scale suffix (`@2x`, `@1.5x`) is part of a single image's name, never a group suffix.
 */
export function groupDesigns(paths: readonly string[], pattern?: string): DesignGroup[] {
  const groups = new Map<string, string[]>();
  for (const file of paths) {
    const key = path.join(path.dirname(file), viewportOf(file, pattern).base);
    const members = groups.get(key);
    if (members) members.push(file);
    else groups.set(key, [file]);
  }
  return [...groups].flatMap(([base, files]) => {
    const sorted = [...files].sort();
    const plain = sorted.filter((f) => viewportOf(f, pattern).label === undefined);
    // `login.png` and `login@2x.png` are two designs, as they always were: only one image without a viewport suffix
    // (the first by name) heads the set, the others stay designs of their own.
    const main = plain[0] ?? sorted[0];
    const alone = plain.slice(1).map((design) => ({ design, files: [design], base }));
    return [{ design: main, files: [main, ...sorted.filter((f) => f !== main && !plain.includes(f))], base }, ...alone];
  });
}

/**
 * The design a file belongs to, from what is on disk now: its folder's designs grouped. A file that is gone groups
 * with what remains of its set (a deleted mobile image regenerates the desktop one); null when nothing remains of it.
 */
export async function designGroupOf(file: string, pattern?: string): Promise<DesignGroup | null> {
  const dir = path.dirname(file);
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const siblings = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => path.join(dir, e.name)).filter((f) => isDesignFile(f)).sort();
  const groups = groupDesigns(siblings, pattern);
  const own = groups.find((g) => g.files.includes(file));
  if (own) return own;
  // Gone: the rest of its set, when it had one (an image without a viewport suffix heads only a set with suffixed images).
  const base = path.join(dir, viewportOf(file, pattern).base);
  return groups.find((g) => g.base === base && g.files.some((f) => viewportOf(f, pattern).label !== undefined)) ?? null;
}
