// The run-time of conversions: one renderer, one provider and the local engine's OCR worker, opened lazily and closed
// once. Every front end (convert, watch, compare, the Vite plugin's conversion thread) opens one session and closes it.
import type { ResolvedConfig } from './config/types.js';
import { describeError, isUi2CodeError, type ResultErrorCode } from './errors.js';
import type { Provider } from './generate/provider.js';
import type { Renderer } from './render/pool.js';
import type { ConvertResult, Design, Hints, ProgressEvent } from './types.js';

/** One conversion's options as a front end gives them. */
export interface ConvertJob {
  signal?: AbortSignal;
  /** Overwrite a hand-edited component. */
  force?: boolean;
  /** False: ignore the result cache (the status page's "Regenerate", `--no-cache`). */
  cache?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}

/** Design, render and diff of a component as PNG bytes (the plugin's status page). */
export interface ComparisonImages {
  design: Uint8Array;
  render: Uint8Array;
  diff: Uint8Array;
}

/** What the plugin drives, in its conversion thread or inline: a session's conversions, by message or by call. */
export interface Converter {
  convert(design: string, job?: ConvertJob): Promise<ConvertResult>;
  /** At `width` for a responsive design (one of its viewports' CSS widths); default the widest. */
  images(design: string, file: string, width?: number): Promise<ComparisonImages>;
  close(): Promise<void>;
}

export interface Session extends Converter {
  readonly config: ResolvedConfig;
  /** The render pool, created on first use. */
  renderer(): Promise<Renderer>;
  /** The provider, resolved on first use; a failure is not kept (a key added to .env later is picked up). */
  provider(): Promise<Provider>;
  /** The design's texts by OCR, for the score's text terms. */
  designTexts(design: Design): Promise<Hints['texts']>;
  /** Closes what the session opened: its renderer (not one it was given) and the local engine's OCR worker. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /** A renderer the caller owns (tests, the check): used, never closed. Default: one the session creates and closes. */
  renderer?: Renderer;
  /** A provider to use instead of resolving one from the config. */
  provider?: Provider;
  /** Environment the provider's keys come from (the project's .env files are read under it). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** A result for a design that failed before the pipeline ran (no provider). */
export function failedResult(config: ResolvedConfig, design: string, error: unknown, code: ResultErrorCode): ConvertResult {
  return {
    design, component: '', file: '', status: 'failed', provider: config.provider, model: config.model ?? '', rounds: 0, scores: [],
    usage: { promptTokens: 0, completionTokens: 0 }, cost: 0, error: describeError(error), errorCode: isUi2CodeError(error) ? error.code : code,
  };
}

export function createSession(config: ResolvedConfig, { renderer: given, provider: fixed, env = process.env }: SessionOptions = {}): Session {
  let own: Renderer | undefined;
  let provider: Promise<Provider> | undefined = fixed && Promise.resolve(fixed);
  // The local engine (OCR worker) may run for the local provider, for hints to a remote one and for text terms.
  let usedLocal = false;

  const renderer = async () => {
    if (given) return given;
    if (!own) {
      const { createRenderer } = await import('./render/pool.js');
      own ??= createRenderer({ executablePath: config.browser, workers: config.renderWorkers });
    }
    return own;
  };
  const getProvider = () => {
    usedLocal = true;
    provider ??= import('./generate/resolve.js').then(({ resolveProvider }) => resolveProvider(config, env));
    provider.catch(() => (provider = undefined));
    return provider;
  };

  async function convert(design: string, job: ConvertJob = {}): Promise<ConvertResult> {
    const { convertDesign } = await import('./pipeline.js');
    let chosen: Provider;
    try {
      chosen = await getProvider();
    } catch (error) {
      return failedResult(config, design, error, 'NO_PROVIDER');
    }
    return convertDesign(design, { config, renderer: await renderer(), provider: chosen, env, ...job });
  }

  async function designTexts(design: Design): Promise<Hints['texts']> {
    usedLocal = true;
    const local = await import('./generate/local/index.js');
    return local.designTexts(design);
  }

  async function images(designPath: string, file: string, width?: number): Promise<ComparisonImages> {
    const [{ readDesignSet }, { designSetOf }, { scoreComponent }, { encodePng }, fs] = await Promise.all([
      import('./intake/set.js'),
      import('./pipeline.js'),
      import('./compare/score-component.js'),
      import('./intake/png.js'),
      import('node:fs/promises'),
    ]);
    // A responsive design's viewport at the width asked for (the component is drawn at that width), else the widest.
    const set = await readDesignSet(await designSetOf(config, designPath), config.limits);
    const design = set.find((d) => d.cssWidth === width) ?? set[0];
    const source = await fs.readFile(file, 'utf8');
    const scored = await scoreComponent(await renderer(), design, source, { diff: true, name: file });
    // Copies, so each owns its buffer (the conversion thread transfers them).
    const copy = (png: Buffer) => new Uint8Array(png);
    return { design: copy(encodePng(design.image)), render: copy(encodePng(scored.render.image)), diff: copy(encodePng(scored.diff ?? scored.render.image)) };
  }

  async function close(): Promise<void> {
    const closing: Array<Promise<unknown>> = [];
    if (own) closing.push(own.close());
    if (usedLocal) closing.push(import('./generate/local/index.js').then((m) => m.closeLocalEngine()));
    own = undefined;
    provider = fixed && Promise.resolve(fixed);
    usedLocal = false;
    await Promise.allSettled(closing);
  }

  return { config, renderer, provider: getProvider, designTexts, convert, images, close };
}
