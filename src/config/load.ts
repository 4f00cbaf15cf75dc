// Loads ui2code.config.* with c12 (jiti for TypeScript and ESM, confbox for JSON) and resolves it against the defaults.
// Precedence: overrides (CLI flags, plugin options) > the config file > defaults. No rc files, package.json keys,
// dotenv or remote `extends`: one file, in the project root, is the whole story.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ui2CodeError } from '../errors.js';
import { CONFIG_DEFAULTS, defaultProvider } from './defaults.js';
import { loadEnvFiles } from './env.js';
import type { DesignOverride, ResolvedConfig, UserConfig } from './types.js';
import { validateConfig } from './validate.js';
import { resolveStyle } from '../generate/theme.js';

/** Looked up in this order in the root; the first that exists is loaded. */
export const CONFIG_FILE_NAMES = ['ui2code.config.ts', 'ui2code.config.mts', 'ui2code.config.mjs', 'ui2code.config.js', 'ui2code.config.cjs', 'ui2code.config.json'];

export interface LoadConfigOptions {
  /** Project root the config file is looked up in and relative folders resolve against. Default: the working directory. */
  root?: string;
  /** Values that win over the file (CLI flags, plugin options). Undefined values are ignored. */
  overrides?: UserConfig;
  /** Name the overrides' errors are reported under. Default 'command line'. */
  overridesSource?: string;
  /** A specific config file (relative to root), or false to load none. Default: the first of CONFIG_FILE_NAMES. */
  configFile?: string | false;
  /** Environment the provider default is chosen from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** 'ui2code' in a config file resolves to our own dependency-free define module, whether or not the project installed it. */
function defineModulePath(): string {
  const self = fileURLToPath(import.meta.url);
  return path.join(path.dirname(self), `define${path.extname(self)}`);
}

export function findConfigFile(root: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((file) => fs.existsSync(file));
}

async function readConfigFile(file: string): Promise<unknown> {
  const { loadConfig: c12Load } = await import('c12');
  try {
    const loaded = await c12Load({
      name: 'ui2code',
      cwd: path.dirname(file),
      configFile: file,
      rcFile: false,
      globalRc: false,
      dotenv: false,
      packageJson: false,
      envName: false,
      extend: false,
      giget: false,
      configFileRequired: true,
      jitiOptions: { alias: { ui2code: defineModulePath() } },
    });
    return loaded.config;
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new Ui2CodeError('CONFIG', `cannot load the config file (${detail})`, { file, cause: error });
  }
}

const defined = <T extends object>(object: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(object ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Overrides > file > defaults, field by field; `limits` and each design's override merge by key. */
export function mergeConfig(file: UserConfig, overrides: UserConfig): UserConfig {
  const designOverrides: Record<string, DesignOverride> = { ...file.designOverrides };
  for (const [key, value] of Object.entries(overrides.designOverrides ?? {})) designOverrides[key] = { ...designOverrides[key], ...defined(value) };
  return {
    ...defined(file),
    ...defined(overrides),
    designOverrides,
    limits: { ...defined(file.limits), ...defined(overrides.limits) },
  };
}

export async function loadConfig({ root, overrides = {}, overridesSource = 'command line', configFile, env = process.env }: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const base = path.resolve(root ?? process.cwd());
  let file: string | undefined;
  if (typeof configFile === 'string') {
    file = path.resolve(base, configFile);
    if (!fs.existsSync(file)) throw new Ui2CodeError('CONFIG', 'config file not found', { file });
  } else if (configFile !== false) {
    file = findConfigFile(base);
  }
  const fromFile = file ? validateConfig(await readConfigFile(file), file) : {};
  const merged = mergeConfig(fromFile, validateConfig(overrides, overridesSource));
  const resolved: ResolvedConfig = {
    ...CONFIG_DEFAULTS,
    ...merged,
    root: base,
    // Keys in the project's .env count too: a key there means its provider, as for the model client itself.
    provider: merged.provider ?? defaultProvider(loadEnvFiles(base, env)),
    designs: path.resolve(base, merged.designs ?? CONFIG_DEFAULTS.designs),
    outDir: path.resolve(base, merged.outDir ?? CONFIG_DEFAULTS.outDir),
    browser: merged.browser === undefined ? undefined : path.resolve(base, merged.browser),
    designOverrides: merged.designOverrides ?? {},
    limits: { ...CONFIG_DEFAULTS.limits, ...merged.limits },
    // Resolved once here, so every engine, the writer and the renderer see the same concrete style.
    style: resolveStyle(base, merged.style ?? CONFIG_DEFAULTS.style),
    configFile: file,
  };
  return resolved;
}

const posix = (p: string) => p.split(path.sep).join('/').replace(/^\.\//, '');

/** The override entry for a design: keyed by its path relative to the root, relative to the designs folder, or its file name. */
export function overrideFor(config: Pick<ResolvedConfig, 'root' | 'designs' | 'designOverrides'>, designPath: string): DesignOverride | undefined {
  const absolute = path.resolve(config.root, designPath);
  const keys = new Map(Object.entries(config.designOverrides).map(([key, value]) => [posix(key.replace(/\\/g, '/')), value]));
  for (const candidate of [posix(path.relative(config.root, absolute)), posix(path.relative(config.designs, absolute)), path.basename(absolute)]) {
    const found = keys.get(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The minimum score a design must reach in `check`: its own override, else the global threshold. */
export function thresholdFor(config: Pick<ResolvedConfig, 'root' | 'designs' | 'designOverrides' | 'threshold'>, designPath: string): number {
  return overrideFor(config, designPath)?.threshold ?? config.threshold;
}
