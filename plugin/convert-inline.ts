// Converting in the current thread: the worker's body, and the fallback when a worker thread cannot start.
import type { ResolvedConfig } from '../src/config/types.js';
import { describeError, isUi2CodeError } from '../src/errors.js';
import type { Provider } from '../src/generate/provider.js';
import type { Renderer } from '../src/render/pool.js';
import type { ConvertResult } from '../src/types.js';
import type { ComparisonImages, Converter, ConvertJob } from './converter.js';

export function convertInThisThread(config: ResolvedConfig, env: NodeJS.ProcessEnv): Converter {
  let renderer: Renderer | undefined;
  let provider: Promise<Provider> | undefined;
  let usedLocal = false;

  const getRenderer = async () => {
    if (!renderer) {
      const { createRenderer } = await import('../src/render/pool.js');
      renderer = createRenderer({ executablePath: config.browser, workers: config.renderWorkers });
    }
    return renderer;
  };
  const getProvider = () => {
    provider ??= import('../src/generate/resolve.js').then(({ resolveProvider }) => resolveProvider(config, env));
    return provider;
  };

  async function run(design: string, job: ConvertJob): Promise<ConvertResult> {
    const { convertDesign } = await import('../src/pipeline.js');
    let chosen: Provider;
    try {
      chosen = await getProvider();
      // The local engine runs for the local provider, and for hints to a remote one.
      usedLocal = true;
    } catch (error) {
      provider = undefined; // a key added to .env later is picked up on the next save
      return {
        design, component: '', file: '', status: 'failed', provider: config.provider, model: config.model ?? '', rounds: 0, scores: [],
        usage: { promptTokens: 0, completionTokens: 0 }, cost: 0, error: describeError(error), errorCode: isUi2CodeError(error) ? error.code : 'NO_PROVIDER',
      };
    }
    return convertDesign(design, { config, renderer: await getRenderer(), provider: chosen, env, signal: job.signal, force: job.force, cache: job.cache, onProgress: job.onProgress });
  }

  async function images(designPath: string, file: string): Promise<ComparisonImages> {
    const [{ readDesign }, { scoreComponent }, { encodePng }, fs] = await Promise.all([
      import('../src/intake/decode.js'),
      import('../src/compare/score-component.js'),
      import('../src/intake/png.js'),
      import('node:fs/promises'),
    ]);
    const design = await readDesign(designPath, config.limits);
    const source = await fs.readFile(file, 'utf8');
    const scored = await scoreComponent(await getRenderer(), design, source, { diff: true, name: file });
    // Copies, so each owns its buffer (they are transferred to the main thread).
    const own = (png: Buffer) => new Uint8Array(png);
    return { design: own(encodePng(design.image)), render: own(encodePng(scored.render.image)), diff: own(encodePng(scored.diff ?? scored.render.image)) };
  }

  async function close(): Promise<void> {
    const closing: Array<Promise<unknown>> = [];
    if (renderer) closing.push(renderer.close());
    // The local engine's OCR worker, once a conversion may have started it.
    if (usedLocal) closing.push(import('../src/generate/local/index.js').then((m) => m.closeLocalEngine()));
    renderer = undefined;
    provider = undefined;
    await Promise.allSettled(closing);
  }

  return { run, images, close };
}
