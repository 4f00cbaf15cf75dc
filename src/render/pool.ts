// The one owner of the browser: a lazily launched Chromium and a pool of workers, each its own browser context
// (screenshots are serialised per context) with one page. A document serves one render: after it, the worker navigates
// its page to a fresh document (a new realm, nothing of the previous component left), in the background while the
// pool serves other renders. The page, and so its renderer process, is kept: a process that already compiled the
// runtime compiles it again from its in-memory cache, where a new page starts a new process (three times slower).
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { Ui2CodeError } from '../errors.js';
import type { RenderOptions, RenderResult, Viewport } from '../types.js';
import { decodePngFast } from '../intake/png.js';
import { launchBrowser } from './browser.js';
import { bundleComponent, pageRuntime, type BundleOptions } from './bundle.js';
import { fontFaceCssFor, fontFileFor } from './fonts.js';
import { measurePage, type Measured } from './measure.js';
import { readFile } from 'node:fs/promises';

export interface Renderer {
  render(source: string, viewport: Viewport, options?: RenderOptions & Pick<BundleOptions, 'resolveDir' | 'files' | 'tailwind'>): Promise<RenderResult>;
  /** Closes the browser; the renderer can still be used afterwards (it relaunches lazily). */
  close(): Promise<void>;
  readonly workers: number;
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

/** The engine's own origin: served by request interception, resolvable by nothing else. */
export const ENGINE_ORIGIN = 'http://ui2code.invalid';
const CSP = [
  "default-src 'none'",
  `script-src ${ENGINE_ORIGIN}`,
  `style-src 'unsafe-inline' ${ENGINE_ORIGIN}`,
  `font-src ${ENGINE_ORIGIN} data:`,
  `img-src ${ENGINE_ORIGIN} data: blob:`,
  "media-src data: blob:",
  "connect-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>
html, body { margin: 0; padding: 0; }
*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }
</style>
</head><body></body></html>`;

/** A worker's page; its current document, loaded with the runtime, serves one render. */
interface RenderPage {
  page: Page;
  cdp: CDPSession;
  /** The isolated world measuring runs in (the current document's): it shares the DOM, not the component's JavaScript. */
  measureContext: number;
  viewport?: Viewport;
  /** Errors the current document reported while its render ran. */
  sink: { console: string[]; page: string[] };
  /** The first navigation the component tried after its document loaded (refused). */
  navigation?: string;
  /** Documents loaded so far. */
  documents: number;
  /** The one navigation the page may make now: ours, to a fresh document, at an address no component can know. */
  expected?: string;
}

interface Worker {
  context: BrowserContext;
  /**
   * The worker's page with its next fresh document, loading while other workers render (one page: a second one loading
   * beside it measured slower, the work is the CPU's either way). Its failure is handled where it is taken.
   */
  spare: Promise<RenderPage>;
  viewport?: Viewport;
}

const sameViewport = (a: Viewport | undefined, b: Viewport) =>
  !!a && a.width === b.width && a.height === b.height && a.deviceScaleFactor === b.deviceScaleFactor;

const GC_EVERY = 32;

const MEASURE = `(${measurePage.toString()})()`;

export function createRenderer({ executablePath, workers = 4, timeoutMs = 10_000, root, freshDocuments = true }: RendererOptions = {}): Renderer {
  let browser: Promise<Browser> | undefined;
  const idle: Worker[] = [];
  const waiting: Array<{ resolve: (w: Worker) => void; reject: (e: unknown) => void }> = [];
  let created = 0;
  let generation = 0;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const gen = generation;
      browser = launchBrowser(executablePath).then((b) => {
        b.once('disconnected', () => {
          // A crash (or close) invalidates every worker; the next render relaunches.
          if (gen === generation) reset();
        });
        return b;
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

  const fontBodies = new Map<string, Promise<Buffer | null>>();

  async function serve(request: HTTPRequest): Promise<void> {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return request.continue();
    if (url.origin !== ENGINE_ORIGIN) return request.abort('blockedbyclient');
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'max-age=31536000' };
    if (url.pathname === '/') return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: PAGE_HTML });
    const font = fontFileFor(url.pathname);
    if (font) {
      // Every fresh document asks again for the fonts its text uses: read each file once.
      let read = fontBodies.get(font);
      if (!read) fontBodies.set(font, (read = readFile(font).catch(() => null)));
      const body = await read;
      if (body) return request.respond({ status: 200, contentType: font.endsWith('.woff2') ? 'font/woff2' : 'font/woff', headers, body });
    }
    return request.respond({ status: 404, headers, body: '' });
  }

  async function openPage(context: BrowserContext, viewport: Viewport | undefined): Promise<RenderPage> {
    const page = await context.newPage();
    try {
      const rp: RenderPage = { page, cdp: await page.createCDPSession(), measureContext: 0, documents: 0, sink: { console: [], page: [] } };
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        // Once a document is loaded the page may not go anywhere (location, meta refresh, form, reload, a frame): the
        // only navigation served is the one to the next fresh document.
        if (request.isNavigationRequest() && request.url() !== rp.expected) {
          rp.navigation ??= request.url();
          request.abort('blockedbyclient').catch(() => {});
          return;
        }
        serve(request).catch(() => request.abort('failed').catch(() => {}));
      });
      // Navigations that make no request (about:blank; same-document history is harmless and not counted).
      page.on('framenavigated', (frame) => {
        if (!rp.expected && frame === page.mainFrame()) rp.navigation ??= frame.url();
      });
      page.on('console', (message) => {
        if (message.type() === 'error') rp.sink.console.push(message.text());
      });
      page.on('pageerror', (error) => rp.sink.page.push(String((error as Error).message ?? error)));
      page.on('dialog', (dialog) => {
        rp.sink.console.push(`blocked: ${dialog.type()}`);
        dialog.dismiss().catch(() => {});
      });
      page.on('popup', (popup) => {
        rp.sink.console.push('blocked: popup');
        popup?.close().catch(() => {});
      });
      if (viewport) await setViewport(rp, viewport);
      await rp.cdp.send('Page.enable');
      // The runtime comes with every new document from the browser itself: no request, no transfer, and the renderer
      // process compiles it once.
      await rp.cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: await pageRuntime(root) });
      await freshDocument(rp);
      return rp;
    } catch (error) {
      await page.close().catch(() => {});
      throw error;
    }
  }

  /** Replaces the page's document by a fresh one with the runtime loaded, and measuring's isolated world in it. */
  async function freshDocument(rp: RenderPage): Promise<RenderPage> {
    const url = `${ENGINE_ORIGIN}/?document=${randomUUID()}`;
    rp.expected = url;
    let timer: NodeJS.Timeout | undefined;
    let onClose: (() => void) | undefined;
    try {
      const loaded = new Promise<void>((resolve, reject) => {
        rp.cdp.once('Page.loadEventFired', () => resolve());
        // A browser closed while the document loads ends the wait (and a spare loading at exit keeps no one waiting).
        onClose = () => reject(new Error('the render page was closed'));
        rp.page.on('close', onClose);
        timer = setTimeout(() => reject(new Error('the render page did not load within 15 s')), 15_000);
        timer.unref();
      });
      loaded.catch(() => {});
      const { errorText } = await rp.cdp.send('Page.navigate', { url });
      if (errorText) throw new Error(`the render page did not load (${errorText})`);
      await loaded;
      const { result } = await rp.cdp.send('Runtime.evaluate', { expression: '!!(window.__UI2CODE__ && window.__UI2CODE__.ready)', returnByValue: true });
      if (result.value !== true) throw new Error('the render runtime did not start');
      const { frameTree } = await rp.cdp.send('Page.getFrameTree');
      const world = await rp.cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'ui2code-measure' });
      rp.measureContext = world.executionContextId;
      // The documents a page left behind are garbage the renderer is slow to collect on its own: uncollected, the
      // process grows by megabytes per render and renders slow down. A full collection costs about a render, so not each time.
      if (++rp.documents % GC_EVERY === 0) await rp.cdp.send('HeapProfiler.collectGarbage');
    } finally {
      clearTimeout(timer);
      // One listener per document would pile up on a page that serves thousands.
      if (onClose) rp.page.off('close', onClose);
      rp.expected = undefined;
    }
    // What the previous document did or reported is not the next render's.
    rp.sink = { console: [], page: [] };
    rp.navigation = undefined;
    return rp;
  }

  async function setViewport(rp: RenderPage, viewport: Viewport) {
    if (sameViewport(rp.viewport, viewport)) return;
    await rp.page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.deviceScaleFactor });
    rp.viewport = { ...viewport };
  }

  /**
   * Starts loading the worker's next fresh document, in the page the last render used when there is one (a page that
   * will not navigate, hung or crashed, is replaced by a new one); a failure surfaces when the page is taken.
   */
  function warm(worker: Pick<Worker, 'context' | 'viewport'>, used?: RenderPage): Promise<RenderPage> {
    const spare = used
      ? freshDocument(used).catch(async () => {
          await used.page.close().catch(() => {});
          return openPage(worker.context, worker.viewport);
        })
      : openPage(worker.context, worker.viewport);
    spare.catch(() => {});
    return spare;
  }

  async function newWorker(): Promise<Worker> {
    const b = await getBrowser();
    const context = await b.createBrowserContext();
    const worker: Worker = { context, spare: warm({ context }) };
    await worker.spare.catch(async (error) => {
      await context.close().catch(() => {});
      throw error;
    });
    return worker;
  }

  /** The worker's warm page, or a fresh one when warming failed (a page crash must not fail the next render). */
  async function takePage(worker: Worker): Promise<RenderPage> {
    const rp = await worker.spare.catch(() => openPage(worker.context, worker.viewport));
    // A page that was closed or crashed while it waited is not used.
    return rp.page.isClosed() ? openPage(worker.context, worker.viewport) : rp;
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
          if (!freshDocuments && rp && !rp.page.isClosed()) {
            rp.sink = { console: [], page: [] };
            rp.navigation = undefined;
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
    const { page, cdp } = rp;
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
          const mounted = (await page.evaluate(
            `(async () => { const mod = ${bundle.js}; return window.__UI2CODE__.mount(mod, ${JSON.stringify(css)}); })()`,
          )) as unknown;
          const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
            expression: MEASURE,
            contextId: rp.measureContext,
            returnByValue: true,
          });
          if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
          // The main world's answer is the component's to forge: keep only strings from it.
          const list = Array.isArray(mounted) ? mounted.filter((e): e is string => typeof e === 'string').slice(0, 50) : [];
          return [list, result.value as Measured] as const;
        })(),
        timeout,
      ]);
    } catch (error) {
      if (error instanceof Ui2CodeError) throw error;
      if (rp.navigation) throw navigated(name, rp.navigation, error);
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
      // clip.scale multiplies CSS pixels: ask for device pixels.
      clip: { x: 0, y: 0, width: viewport.width, height: viewport.height, scale: viewport.deviceScaleFactor },
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
    if (current) await (await current.catch(() => null))?.close().catch(() => {});
  }

  return { render, close, workers };
}

function navigated(name: string, url: string, cause?: unknown): Ui2CodeError {
  return new Ui2CodeError('RENDER_ERROR', `the component tried to navigate the render page (to ${url}); navigation is refused`, { file: name, cause });
}
