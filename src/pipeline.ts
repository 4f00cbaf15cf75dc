// One design through the whole flow: intake → cache → generate/validate/format/render/compare/refine → write → manifest.
// A design's failure is a result, not an exception: front ends report it and go on with the next design.
import path from 'node:path';
import { overrideFor } from './config/load.js';
import type { ResolvedConfig } from './config/types.js';
import { abortedError, describeError, isUi2CodeError } from './errors.js';
import type { Provider } from './generate/provider.js';
import { limiter } from './jobs.js';
import { refine } from './refine/refine.js';
import type { Renderer } from './render/pool.js';
import type { ConvertResult, Design, Hints, ProgressEvent, Scores } from './types.js';
import { prepareDir, sweepTempFiles } from './write/atomic.js';
import { cacheKey, readCache, shared, writeCache, type CachedResult } from './write/cache.js';
import { writeComponent } from './write/component.js';
import { clearPending, recordPendingEntry } from './write/pending.js';
import { updateManifestEntry, manifestKey, readManifest, toPosix } from './write/manifest.js';
import { componentName as nameOf, componentPath } from './write/names.js';
import { designGroupOf, type DesignGroup } from './designs.js';
import { readDesignSet, setHash } from './intake/set.js';
import { PROMPT_VERSION } from './generate/prompt.js';
import { SCORE_VERSION } from './compare/score.js';

export interface ConvertOptions {
  config: ResolvedConfig;
  renderer: Renderer;
  /** Default: resolved from the config and the environment. */
  provider?: Provider;
  signal?: AbortSignal;
  /** Overwrite hand-edited components. */
  force?: boolean;
  /** Use the result cache (default true). */
  cache?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  hints?: Hints;
  env?: NodeJS.ProcessEnv;
}

export async function providerFor(config: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): Promise<Provider> {
  const { resolveProvider } = await import('./generate/resolve.js');
  return resolveProvider(config, env);
}

/** Names handed out in this process but not yet in the manifest (designs in flight), per output folder: name → design. */
const reserved = new Map<string, Map<string, string>>();

/** The component name a design gets: the one the manifest already knows, else a fresh unique one. */
async function nameFor(config: ResolvedConfig, designPath: string): Promise<{ name: string; file: string }> {
  const chosen = await pickName(config, designPath);
  const componentName = (design: string, taken: string[]) => nameOf(design, taken, config.viewportPattern);
  // Two new designs with the same stem (a/card.png, b/card.png) converted at once must not both become Card.
  const dir = path.resolve(config.outDir);
  let names = reserved.get(dir);
  if (!names) reserved.set(dir, (names = new Map()));
  const holder = names.get(chosen.name.toLowerCase());
  if (holder === undefined || holder === designPath) {
    names.set(chosen.name.toLowerCase(), designPath);
    return chosen;
  }
  const manifest = await readManifest(config.root);
  const inManifest = Object.values(manifest?.designs ?? {}).flatMap((e) => (typeof e.file === 'string' ? [path.basename(e.file, '.tsx')] : []));
  const name = componentName(designPath, [...names.keys(), ...inManifest]);
  names.set(name.toLowerCase(), designPath);
  return { name, file: componentPath(config.outDir, name) };
}

async function pickName(config: ResolvedConfig, designPath: string): Promise<{ name: string; file: string }> {
  const manifest = await readManifest(config.root);
  const known = manifest?.designs[manifestKey(config.root, designPath)];
  // A design keeps its component's name across runs, as long as that file is still in the output folder.
  if (known?.file && path.dirname(path.resolve(config.root, known.file)) === path.resolve(config.outDir)) {
    const name = path.basename(known.file, '.tsx');
    return { name, file: componentPath(config.outDir, name) };
  }
  const taken = Object.entries(manifest?.designs ?? {})
    .filter(([key]) => key !== manifestKey(config.root, designPath))
    .filter(([, entry]) => typeof entry.file === 'string')
    .map(([, entry]) => path.basename(entry.file, '.tsx'));
  const name = nameOf(designPath, taken, config.viewportPattern);
  return { name, file: componentPath(config.outDir, name) };
}

const swept = new Map<string, Promise<number>>();

/** Removes what a killed run left in outDir, once per folder and process: later sweeps could race this process's own writes. */
export function sweepOnce(outDir: string): Promise<number> {
  const dir = path.resolve(outDir);
  let sweep = swept.get(dir);
  if (!sweep) {
    sweep = sweepTempFiles(dir).catch(() => 0);
    swept.set(dir, sweep);
  }
  return sweep;
}

