// The one owner of the browser: a lazily launched Chromium and a pool of workers, each a page in its own browser
// context (screenshots are serialised per context). Components are swapped inside the live page rather than navigated to.
import type { Browser, BrowserContext, CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { Ui2CodeError } from '../errors.js';
import type { RenderOptions, RenderResult, Viewport } from '../types.js';
import { decodePngFast } from '../intake/png.js';
import { launchBrowser } from './browser.js';
import { bundleComponent, pageRuntime, type BundleOptions } from './bundle.js';
import { fontFaceCss, fontFileFor } from './fonts.js';
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

interface Worker {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  viewport?: Viewport;
  /** Errors the page reported while this worker's current render ran. */
  sink: { console: string[]; page: string[] };
}

export function createRenderer({ executablePath, workers = 4, timeoutMs = 10_000 }: RendererOptions = {}): Renderer {
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
      return request.respond({ status: 200, contentType: 'text/javascript', headers, body: await pageRuntime() });
    }
    if (url.pathname === '/__ui2code/fonts.css') return request.respond({ status: 200, contentType: 'text/css', headers, body: fontFaceCss() });
    const font = fontFileFor(url.pathname);
    if (font) {
      const body = await readFile(font).catch(() => null);
      if (body) return request.respond({ status: 200, contentType: font.endsWith('.woff2') ? 'font/woff2' : 'font/woff', headers, body });
    }
    return request.respond({ status: 404, headers, body: '' });
  }

  async function newWorker(): Promise<Worker> {
    const b = await getBrowser();
    const context = await b.createBrowserContext();
    const page = await context.newPage();
    const sink = { console: [] as string[], page: [] as string[] };
    const worker: Worker = { context, page, cdp: await page.createCDPSession(), sink };
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      serve(request).catch(() => request.abort('failed').catch(() => {}));
    });
    page.on('console', (message) => {
      if (message.type() === 'error') worker.sink.console.push(message.text());
    });
    page.on('pageerror', (error) => worker.sink.page.push(String((error as Error).message ?? error)));
    page.on('dialog', (dialog) => {
      worker.sink.console.push(`blocked: ${dialog.type()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('popup', (popup) => {
      worker.sink.console.push('blocked: popup');
      popup?.close().catch(() => {});
    });
    await page.goto(`${ENGINE_ORIGIN}/`, { waitUntil: 'load' });
    await page.waitForFunction('window.__UI2CODE__ && window.__UI2CODE__.ready', { timeout: 15_000 });
    return worker;
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
    if (gen !== generation) return;
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
    try {
      return await renderIn(worker, bundle, viewport, options, name, deadline, t1 - t0);
    } catch (error) {
      // A timed-out or crashed page is not trusted again.
      if (!(error instanceof Ui2CodeError) || error.code !== 'RENDER_ERROR') {
        await destroy(worker);
        worker = null;
      }
      throw error;
    } finally {
      release(worker, gen);
    }
  }

  async function renderIn(
    worker: Worker,
    bundle: { js: string; css: string },
    viewport: Viewport,
    options: RenderOptions,
    name: string,
    deadline: number,
    bundleMs: number,
  ): Promise<RenderResult> {
    const { page, cdp } = worker;
    worker.sink = { console: [], page: [] };
    const t1 = performance.now();
    if (
      !worker.viewport ||
      worker.viewport.width !== viewport.width ||
      worker.viewport.height !== viewport.height ||
      worker.viewport.deviceScaleFactor !== viewport.deviceScaleFactor
    ) {
      await page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.deviceScaleFactor });
      worker.viewport = { ...viewport };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The page's thread may be stuck in the component's code: terminate it from the protocol's side.
        cdp.send('Runtime.terminateExecution').catch(() => {});
        reject(new Ui2CodeError('RENDER_TIMEOUT', `rendering did not finish within ${deadline} ms (infinite loop or blocking work in the component)`, { file: name }));
      }, deadline);
    });
    type Measured = Omit<RenderResult, 'image' | 'viewport' | 'timings' | 'consoleErrors' | 'pageErrors'> & { errors: string[] };
    let measured: Measured;
    try {
      measured = await Promise.race([
        page.evaluate(`(async () => { const mod = ${bundle.js}; return window.__UI2CODE__.mount(mod, ${JSON.stringify(bundle.css)}); })()`) as Promise<Measured>,
        timeout,
      ]);
    } catch (error) {
      if (error instanceof Ui2CodeError) throw error;
      const message = (error as Error).message.split('\n')[0];
      if (/Target closed|Session closed|detached|crashed|Protocol error/i.test(message)) {
        throw new Ui2CodeError('RENDER_TIMEOUT', `the render page crashed (${message})`, { file: name, cause: error });
      }
      throw new Ui2CodeError('RENDER_ERROR', `the component threw while rendering: ${message}`, { file: name, cause: error });
    } finally {
      clearTimeout(timer);
    }
    const t2 = performance.now();
    const shot = (await cdp.send('Page.captureScreenshot', {
      format: 'png',
      // clip.scale multiplies CSS pixels: ask for device pixels.
      clip: { x: 0, y: 0, width: viewport.width, height: viewport.height, scale: viewport.deviceScaleFactor },
      captureBeyondViewport: false,
      optimizeForSpeed: true,
    })) as { data: string };
    const t3 = performance.now();
    const image = await decodePngFast(Buffer.from(shot.data, 'base64'), name);
    const t4 = performance.now();
    return {
      image,
      viewport: { ...viewport },
      documentWidth: measured.documentWidth,
      documentHeight: measured.documentHeight,
      texts: measured.texts,
      elements: measured.elements,
      consoleErrors: [...worker.sink.console, ...measured.errors.filter((e) => e.startsWith('blocked'))],
      pageErrors: [...worker.sink.page, ...measured.errors.filter((e) => !e.startsWith('blocked'))],
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
