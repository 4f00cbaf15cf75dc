// The one owner of the browser: a lazily launched Chromium and a pool of workers, each its own browser context
// (screenshots are serialised per context) with one page (./page.ts). A document serves one render: after it, the
// worker navigates its page to a fresh document (a new realm, nothing of the previous component left), in the
// background while the pool serves other renders. The page, and so its renderer process, is kept: a process that
// already compiled the runtime and decoded the fonts does neither again, where a new page starts a new process.
import type { Browser, BrowserContext } from 'puppeteer-core';
import { Ui2CodeError } from '../errors.js';
import type { RenderOptions, RenderResult, Viewport } from '../types.js';
import { decodePngFast } from '../intake/png.js';
import { launchBrowser } from './browser.js';
import { bundleComponent, pageRuntime, type BundleOptions } from './bundle.js';
import { fontFaceCssFor } from './fonts.js';
import { measurePage, type Measured } from './measure.js';
import { closePage, forgetRender, freshDocument, navigation, openPage, pageHost, setViewport, type PageHost, type RenderPage } from './page.js';

export { ENGINE_ORIGIN } from './page.js';

export interface Renderer {
  render(source: string, viewport: Viewport, options?: RenderOptions & Pick<BundleOptions, 'resolveDir' | 'files' | 'tailwind'>): Promise<RenderResult>;
  /** Closes the browser; the renderer can still be used afterwards (it relaunches lazily). */
  close(): Promise<void>;
  readonly workers: number;
  /** @internal Requests per font address (path and query) the current browser made: what tests hold the font cache to. */
  fontRequests(): Promise<ReadonlyMap<string, number>>;
}

export interface RendererOptions {
  /** Chromium to use; resolved automatically when absent. */
  executablePath?: string;
  /** Pages rendering at once, each in its own browser context. Default 4: a render waits on frames as much as on CPU. */
  workers?: number;
  /** Default deadline of one render (bundle excluded), ms. Default 10000. */
  timeoutMs?: number;
  /** The project whose `react` and `react-dom` render the components; ours when it has none. */
  root?: string;
  /**
   * @internal Default true. False keeps one document per worker and only unmounts between renders: the pool as it was
   * before isolation, which the render bench runs as its baseline. Never for untrusted code.
   */
  freshDocuments?: boolean;
}

interface Worker {
  /** The browser the worker's context belongs to (a relaunched browser gets new workers). */
  host: PageHost;
  context: BrowserContext;
  /**
   * The worker's page with its next fresh document, loading while other workers render (one page: a second one loading
   * beside it measured slower, the work is the CPU's either way). Its failure is handled where it is taken.
   */
  spare: Promise<RenderPage>;
  viewport?: Viewport;
}

const MEASURE = `(${measurePage.toString()})()`;

