// The user's project as far as styles go: does it use Tailwind (which version, which config or CSS entry), and what
// are its design tokens. Tailwind's own defaults are read from the package's `theme.css`, never copied by hand.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ui2CodeError } from '../errors.js';
import { parseColor, toHex } from './color.js';
import type { OutputStyle, OutputStyleOption, Theme } from './style.js';

export const V3_CONFIG_NAMES = ['tailwind.config.ts', 'tailwind.config.mts', 'tailwind.config.js', 'tailwind.config.mjs', 'tailwind.config.cjs'];

/** How a project uses Tailwind. */
export interface TailwindSetup {
  /** Major version the project depends on; undefined when it does not depend on tailwindcss. */
  version?: number;
  /** The project's own installed tailwindcss folder, when there is one. */
  packageDir?: string;
  /** v3: its tailwind.config.*. */
  configFile?: string;
  /** v4: the CSS file that `@import "tailwindcss"` (with the project's `@theme`). */
  cssEntry?: string;
}

const ours = path.dirname(fileURLToPath(import.meta.url));

/** Our own tailwindcss, used when the project has none installed. */
export function ownTailwindDir(): string {
  return path.dirname(createRequire(path.join(ours, 'x.js')).resolve('tailwindcss/package.json'));
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.ui2code', '.next', 'coverage', '.vite']);
const TAILWIND_IMPORT = /@import\s+(?:url\()?\s*['"]tailwindcss(?:\/[^'"]*)?['"]/;

/** The CSS file importing tailwindcss: breadth first from the root, skipping build output, at most 2000 entries looked at. */
export function findTailwindCss(root: string): string | undefined {
  const queue = [root];
  let seen = 0;
  while (queue.length && seen < 2000) {
    const dir = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen++;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) queue.push(full);
      else if (entry.isFile() && entry.name.endsWith('.css') && !entry.name.endsWith('.module.css')) {
        const text = fs.readFileSync(full, 'utf8');
        if (TAILWIND_IMPORT.test(text)) return full;
      }
    }
  }
  return undefined;
}

export function tailwindSetup(root: string): TailwindSetup {
  const pkg = readJson(path.join(root, 'package.json'));
  const range = [pkg?.dependencies, pkg?.devDependencies].map((deps) => (deps as Record<string, string> | undefined)?.tailwindcss).find(Boolean);
  if (!range) return {};
  let packageDir: string | undefined;
  try {
    packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('tailwindcss/package.json'));
  } catch {
    packageDir = undefined;
  }
  const installed = packageDir ? (readJson(path.join(packageDir, 'package.json'))?.version as string | undefined) : undefined;
  const version = Number(/(\d+)/.exec(installed ?? range)?.[1] ?? 4);
  if (version < 4) {
    const configFile = V3_CONFIG_NAMES.map((name) => path.join(root, name)).find((file) => fs.existsSync(file));
    return { version, packageDir, configFile };
  }
  return { version, packageDir, cssEntry: findTailwindCss(root) };
}

/** `auto` → `tailwind` when the project depends on tailwindcss (v4, or v3 with its config file), else `css-modules`. */
export function resolveStyle(root: string, option: OutputStyleOption): OutputStyle {
  if (option !== 'auto') return option;
  const setup = tailwindSetup(root);
  if (setup.version === undefined) return 'css-modules';
  return setup.version >= 4 || setup.configFile ? 'tailwind' : 'css-modules';
}

