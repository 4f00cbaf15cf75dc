// The Vite plugin: `import ui2code from 'ui2code/vite'`. Dev: converts the designs folder on start and on every save,
// off the server's critical path, with a persistent overlay, a status page and `virtual:ui2code`. Build: an optional
// fidelity check. Heavy modules (pipeline, renderer, providers, check) load lazily, so `vite` starts as fast without us.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Plugin, type ResolvedConfig as ViteResolvedConfig, type ViteDevServer, type Logger, type HtmlTagDescriptor } from 'vite';
import type { ResolvedConfig } from '../src/config/types.js';
import { loadEnvFiles } from '../src/config/env.js';
import { designGroupOf, groupDesigns, isDesignFile, isTempFile, listDesigns } from '../src/designs.js';
import { describeError } from '../src/errors.js';
import type { ComparisonImages, Converter, ConvertJob } from '../src/session.js';
import type { ConvertResult } from '../src/types.js';
import { createDesignQueue, type DesignQueue, type DesignStatus } from './jobs.js';
import { toOverrides, type Ui2CodeOptions } from './options.js';
import { HELLO_EVENT, OVERLAY_URL, overlayClient, STATUS_EVENT } from './overlay.js';
import { STATUS_BASE, STATUS_CLIENT_URL, statusClient, statusPageHtml } from './status-page.js';
import { FONTS_CSS_URL, serveFont } from './fonts.js';
import { GALLERY_CLIENT_URL, galleryClient, galleryHtml } from './gallery.js';
import { designRoute, type DesignFiles } from './pending-routes.js';
import { listComponents, RESOLVED_VIRTUAL_ID, VIRTUAL_ID, virtualModuleCode } from './virtual-module.js';

export type { Ui2CodeOptions } from './options.js';
export type { DesignStatus, DesignState } from './jobs.js';

/** What tests, benches and other plugins can reach through `plugin.api`. */
export interface Ui2CodeApi {
  /** Every design's status, sorted by path. */
  statuses(): DesignStatus[];
  /** Resolves when no design is scheduled or converting. */
  idle(): Promise<void>;
  /** Re-generates one design, bypassing the result cache (path relative to the root or absolute); `force` overwrites a hand-edited component. */
  regenerate(design: string, options?: { force?: boolean }): void;
  /** The resolved ui2code config (after configResolved). */
  config(): ResolvedConfig | undefined;
}

const RESOLVED_OVERLAY_ID = '\0ui2code-overlay.js';
const RESOLVED_STATUS_ID = '\0ui2code-status.js';
const RESOLVED_GALLERY_ID = '\0ui2code-gallery.js';
const PREFIX = '[ui2code]';

