// A render page spoken to over the DevTools protocol directly, with no Puppeteer Page on top. Puppeteer's Page costs
// every new document its own bookkeeping (a utility world, lifecycle tracking, network events), and its request
// interception makes Blink fetch and decode the web fonts again for each document; a bare session keeps the renderer's
// memory cache, so a font is decoded once per process. What the page may do is decided here: which requests are
// served, which navigation is allowed, and what is reported as the component's errors.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession } from 'puppeteer-core';
import type { Viewport } from '../types.js';
import { fontFileFor } from './fonts.js';

/** The engine's own origin: served by request interception, resolvable by nothing else. */
export const ENGINE_ORIGIN = 'http://ui2code.invalid';
const CSP = [
  "default-src 'none'",
  `script-src ${ENGINE_ORIGIN}`,
  `style-src 'unsafe-inline' ${ENGINE_ORIGIN}`,
  `font-src ${ENGINE_ORIGIN} data:`,
  `img-src ${ENGINE_ORIGIN} data: blob:`,
  'media-src data: blob:',
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
const PAGE_BASE64 = Buffer.from(PAGE_HTML).toString('base64');

/** A worker's page; its current document, loaded with the runtime, serves one render. */
export interface RenderPage {
  session: CDPSession;
  targetId: string;
  closed: boolean;
  /** Called once when the page closes or crashes. */
  onGone: Set<() => void>;
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
  /** The address of the current document. */
  documentUrl?: string;
}

/** What a browser's render pages share: one protocol session to open and close them, and the font files read once. */
export interface PageHost {
  browser: Browser;
  root: CDPSession;
  pages: Map<string, RenderPage>;
  /** Each font file as the protocol carries it (base64): a renderer asks again for a font a later document uses. */
  fonts: Map<string, Promise<string | null>>;
  /** Requests per font address (path and query): a renderer that keeps a font decoded asks for it once. */
  fontRequests: Map<string, number>;
}

export async function pageHost(browser: Browser): Promise<PageHost> {
  const root = await browser.target().createCDPSession();
  const host: PageHost = { browser, root, pages: new Map(), fonts: new Map(), fontRequests: new Map() };
  // A window a component opens (a link with a target, a form) is closed at once and reported as its error.
  root.on('Target.targetCreated', ({ targetInfo }: { targetInfo: { targetId: string; openerId?: string; type: string } }) => {
    const opener = targetInfo.openerId ? host.pages.get(targetInfo.openerId) : undefined;
    if (!opener) return;
    report(opener.sink.console, 'blocked: popup');
    root.send('Target.closeTarget', { targetId: targetInfo.targetId }).catch(() => {});
  });
  const gone = ({ targetId }: { targetId: string }) => {
    const rp = host.pages.get(targetId);
    if (!rp) return;
    host.pages.delete(targetId);
    rp.closed = true;
    for (const f of rp.onGone) f();
    rp.onGone.clear();
  };
  root.on('Target.targetDestroyed', gone);
  root.on('Target.targetCrashed', gone);
  await root.send('Target.setDiscoverTargets', { discover: true });
  return host;
}

const GC_EVERY = 16;

/** A component that logs in a loop would otherwise grow this process's memory without bound: its first reports say it. */
const MAX_REPORTS = 100;
const report = (list: string[], text: string) => {
  if (list.length < MAX_REPORTS) list.push(text);
};

type Paused = { requestId: string; request: { url: string }; resourceType: string };

/** A new page in the worker's context, with interception, reporting and the runtime set up, on its first fresh document. */
export async function openPage(host: PageHost, context: BrowserContext, runtime: string, viewport: Viewport | undefined): Promise<RenderPage> {
  const url = `about:blank#${randomUUID()}`;
  const { targetId } = (await host.root.send('Target.createTarget', { url, browserContextId: context.id })) as { targetId: string };
  try {
    const target = await context.waitForTarget((t) => t.url() === url, { timeout: 15_000 });
    const session = await target.createCDPSession();
    const rp: RenderPage = { session, targetId, closed: false, onGone: new Set(), measureContext: 0, documents: 0, sink: { console: [], page: [] } };
    host.pages.set(targetId, rp);
    session.on('Fetch.requestPaused', (event: Paused) => {
      // Once a document is loaded the page may not go anywhere (location, meta refresh, form, reload, a frame): the
      // only navigation served is the one to the next fresh document.
      if (event.resourceType === 'Document' && event.request.url !== rp.expected) {
        rp.navigation ??= event.request.url;
        session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' }).catch(() => {});
        return;
      }
      serve(host, session, event).catch(() => session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Failed' }).catch(() => {}));
    });
    // Navigations that make no request (about:blank; same-document history is harmless and not counted).
    session.on('Page.frameNavigated', ({ frame }: { frame: { parentId?: string; url: string } }) => {
      if (!rp.expected && !frame.parentId) rp.navigation ??= frame.url;
    });
    session.on('Page.frameRequestedNavigation', ({ frameId, url: to }: { frameId: string; url: string }) => {
      if (!rp.expected && frameId === rp.targetId) rp.navigation ??= to;
    });
    session.on('Runtime.consoleAPICalled', ({ type, args }: { type: string; args: Array<{ value?: unknown; description?: string; unserializableValue?: string }> }) => {
      if (type === 'error') report(rp.sink.console, args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.unserializableValue ?? ''))).join(' '));
    });
    // Blocked loads and CSP refusals are reported by the browser itself, not by a console call.
    session.on('Log.entryAdded', ({ entry }: { entry: { level: string; text: string } }) => {
      if (entry.level === 'error') report(rp.sink.console, entry.text);
    });
    session.on('Runtime.exceptionThrown', ({ exceptionDetails }: { exceptionDetails: { text: string; exception?: { description?: string } } }) => {
      report(rp.sink.page, (exceptionDetails.exception?.description ?? exceptionDetails.text).split('\n')[0]);
    });
    session.on('Page.javascriptDialogOpening', ({ type }: { type: string }) => {
      report(rp.sink.console, `blocked: ${type}`);
      session.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
    });
    await Promise.all([
      session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }),
      session.send('Page.enable'),
      session.send('Runtime.enable'),
      session.send('Log.enable'),
      // The runtime comes with every new document from the browser itself: no request, no transfer, and the renderer
      // process compiles it once.
      session.send('Page.addScriptToEvaluateOnNewDocument', { source: runtime }),
    ]);
    if (viewport) await setViewport(rp, viewport);
    await freshDocument(rp);
    return rp;
  } catch (error) {
    await closePage(host, targetId);
    throw error;
  }
}