export function createRenderer({ executablePath, workers = 4, timeoutMs = 10_000, root, freshDocuments = true }: RendererOptions = {}): Renderer {
  let browser: Promise<PageHost> | undefined;
  const idle: Worker[] = [];
  const waiting: Array<{ resolve: (w: Worker) => void; reject: (e: unknown) => void }> = [];
  let created = 0;
  let generation = 0;

  function getBrowser(): Promise<PageHost> {
    if (!browser) {
      const gen = generation;
      browser = launchBrowser(executablePath).then((b: Browser) => {
        b.once('disconnected', () => {
          // A crash (or close) invalidates every worker; the next render relaunches.
          if (gen === generation) reset();
        });
        return pageHost(b).catch(async (error) => {
          await b.close().catch(() => {});
          throw error;
        });
      });
      browser.catch(() => reset());
    }
    return browser;
  }

  function reset() {
    generation++;
    browser = undefined;
    idle.length = 0;
    created = 0;
  }

  /**
   * Starts loading the worker's next fresh document, in the page the last render used when there is one (a page that
   * will not navigate, hung or crashed, is replaced by a new one); a failure surfaces when the page is taken.
   */
  function warm(worker: Pick<Worker, 'host' | 'context' | 'viewport'>, used?: RenderPage): Promise<RenderPage> {
    const spare = used
      ? freshDocument(used).catch(async () => {
          await closePage(worker.host, used.targetId);
          return newPage(worker);
        })
      : newPage(worker);
    spare.catch(() => {});
    return spare;
  }

  async function newPage(worker: Pick<Worker, 'host' | 'context' | 'viewport'>): Promise<RenderPage> {
    return openPage(worker.host, worker.context, await pageRuntime(root), worker.viewport);
  }

  async function newWorker(): Promise<Worker> {
    const host = await getBrowser();
    const context = await host.browser.createBrowserContext();
    const worker: Worker = { host, context, spare: warm({ host, context }) };
    await worker.spare.catch(async (error) => {
      await context.close().catch(() => {});
      throw error;
    });
    return worker;
  }

  /** The worker's warm page, or a fresh one when warming failed (a page crash must not fail the next render). */
  async function takePage(worker: Worker): Promise<RenderPage> {
    const rp = await worker.spare.catch(() => newPage(worker));
    // A page that was closed or crashed while it waited is not used.
    return rp.closed ? newPage(worker) : rp;
  }

  async function acquire(): Promise<Worker> {
    const worker = idle.pop();
    if (worker) return worker;
    if (created < workers) {
      created++;
      const gen = generation;
      try {
        return await newWorker();
      } catch (error) {
        if (gen === generation) created--;
        // A launch failure (no browser, refused start) is every queued render's failure too: none may wait forever.
        for (const waiter of waiting.splice(0)) waiter.reject(error);
        throw error;
      }
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  function release(worker: Worker | null, gen: number) {
    if (gen !== generation) {
      if (worker) void destroy(worker);
      return;
    }
    if (!worker) {
      // The worker was destroyed: let a waiter create a fresh one.
      created--;
      const next = waiting.shift();
      if (next) acquire().then(next.resolve, next.reject);
      return;
    }
    const next = waiting.shift();
    if (next) next.resolve(worker);
    else idle.push(worker);
  }

  async function destroy(worker: Worker) {
    // Closing the context closes its pages, the spare too, even one still warming.
    await worker.context.close().catch(() => {});
  }

  async function render(source: string, viewport: Viewport, options: RenderOptions & Pick<BundleOptions, 'resolveDir' | 'files' | 'tailwind'> = {}): Promise<RenderResult> {
    const name = options.name ?? 'component';
    const deadline = options.timeoutMs ?? timeoutMs;
    const t0 = performance.now();
    const bundle = await bundleComponent(source, { name, resolveDir: options.resolveDir, files: options.files, tailwind: options.tailwind });
    const t1 = performance.now();
    const gen = generation;
    let worker: Worker | null = await acquire();
    let rp: RenderPage | undefined;
    try {
      rp = await takePage(worker);
      return await renderIn(rp, bundle, viewport, options, name, deadline, t1 - t0);
    } catch (error) {
      // A timed-out or crashed page may have taken its renderer process down with it: the whole context goes.
      if (!(error instanceof Ui2CodeError) || error.code !== 'RENDER_ERROR') {
        await destroy(worker);
        worker = null;
      }
      throw error;
    } finally {
      if (worker) {
        // One document, one render: the next component gets a fresh one, loading now at this viewport.
        worker.viewport = { ...viewport };
        if (gen === generation) {
          if (!freshDocuments && rp && !rp.closed) {
            forgetRender(rp);
            worker.spare = Promise.resolve(rp);
          } else worker.spare = warm(worker, rp);
        }
      }
      release(worker, gen);
    }
  }

  async function renderIn(
    rp: RenderPage,
    bundle: { js: string; css: string },
    viewport: Viewport,
    options: RenderOptions,
    name: string,
    deadline: number,
    bundleMs: number,
  ): Promise<RenderResult> {
    const cdp = rp.session;
    const t1 = performance.now();
    await setViewport(rp, viewport);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The page's thread may be stuck in the component's code: terminate it from the protocol's side.
        cdp.send('Runtime.terminateExecution').catch(() => {});
        reject(new Ui2CodeError('RENDER_TIMEOUT', `rendering did not finish within ${deadline} ms (infinite loop or blocking work in the component)`, { file: name }));
      }, deadline);
    });
    let errors: string[];
    let measured: Measured;
    try {
      [errors, measured] = await Promise.race([
        (async () => {
          // The fonts come with the component: only the families its code names (see fontFaceCssFor).
          const css = fontFaceCssFor(bundle.js + bundle.css) + bundle.css;
          const mount = await cdp.send('Runtime.evaluate', {
            expression: `(async () => { const mod = ${bundle.js}; return window.__UI2CODE__.mount(mod, ${JSON.stringify(css)}); })()`,
            awaitPromise: true,
            returnByValue: true,
          });
          if (mount.exceptionDetails) throw new Error(thrown(mount.exceptionDetails));
          const mounted = mount.result.value as unknown;
          const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
            expression: MEASURE,
            contextId: rp.measureContext,
            returnByValue: true,
          });
          if (exceptionDetails) throw new Error(thrown(exceptionDetails));
          // The main world's answer is the component's to forge: keep only strings from it.
          const list = Array.isArray(mounted) ? mounted.filter((e): e is string => typeof e === 'string').slice(0, 50) : [];
          return [list, result.value as Measured] as const;
        })(),
        timeout,
      ]);
    } catch (error) {
      if (error instanceof Ui2CodeError) throw error;
      const to = await navigation(rp);
      if (to) throw navigated(name, to, error);
      const message = (error as Error).message.split('\n')[0];
      if (/Target closed|Session closed|detached|crashed|Protocol error/i.test(message)) {
        throw new Ui2CodeError('RENDER_TIMEOUT', `the render page crashed (${message})`, { file: name, cause: error });
      }
      throw new Ui2CodeError('RENDER_ERROR', `the component threw while rendering: ${message}`, { file: name, cause: error });
    } finally {
      clearTimeout(timer);
    }
    if (rp.navigation) throw navigated(name, rp.navigation);
    const t2 = performance.now();
    const shot = (await cdp.send('Page.captureScreenshot', {
      format: 'png',
      // The session that emulates the device scale captures at it: the clip is in CSS pixels, the picture in device pixels.
      clip: { x: 0, y: 0, width: viewport.width, height: viewport.height, scale: 1 },
      captureBeyondViewport: false,
      optimizeForSpeed: true,
    })) as { data: string };
    const t3 = performance.now();
    // A navigation refused while the screenshot was taken still fails the render: the picture may be of nothing.
    if (rp.navigation) throw navigated(name, rp.navigation);
    const image = await decodePngFast(Buffer.from(shot.data, 'base64'), name);
    const t4 = performance.now();
    return {
      image,
      viewport: { ...viewport },
      documentWidth: measured.documentWidth,
      documentHeight: measured.documentHeight,
      texts: measured.texts,
      elements: measured.elements,
      consoleErrors: [...rp.sink.console, ...errors.filter((e) => e.startsWith('blocked'))],
      pageErrors: [...rp.sink.page, ...errors.filter((e) => !e.startsWith('blocked'))],
      timings: { bundle: bundleMs, render: t2 - t1, screenshot: t3 - t2, decode: t4 - t3 },
    };
  }

  async function close() {
    const current = browser;
    reset();
    for (const waiter of waiting.splice(0)) waiter.reject(new Ui2CodeError('RENDER_ERROR', 'the renderer was closed'));
    if (current) await (await current.catch(() => null))?.browser.close().catch(() => {});
  }

  const fontRequests = async () => (browser ? ((await browser.catch(() => null))?.fontRequests ?? new Map()) : new Map());

  return { render, close, workers, fontRequests };
}

/** What an exception in the page says: its message without the stack (a thrown non-Error says what it is). */
function thrown(details: { text: string; exception?: { description?: string; value?: unknown } }): string {
  const { exception } = details;
  const text = exception?.description ?? (exception && 'value' in exception ? String(exception.value) : details.text);
  return text.replace(/^Uncaught (\(in promise\) )?/, '');
}

function navigated(name: string, url: string, cause?: unknown): Ui2CodeError {
  return new Ui2CodeError('RENDER_ERROR', `the component tried to navigate the render page (to ${url}); navigation is refused`, { file: name, cause });
}