export default function ui2code(options: Ui2CodeOptions = {}): Plugin {
  const { configFile, debounceMs = 150, overlay = true, scanOnStart = true, fonts = 'bundled' } = options;
  let config: ResolvedConfig | undefined;
  let vite: ViteResolvedConfig;
  let logger: Logger;
  let env: NodeJS.ProcessEnv = process.env;
  let server: ViteDevServer | undefined;
  let queue: DesignQueue | undefined;
  let converter: Converter | undefined;
  let componentsKey = '';
  const images = new Map<string, Promise<ComparisonImages>>();
  /** Sets being looked up on disk for file events, not yet queued. */
  const lookups = new Set<Promise<unknown>>();

  const rel = (file: string) => path.relative(config!.root, file).split(path.sep).join('/');
  // Keys go to the conversion thread's provider only: our loader's object never reaches `import.meta.env` (Vite builds that from VITE_ vars).
  const getConverter = async () => {
    if (!converter) {
      const { createConverter } = await import('./converter.js');
      converter = createConverter(config!, env, { thread: options.thread ?? true });
    }
    return converter;
  };

  const broadcast = (statuses: DesignStatus[]) => server?.ws.send(STATUS_EVENT, { statuses });

  /** Invalidates `virtual:ui2code` when the set of components changed, so galleries update through HMR. */
  const refreshComponents = async () => {
    if (!server || !config) return;
    const key = JSON.stringify(await listComponents(config.root));
    if (key === componentsKey) return;
    componentsKey = key;
    const environment = server.environments.client;
    const mod = environment.moduleGraph.getModuleById(RESOLVED_VIRTUAL_ID);
    if (mod) await environment.reloadModule(mod);
  };

  const runDesign = async (design: string, job: ConvertJob): Promise<ConvertResult> => (await getConverter()).convert(design, job);

  const logResult = (status: DesignStatus, result: ConvertResult) => {
    const score = result.score === undefined ? '' : ` score ${result.score.toFixed(3)}`;
    if (result.status === 'failed') logger.error(`${PREFIX} ${status.design} failed [${result.errorCode}]: ${result.error}`, { timestamp: true });
    else if (result.status === 'pending') logger.warn(`${PREFIX} ${status.file}: ${result.error ?? 'hand-edited component kept; the new version is pending'}`, { timestamp: true });
    else logger.info(`${PREFIX} ${status.design} → ${status.file} (${result.status}, ${result.rounds} round${result.rounds === 1 ? '' : 's'}${score})`, { timestamp: true });
  };

  async function serveImage(kind: string, designRel: string, width?: number): Promise<Uint8Array | null> {
    const status = queue?.statuses.get(designRel);
    if (!status || !status.file || (status.state !== 'done' && status.state !== 'pending')) return null;
    const key = `${designRel}@${status.version}${width ? `:${width}` : ''}`;
    let made = images.get(key);
    if (!made) {
      for (const old of images.keys()) if (old.startsWith(`${designRel}@`)) images.delete(old);
      made = getConverter().then((c) => c.images(path.resolve(config!.root, designRel), path.resolve(config!.root, status.file!), width));
      images.set(key, made);
      made.catch(() => images.delete(key));
    }
    const set = await made;
    return kind === 'design' ? set.design : kind === 'render' ? set.render : kind === 'diff' ? set.diff : null;
  }

  /** What the status page's actions may touch: only the files a known design's status names. */
  const designFiles = (): DesignFiles => ({
    root: config!.root,
    outDir: config!.outDir,
    isDesign: (design) => queue?.statuses.has(design) === true,
    fileOf: (design) => queue?.statuses.get(design)?.file,
    settled: (design, { file, accepted }) => {
      // A discarded version's figures described it, not the kept edit: they go with it.
      const figures = accepted ? {} : { score: undefined, scores: undefined, terms: undefined };
      const status = queue?.patch(path.resolve(config!.root, design), { state: 'done', file, error: undefined, ...figures, message: accepted ? 'new version accepted' : 'your edit kept; the new version was discarded' });
      if (status) logger.info(`${PREFIX} ${design}: ${status.message}`, { timestamp: true });
    },
  });

  async function middleware(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(STATUS_BASE.slice(0, -1))) return next();
    const send = (status: number, type: string, body: string | Buffer) => {
      res.statusCode = status;
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    };
    if (fonts === 'bundled') {
      const font = await serveFont(url.pathname).catch(() => null);
      if (font) return send(200, font.type, font.body);
    }
    const sub = url.pathname.slice(STATUS_BASE.length);
    try {
      if (url.pathname === STATUS_BASE.slice(0, -1) || sub === '' || sub === 'index.html') return send(200, 'text/html; charset=utf-8', statusPageHtml({ statuses: api.statuses() }));
      if (sub === 'status.json' || sub === 'api/state') return send(200, 'application/json', JSON.stringify({ statuses: api.statuses() }));
      if (sub === 'regenerate' || sub === 'api/regenerate') {
        if (req.method !== 'POST') return send(405, 'text/plain', 'POST only');
        const design = url.searchParams.get('design') ?? '';
        if (!queue?.statuses.has(design)) return send(404, 'text/plain', `unknown design ${design}`);
        api.regenerate(design, { force: url.searchParams.get('force') === '1' });
        return send(202, 'application/json', JSON.stringify({ queued: design }));
      }
      // /__ui2code/image/<design, URI-encoded>/<kind>.png[?width=<css px> for one viewport of a responsive design]
      const image = /^image\/(.+)\/(design|render|diff)\.png$/.exec(sub);
      if (image) {
        const width = Number(url.searchParams.get('width')) || undefined;
        const png = await serveImage(image[2], decodeURIComponent(image[1]), width);
        return png ? send(200, 'image/png', Buffer.from(png.buffer, png.byteOffset, png.byteLength)) : send(404, 'text/plain', 'no image');
      }
      if (sub === 'gallery') return send(200, 'text/html; charset=utf-8', galleryHtml());
      const design = url.searchParams.get('design') ?? '';
      const reply = await designRoute(sub, design, req.method ?? 'GET', designFiles());
      if (reply) return send(reply.status, reply.type, reply.body);
      return send(404, 'text/plain', 'not found');
    } catch (error) {
      return send(500, 'text/plain', describeError(error));
    }
  }

  const api: Ui2CodeApi = {
    statuses: () => [...(queue?.statuses.values() ?? [])].sort((a, b) => a.design.localeCompare(b.design)),
    idle: async () => {
      // A file event's set is looked up on disk before it is queued: those lookups count as work too.
      while (lookups.size) {
        await Promise.allSettled([...lookups]);
        await queue?.idle();
      }
      await queue?.idle();
    },
    regenerate(design, { force = false } = {}) {
      if (!config || !queue) return;
      queue.schedule(path.resolve(config.root, design), { force, cache: false, debounceMs: 0 });
    },
    config: () => config,
  };

  async function closeAll(): Promise<void> {
    await queue?.close();
    queue = undefined;
    // The conversion thread closes its browser and the local engine's OCR workers.
    const closing = converter?.close();
    converter = undefined;
    await closing;
  }

  return {
    name: 'ui2code',
    api,

    config() {
      // Our cache, reports and the pipeline's temp files never trigger a reload.
      return { server: { watch: { ignored: ['**/.ui2code/**', '**/.ui2code-tmp-*'] } } };
    },

    async configResolved(resolved) {
      vite = resolved;
      logger = resolved.logger;
      env = loadEnvFiles(resolved.envDir || resolved.root, process.env, { mode: resolved.mode });
      const { loadConfig } = await import('../src/config/load.js');
      config = await loadConfig({ root: resolved.root, overrides: toOverrides(options), overridesSource: 'vite plugin options', configFile, env });
    },

    resolveId(id) {
      if (id === VIRTUAL_ID) return RESOLVED_VIRTUAL_ID;
      if (id === OVERLAY_URL) return RESOLVED_OVERLAY_ID;
      if (id === STATUS_CLIENT_URL) return RESOLVED_STATUS_ID;
      if (id === GALLERY_CLIENT_URL) return RESOLVED_GALLERY_ID;
      return null;
    },

    async load(id) {
      if (id === RESOLVED_VIRTUAL_ID) {
        const entries = await listComponents(config!.root);
        componentsKey = JSON.stringify(entries);
        return virtualModuleCode(entries);
      }
      if (id === RESOLVED_OVERLAY_ID) return overlayClient;
      if (id === RESOLVED_STATUS_ID) return statusClient;
      if (id === RESOLVED_GALLERY_ID) return galleryClient;
      return null;
    },

    transformIndexHtml: {
      order: 'post',
      handler() {
        if (!server) return [];
        // The fonts the check measured with, so the dev page draws what was measured (`fonts: 'system'` opts out).
        const tags: HtmlTagDescriptor[] = fonts === 'bundled' ? [{ tag: 'link', attrs: { rel: 'stylesheet', href: FONTS_CSS_URL }, injectTo: 'head' }] : [];
        if (overlay) tags.push({ tag: 'script', attrs: { type: 'module', src: OVERLAY_URL }, injectTo: 'body' });
        return tags;
      },
    },

    configureServer(devServer) {
      server = devServer;
      const cfg = config!;
      queue = createDesignQueue({
        root: cfg.root,
        concurrency: cfg.concurrency ?? 2,
        debounceMs,
        run: runDesign,
        onChange: (status) => {
          broadcast([status]);
        },
        onResult: (status, result) => {
          logResult(status, result);
          if (result.status === 'written' || result.status === 'unchanged') void refreshComponents().catch(() => undefined);
        },
      });
      devServer.ws.on(HELLO_EVENT, (_data, client) => client.send(STATUS_EVENT, { statuses: api.statuses() }));
      devServer.middlewares.use((req, res, next) => void middleware(req, res, next));

      const watcher = devServer.watcher;
      const outside = path.relative(cfg.root, cfg.designs).startsWith('..');
      if (outside) watcher.add(cfg.designs);
      const onFile = (event: 'add' | 'change' | 'unlink') => (file: string) => {
        if (!queue) return;
        if (isDesignFile(file, cfg.designs)) {
          // Any image of a responsive set converts the set, under its main design's name; a deleted image
          // regenerates the set from the images left, the last one gone removes the design.
          const lookup = designGroupOf(file, cfg.viewportPattern).then((group) => {
            if (group) queue?.schedule(group.design);
            else if (event === 'unlink') queue?.remove(file);
          });
          lookups.add(lookup);
          void lookup.finally(() => lookups.delete(lookup));
        } else if (file.startsWith(cfg.outDir + path.sep) && file.endsWith('.tsx') && !isTempFile(file) && event !== 'change') {
          void refreshComponents().catch(() => undefined);
        }
      };
      watcher.on('add', onFile('add'));
      watcher.on('change', onFile('change'));
      watcher.on('unlink', onFile('unlink'));
      devServer.httpServer?.once('close', () => void closeAll());

      if (scanOnStart) {
        // Not awaited: the server starts now; the pipeline's cache answers "unchanged" cheaply for designs already converted.
        void listDesigns(cfg.designs).then(
          (designs) => {
            if (designs.length) logger.info(`${PREFIX} ${designs.length} design${designs.length === 1 ? '' : 's'} in ${rel(cfg.designs) || '.'}`, { timestamp: true });
            for (const { design } of groupDesigns(designs, cfg.viewportPattern)) queue?.schedule(design, { debounceMs: 0 });
          },
          (error: unknown) => logger.error(`${PREFIX} cannot list the designs in ${rel(cfg.designs) || '.'}: ${describeError(error)}`, { timestamp: true }),
        );
      }
    },

    hotUpdate({ file }) {
      // A design image is input for us, not a module: never let it cause a reload.
      if (config && (isDesignFile(file, config.designs) || file.includes(`${path.sep}.ui2code${path.sep}`))) return [];
    },

    async buildStart() {
      if (vite.command !== 'build' || !config?.check || this.environment?.name !== 'client') return;
      const { runCheck } = await import('../src/check/index.js');
      const { report, exitCode } = await runCheck({ config });
      for (const r of report.results) {
        const line = `${PREFIX} check ${r.id}: ${r.status}${r.score === undefined ? '' : ` ${r.score.toFixed(3)}`} (threshold ${r.threshold})${r.message ? ` ${r.message}` : ''}`;
        if (r.failed) logger.error(line);
        else logger.info(line);
      }
      if (exitCode !== 0) {
        const failed = report.results.filter((r) => r.failed).map((r) => `${r.id} (${r.status}${r.score === undefined ? '' : ` ${r.score.toFixed(3)}`})`);
        this.error(`ui2code check failed: ${failed.join(', ')} under the threshold ${config.threshold}`);
      }
    },

    async buildEnd() {
      if (vite?.command === 'build') await closeAll();
    },

    async closeBundle() {
      await closeAll();
    },
  };
}

export { ui2code };