/** The bodies of `@theme { … }` blocks (also `@theme default`, `@theme inline`), braces matched. */
function themeBlocks(css: string): string[] {
  const blocks: string[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of text.matchAll(/@theme\b[^{;]*\{/g)) {
    let depth = 1, i = match.index! + match[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    blocks.push(text.slice(start, i - 1));
  }
  return blocks;
}

const emptyTheme = (source: string): Theme => ({ colors: {}, spacing: {}, fontSize: {}, radius: {}, fontFamily: {}, source });

const splitFamilies = (value: string) =>
  value.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);

/** The spacing scale as class names: v4 takes any multiple of the base; these are the steps a developer writes. */
function spacingScale(base: string): Record<string, string> {
  const unit = /^([\d.]+)(rem|px)$/.exec(base.trim());
  if (!unit) return {};
  const steps = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, ...Array.from({ length: 93 }, (_, i) => i + 4)];
  return Object.fromEntries(steps.map((n) => [String(n), `${Number((n * Number(unit[1])).toFixed(4))}${unit[2]}`]));
}

/** Applies a stylesheet's `@theme` variables to `theme` (later declarations win, `initial` removes a token). */
export function applyThemeCss(theme: Theme, css: string): Theme {
  for (const block of themeBlocks(css)) {
    for (const match of block.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) {
      const [name, raw] = [match[1], match[2].replace(/\s+/g, ' ').trim()];
      const set = <T>(table: Record<string, T>, key: string, value: T) => (raw === 'initial' ? delete table[key] : (table[key] = value));
      if (name === 'spacing') Object.assign(theme.spacing, spacingScale(raw));
      else if (name.startsWith('spacing-')) set(theme.spacing, name.slice(8), raw);
      else if (name.startsWith('color-')) {
        const color = parseColor(raw);
        set(theme.colors, name.slice(6), color ? toHex(color) : raw);
      } else if (name.startsWith('text-') && !name.startsWith('text-shadow-') && !name.includes('--')) set(theme.fontSize, name.slice(5), raw); // v4.1's text-shadow-* are shadows, not sizes
      else if (name.startsWith('radius-')) set(theme.radius, name.slice(7), raw);
      else if (name.startsWith('font-') && !name.startsWith('font-weight-') && !name.includes('--')) set(theme.fontFamily, name.slice(5), splitFamilies(raw));
    }
  }
  return theme;
}

/**
 * Tailwind's default theme from its own `theme.css` (the project's copy when installed, else ours). Preflight is on:
 * what the renderer compiles without a project entry is the whole `@import "tailwindcss"`.
 */
export function defaultTheme(packageDir = ownTailwindDir()): Theme {
  return { ...applyThemeCss(emptyTheme('tailwind defaults'), fs.readFileSync(path.join(packageDir, 'theme.css'), 'utf8')), preflight: true };
}

/** A v4 entry brings preflight when it imports the whole of tailwindcss or its preflight layer (not theme and utilities alone). */
export const entryHasPreflight = (css: string) => /@import\s+(?:url\()?\s*['"]tailwindcss(?:\/preflight(?:\.css)?)?['"]/.test(css.replace(/\/\*[\s\S]*?\*\//g, ''));

type Tree = { [key: string]: unknown };

/** v3 nests colours (`brand: { 500: '#…', DEFAULT: '#…' }`): flattened to `brand-500` and `brand`. */
function flatten(tree: Tree, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> => {
    const name = key === 'DEFAULT' ? prefix : prefix ? `${prefix}-${key}` : key;
    return value && typeof value === 'object' && !Array.isArray(value) ? flatten(value as Tree, name) : [[name, value]];
  });
}

/** Applies a v3 config's `theme` (replacing a whole scale) and `theme.extend` (adding to it); functions are skipped. */
export function applyV3Theme(theme: Theme, config: { theme?: Tree & { extend?: Tree } }): Theme {
  const scales: Array<[key: string, apply: (name: string, value: unknown) => void, table: Record<string, unknown>]> = [
    ['colors', (n, v) => typeof v === 'string' && (theme.colors[n] = parseColor(v) ? toHex(parseColor(v)!) : v), theme.colors],
    ['spacing', (n, v) => typeof v === 'string' && (theme.spacing[n] = v), theme.spacing],
    ['fontSize', (n, v) => (typeof v === 'string' ? (theme.fontSize[n] = v) : Array.isArray(v) && typeof v[0] === 'string' && (theme.fontSize[n] = v[0])), theme.fontSize],
    ['borderRadius', (n, v) => typeof v === 'string' && (theme.radius[n || 'DEFAULT'] = v), theme.radius],
    ['fontFamily', (n, v) => (theme.fontFamily[n] = Array.isArray(v) ? v.map(String) : splitFamilies(String(v))), theme.fontFamily],
  ];
  for (const [key, apply, table] of scales) {
    const replace = config.theme?.[key];
    if (replace && typeof replace === 'object') {
      for (const name of Object.keys(table)) delete table[name];
      for (const [name, value] of flatten(replace as Tree)) apply(name, value);
    }
    const extend = config.theme?.extend?.[key];
    if (extend && typeof extend === 'object') for (const [name, value] of flatten(extend as Tree)) apply(name, value);
  }
  return theme;
}

/** Loads a JS/TS module of the project (a v3 config, a v4 `@plugin`/`@config`) with jiti. */
export async function loadProjectModule(file: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  return createJiti(file, { interopDefault: true, moduleCache: false }).import(file, { default: true });
}

const themes = new Map<string, Promise<Theme>>();

/** The project's theme: Tailwind's defaults with the project's v4 `@theme` or v3 `theme`/`theme.extend` over them. Once per root and process. */
export function loadTheme(root: string): Promise<Theme> {
  const key = path.resolve(root);
  let theme = themes.get(key);
  if (!theme) {
    theme = (async () => {
      const setup = tailwindSetup(key);
      const base = defaultTheme(setup.version && setup.version >= 4 && setup.packageDir ? setup.packageDir : undefined);
      if (setup.cssEntry) {
        const css = fs.readFileSync(setup.cssEntry, 'utf8');
        return { ...applyThemeCss(base, css), source: setup.cssEntry, preflight: entryHasPreflight(css) };
      }
      if (setup.configFile) {
        const config = await loadProjectModule(setup.configFile).catch((error: Error) => {
          throw new Ui2CodeError('CONFIG', `cannot load the Tailwind config (${error.message.split('\n')[0]})`, { file: setup.configFile, cause: error });
        });
        // v3 turns preflight off through `corePlugins` (`{ preflight: false }`, or a list that leaves it out).
        const core = (config as { corePlugins?: unknown } | undefined)?.corePlugins;
        const preflight = Array.isArray(core) ? core.includes('preflight') : (core as { preflight?: boolean } | undefined)?.preflight !== false;
        return { ...applyV3Theme(base, (config ?? {}) as { theme?: Tree }), source: setup.configFile, preflight };
      }
      return base;
    })();
    themes.set(key, theme);
    theme.catch(() => themes.delete(key));
  }
  return theme;
}

/** Part of the cache key: a theme edit changes the classes a component should use. */
export const themeHash = (theme: Theme) => createHash('sha256').update(JSON.stringify({ ...theme, source: undefined })).digest('hex').slice(0, 12);