async function serve(host: PageHost, session: CDPSession, { requestId, request }: Paused): Promise<void> {
  const url = new URL(request.url);
  const respond = (status: number, contentType: string | null, base64: string) =>
    session.send('Fetch.fulfillRequest', {
      requestId,
      responseCode: status,
      responseHeaders: [
        { name: 'Content-Security-Policy', value: CSP },
        // Fonts are asked for by every document: cached, a renderer decodes each file once.
        { name: 'Cache-Control', value: 'max-age=31536000' },
        ...(contentType ? [{ name: 'Content-Type', value: contentType }] : []),
      ],
      body: base64,
    });
  // A picture the component made itself (a blob or data URL) loads nothing from anywhere.
  if (url.protocol === 'data:' || url.protocol === 'blob:') {
    await session.send('Fetch.continueRequest', { requestId });
    return;
  }
  if (url.origin !== ENGINE_ORIGIN) {
    await session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
    return;
  }
  if (url.pathname === '/') {
    await respond(200, 'text/html; charset=utf-8', PAGE_BASE64);
    return;
  }
  const font = fontFileFor(url.pathname);
  if (font) {
    const address = url.pathname + url.search;
    host.fontRequests.set(address, (host.fontRequests.get(address) ?? 0) + 1);
    let read = host.fonts.get(font);
    if (!read) host.fonts.set(font, (read = readFile(font).then((b) => b.toString('base64'), () => null)));
    const body = await read;
    if (body) {
      await respond(200, font.endsWith('.woff2') ? 'font/woff2' : 'font/woff', body);
      return;
    }
  }
  await respond(404, null, '');
}