/** Whether a remote model gets the local analysis as hints: when the config says so, else for small models. */
async function wantsHints(config: ResolvedConfig, provider: Provider): Promise<boolean> {
  if (provider.name === 'local') return false;
  const { isSmallModel } = await import('./generate/presets.js');
  return config.hints ?? isSmallModel(provider.model);
}

/**
 * The design's texts with fonts fitted by rendering, for the text and typography terms (the local engine has them
 * already; with hints it costs two renders). A design the analysis cannot read goes without.
 */
async function typographyTexts(design: Design, renderer: Renderer): Promise<Hints['texts'] | undefined> {
  try {
    const { designTypography } = await import('./generate/local/index.js');
    return await designTypography(design, renderer);
  } catch {
    return undefined;
  }
}

/**
 * The local analysis as hints, loaded (OCR and all) only when a model is about to be asked. Hints help and are not
 * needed: an analysis that fails leaves the model to read the image alone.
 */
async function analysisHints(design: Design, renderer: Renderer): Promise<Hints | undefined> {
  try {
    const { designHints } = await import('./generate/local/index.js');
    return await designHints(design, renderer);
  } catch {
    return undefined;
  }
}

/**
 * The design a path belongs to: the set of viewport images sharing its base name (`plans.png`, `plans@mobile.png`), as
 * they are on disk now. Any image of the set names the whole set; a path not on disk stays a design of its own (intake
 * reports it).
 */
export async function designSetOf(config: ResolvedConfig, designPath: string): Promise<DesignGroup> {
  const file = path.resolve(config.root, designPath);
  const group = await designGroupOf(file, config.viewportPattern);
  return group && group.files.includes(file) ? group : { design: file, files: [file], base: file };
}

