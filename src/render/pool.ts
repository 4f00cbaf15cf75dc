// The one owner of the browser: a lazily launched Chromium and a pool of workers, each its own browser context
// (screenshots are serialised per context). A page serves one render and is thrown away: the next component gets a
// fresh document and realm, from a page the worker warmed in the background while the previous one rendered.
import type { Browser, BrowserContext, CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { Ui2CodeError } from '../errors.js';
import type { RenderOptions, RenderResult, Viewport } from '../types.js';
import { decodePngFast } from '../intake/png.js';
import { launchBrowser } from './browser.js';
import { bundleComponent, pageRuntime, type BundleOptions } from './bundle.js';
import { fontFaceCss, fontFileFor } from './fonts.js';
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
<link rel="stylesheet" href="/__ui2code/fonts.css">
<style>
html, body { margin: 0; padding: 0; }
*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }
</style>
<script src="/__ui2code/runtime.js"></script>
</head><body></body></html>`;

/** A page loaded with the runtime, used for one render. */
interface RenderPage {
  page: Page;
  cdp: CDPSession;
  /** The isolated world measuring runs in: it shares the DOM, not the component's JavaScript. */
  measureContext: number;
  viewport?: Viewport;
  /** Errors the page reported while its render ran. */
  sink: { console: string[]; page: string[] };
  /** The first navigation the component tried after the page loaded (refused). */
  navigation?: string;
}

interface Worker {
  context: BrowserContext;
  /** The next page, warming while the previous one renders. Its failure is handled where it is taken. */
  spare: Promise<RenderPage>;
  viewport?: Viewport;
}

const sameViewport = (a: Viewport | undefined, b: Viewport) =>
  !!a && a.width === b.width && a.height === b.height && a.deviceScaleFactor === b.deviceScaleFactor;

const MEASURE = `(${measurePage.toString()})()`;

export function createRenderer({ executablePath, workers = 4, timeoutMs = 10_000, root }: RendererOptions = {}): Renderer {
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

  async function serve(request: HTTPRequest): Promise<void> {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return request.continue();
    if (url.origin !== ENGINE_ORIGIN) return request.abort('blockedbyclient');
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'max-age=31536000' };
    if (url.pathname === '/') return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: PAGE_HTML });
    if (url.pathname === '/__ui2code/runtime.js') {
      return request.respond({ status: 200, contentType: 'text/javascript', headers, body: await pageRuntime(root) });
    }
    if (url.pathname === '/__ui2code/fonts.css') return request.respond({ status: 200, contentType: 'text/css', headers, body: fontFaceCss() });
    const font = fontFileFor(url.pathname);
    if (font) {
      const body = await readFile(font).catch(() => null);
      if (body) return request.respond({ status: 200, contentType: font.endsWith('.woff2') ? 'font/woff2' : 'font/woff', headers, body });
    }
    return request.respond({ status: 404, headers, body: '' });
  }

  async function warmPage(context: BrowserContext, viewport: Viewport | undefined): Promise<RenderPage> {
    const page = await context.newPage();
    try {
      const rp: RenderPage = { page, cdp: await page.createCDPSession(), measureContext: 0, sink: { console: [], page: [] } };
      let loaded = false;
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        // After its one load, the page may not go anywhere: not by location, meta refresh, form or reload.
        if (loaded && request.isNavigationRequest()) {
          rp.navigation ??= request.url();
          request.abort('blockedbyclient').catch(() => {});
          return;
        }
        serve(request).catch(() => request.abort('failed').catch(() => {}));
      });
      // Navigations that make no request (about:blank, same-document history is harmless and not counted).
      page.on('framenavigated', (frame) => {
        if (loaded && frame === page.mainFrame()) rp.navigation ??= frame.url();
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
      await page.goto(`${ENGINE_ORIGIN}/`, { waitUntil: 'load' });
      await page.waitForFunction('window.__UI2CODE__ && window.__UI2CODE__.ready', { timeout: 15_000 });
      const { frameTree } = await rp.cdp.send('Page.getFrameTree');
      const world = await rp.cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'ui2code-measure' });
      rp.measureContext = world.executionContextId;
      loaded = true;
      return rp;
    } catch (error) {
      await page.close().catch(() => {});
      throw error;
    }
  }

  async function setViewport(rp: RenderPage, viewport: Viewport) {
    if (sameViewport(rp.viewport, viewport)) return;
    await rp.page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.deviceScaleFactor });
    rp.viewport = { ...viewport };
  }

  /** Starts warming the worker's next page; a failure surfaces when the page is taken. */
  function warm(worker: Pick<Worker, 'context' | 'viewport'>): Promise<RenderPage> {
    const spare = warmPage(worker.context, worker.viewport);
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
    const rp = await worker.spare.catch(() => warmPage(worker.context, worker.viewport));
    // A page that was closed or crashed while it waited is not used.
    return rp.page.isClosed() ? warmPage(worker.context, worker.viewport) : rp;
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
        // One page, one render: the next component gets a fresh page, warmed at this viewport while this one closes.
        rp?.page.close().catch(() => {});
        worker.viewport = { ...viewport };
        if (gen === generation) worker.spare = warm(worker);
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
          const mounted = (await page.evaluate(
            `(async () => { const mod = ${bundle.js}; return window.__UI2CODE__.mount(mod, ${JSON.stringify(bundle.css)}); })()`,
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