/** Replaces the page's document by a fresh one with the runtime loaded, and measuring's isolated world in it. */
export async function freshDocument(rp: RenderPage): Promise<RenderPage> {
  const { session } = rp;
  const url = `${ENGINE_ORIGIN}/?document=${randomUUID()}`;
  rp.expected = url;
  let timer: NodeJS.Timeout | undefined;
  let onGone: (() => void) | undefined;
  let onLoad: (() => void) | undefined;
  try {
    const loaded = new Promise<void>((resolve, reject) => {
      session.once('Page.loadEventFired', (onLoad = () => resolve()));
      // A browser closed while the document loads ends the wait (and a spare loading at exit keeps no one waiting).
      rp.onGone.add((onGone = () => reject(new Error('the render page was closed'))));
      if (rp.closed) onGone();
      timer = setTimeout(() => reject(new Error('the render page did not load within 15 s')), 15_000);
      timer.unref();
    });
    loaded.catch(() => {});
    const { errorText } = (await session.send('Page.navigate', { url })) as { errorText?: string };
    if (errorText) throw new Error(`the render page did not load (${errorText})`);
    await loaded;
    const { result } = await session.send('Runtime.evaluate', { expression: '!!(window.__UI2CODE__ && window.__UI2CODE__.ready)', returnByValue: true });
    if (result.value !== true) throw new Error('the render runtime did not start');
    // A page's main frame has the page's id.
    const world = await session.send('Page.createIsolatedWorld', { frameId: rp.targetId, worldName: 'ui2code-measure' });
    rp.measureContext = world.executionContextId;
    rp.documentUrl = url;
    // The documents a page left behind are garbage the renderer is slow to collect on its own: uncollected, the
    // process grows by megabytes per render and renders slow down. One full collection (`gc`, from our own world), not
    // the protocol's collectGarbage: that one is V8's low-memory notification, rounds of full collections with
    // compaction, which cost the renderer about 10 ms per document more than it saved.
    if (++rp.documents % GC_EVERY === 0) await session.send('Runtime.evaluate', { expression: 'gc()', contextId: rp.measureContext });
  } finally {
    clearTimeout(timer);
    // One listener per document would pile up on a page that serves thousands.
    if (onGone) rp.onGone.delete(onGone);
    if (onLoad) session.off('Page.loadEventFired', onLoad);
    rp.expected = undefined;
  }
  forgetRender(rp);
  return rp;
}

/** What the previous render did or reported (its errors, a refused navigation) is not the next render's. */
export function forgetRender(rp: RenderPage): void {
  rp.sink = { console: [], page: [] };
  rp.navigation = undefined;
}

/**
 * The navigation the component made, if any: events arrive in order with replies, so after one more round trip every
 * navigation that killed an evaluation has been seen, and a document that is no longer ours says where it went.
 */
export async function navigation(rp: RenderPage): Promise<string | undefined> {
  if (rp.navigation || rp.closed) return rp.navigation;
  const tree = await rp.session.send('Page.getFrameTree').catch(() => null);
  if (!rp.navigation && tree && tree.frameTree.frame.url !== rp.documentUrl) rp.navigation = tree.frameTree.frame.url;
  return rp.navigation;
}

const sameViewport = (a: Viewport | undefined, b: Viewport) =>
  !!a && a.width === b.width && a.height === b.height && a.deviceScaleFactor === b.deviceScaleFactor;

export async function setViewport(rp: RenderPage, viewport: Viewport): Promise<void> {
  if (sameViewport(rp.viewport, viewport)) return;
  await rp.session.send('Emulation.setDeviceMetricsOverride', {
    width: viewport.width,
    height: viewport.height,
    deviceScaleFactor: viewport.deviceScaleFactor,
    mobile: false,
  });
  rp.viewport = { ...viewport };
}

export async function closePage(host: PageHost, targetId: string): Promise<void> {
  host.pages.delete(targetId);
  await host.root.send('Target.closeTarget', { targetId }).catch(() => {});
}