export async function convertDesign(designPath: string, options: ConvertOptions): Promise<ConvertResult> {
  const { config, renderer, signal, force = false, cache = true, onProgress } = options;
  const group = await designSetOf(config, designPath);
  const design = group.design;
  const progress = (phase: ProgressEvent['phase'], message?: string) => onProgress?.({ design, phase, message });
  const result: ConvertResult = {
    design,
    component: '',
    file: '',
    status: 'failed',
    provider: options.provider?.name ?? config.provider,
    model: options.provider?.model ?? config.model ?? '',
    rounds: 0,
    scores: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    cost: 0,
  };
  try {
    progress('queued');
    // An output folder that cannot be made fails the design before the model is paid for.
    await prepareDir(config.outDir);
    await sweepOnce(config.outDir);
    const { name, file } = await nameFor(config, design);
    Object.assign(result, { component: name, file });
    const designs = await readDesignSet(group, config.limits);
    // The widest viewport is the design the single-image stages see; the others come along as `widths`.
    const input = designs[0];
    const widths = designs.length > 1 ? designs : undefined;
    const provider = options.provider ?? (await providerFor(config, options.env));
    Object.assign(result, { provider: provider.name, model: provider.model });
    const override = overrideFor(config, design);
    const rounds = override?.rounds ?? config.rounds;
    const target = override?.target ?? config.target;
    const withHints = Boolean(options.hints) || (await wantsHints(config, provider));
    // The style and the theme shape the code: a theme edit or another style is another result.
    const style = config.style ?? 'inline';
    const theme = style === 'tailwind' ? await (await import('./generate/theme.js')).loadTheme(config.root) : undefined;
    const themeKey = theme ? (await import('./generate/theme.js')).themeHash(theme) : undefined;
    const styles = { style, name, root: config.root, theme };
    const keyInput = {
      image: setHash(designs),
      provider: provider.name,
      endpoint: provider.endpoint,
      model: provider.model,
      version: provider.version,
      promptVersion: PROMPT_VERSION,
      rounds,
      target,
      hints: withHints,
      style,
      theme: themeKey,
    };
    const key = cacheKey(keyInput);
    // The local engine writes the chosen name into its code; remote models are not told it, so their results serve any name.
    const entry = provider.name === 'local' ? cacheKey({ ...keyInput, component: name }) : key;

    const produce = async (): Promise<CachedResult> => {
      const hints = options.hints ?? (withHints ? await analysisHints(input, renderer) : undefined);
      // Only where the analysis runs anyway (the local engine, hints): a remote model alone never starts the OCR.
      // A responsive set is scored at its worst width, which one design's texts do not describe: each width by its own.
      const analysed = provider.name === 'local' || !!hints;
      const texts = analysed && designs.length === 1 ? await typographyTexts(input, renderer) : undefined;
      const textsPerWidth = analysed && designs.length > 1 ? await Promise.all(designs.map((d) => typographyTexts(d, renderer))) : undefined;
      const refined = await refine({ design: input, widths, provider, renderer, file, name, rounds, target, tokenBudget: config.tokenBudget, hints, texts, textsPerWidth, signal, onProgress, styles });
      return {
        code: refined.best.code,
        css: refined.best.css,
        scores: refined.scores,
        terms: refined.best.scores,
        ...(refined.best.widths ? { widths: refined.best.widths } : {}),
        rounds: refined.rounds,
        usage: refined.usage,
        cost: provider.cost(refined.usage),
        provider: provider.name,
        model: provider.model,
        scoreVersion: SCORE_VERSION,
      };
    };
    let made = cache ? await readCache(config.root, entry) : null;
    if (made && (made.scoreVersion ?? 1) !== SCORE_VERSION) made = null;
    const fromCache = Boolean(made);
    if (!made) {
      try {
        made = cache ? await shared(entry, produce, signal) : await produce();
      } catch (error) {
        // The job we joined was aborted by its own design's newer save; ours still stands, so run it ourselves.
        if (!isUi2CodeError(error, 'ABORTED') || signal?.aborted) throw error;
        made = await produce();
      }
      if (signal?.aborted) throw abortedError(design);
      if (cache) await writeCache(config.root, entry, made);
    }
    if (signal?.aborted) throw abortedError(design);

    progress('writing');
    const written = await writeComponent({ root: config.root, outDir: config.outDir, file, design: toPosix(path.relative(config.root, design)), code: made.code, css: made.css, force });
    const terms: Scores | undefined = made.terms;
    Object.assign(result, {
      file: written.file,
      ...(written.css ? { css: written.css } : {}),
      status: written.status,
      rounds: made.rounds,
      scores: made.scores,
      score: terms?.score,
      mismatch: terms?.mismatch,
      fgMismatch: terms?.fgMismatch,
      terms,
      ...(made.widths ? { widths: made.widths.map((w) => ({ design: w.design, width: w.width, score: w.scores.score, mismatch: w.scores.mismatch, fgMismatch: w.scores.fgMismatch })) } : {}),
      usage: fromCache ? { promptTokens: 0, completionTokens: 0 } : made.usage,
      cost: fromCache ? 0 : made.cost,
      // Written all the same (the best candidate is still the best), but `check` would fail it.
      belowThreshold: terms?.score !== undefined && terms.score < (override?.threshold ?? config.threshold),
      ...(written.reason ? { error: `not overwritten: ${written.reason}; the new version is in ${written.file}` } : {}),
    });
    const manifestEntry = {
      file: toPosix(path.relative(config.root, file)),
      css: written.css ? toPosix(path.relative(config.root, written.css)) : undefined,
      style,
      component: name,
      provider: made.provider,
      model: made.model,
      promptVersion: provider.version ?? PROMPT_VERSION,
      rounds: made.rounds,
      scores: made.scores,
      score: terms?.score,
      ...(terms?.typography !== undefined ? { typography: terms.typography } : {}),
      scoreVersion: SCORE_VERSION,
      // A freshly generated component is judged by its own score until `check --update` accepts another.
      acceptedScore: undefined,
      usage: made.usage,
      cost: made.cost,
      hash: setHash(designs),
      // A responsive design: every image of the set, and what each width scored (the score above is the worst).
      ...(widths
        ? {
            images: designs.map((d) => toPosix(path.relative(config.root, d.path))),
            widths: (made.widths ?? []).map((w) => ({ image: toPosix(path.relative(config.root, w.design)), width: w.width, score: w.scores.score })),
          }
        : { images: undefined, widths: undefined }),
    };
    // A version waiting for the user keeps what the manifest will record when they accept it.
    if (written.status === 'pending') await recordPendingEntry(config.root, name, manifestEntry);
    else await Promise.all([updateManifestEntry(config.root, design, manifestEntry), clearPending(config.root, name)]);
    progress('done');
    return result;
  } catch (error) {
    progress('failed', describeError(error));
    return { ...result, status: 'failed', error: describeError(error), errorCode: isUi2CodeError(error) ? error.code : 'INTERNAL' };
  }
}

/** Converts designs with at most `concurrency` at once; results in the order of `paths`. */
export async function convertMany(paths: string[], options: ConvertOptions & { concurrency?: number }): Promise<ConvertResult[]> {
  const limit = limiter(Math.max(1, options.concurrency ?? options.config.concurrency ?? 4));
  return Promise.all(paths.map((design) => limit(() => convertDesign(design, options))));
}
