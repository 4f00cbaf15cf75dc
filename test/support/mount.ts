// A plain page, not our renderer: each component is bundled with esbuild (React from node_modules) into an HTML page
// served from 127.0.0.1, mounted in a plain puppeteer-core page of chromium-headless-shell, poked (buttons clicked,
// fields typed into, forms submitted; links are not followed), and every request is counted: those reaching a
// 127.0.0.1 logger, and those the page attempts to anything but its own server (CDP Network events).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { repoRoot } from './paths.js';

export interface MountResult {
  /** Requests that reached the logger for this mount. */
  logged: string[];
  /** URLs the page tried to reach outside its own server (including the logger). */
  offsite: string[];
  /** The page threw or did not render (a component that crashes still counts its requests). */
  errors: string[];
}

export interface Harness {
  /** The logger URL hostile code targets for this mount id. */
  leakUrl(id: string): string;
  mount(id: string, code: string, options?: { styleModule?: { path: string; css: string } }): Promise<MountResult>;
  close(): Promise<void>;
}

const listen = (server: http.Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export async function startHarness({ settleMs = 400 }: { settleMs?: number } = {}): Promise<Harness> {
  const hits: string[] = [];
  const logger = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('ok');
  });
  const loggerUrl = await listen(logger);

  const pages = new Map<string, { js: string; css: string }>();
  const site = http.createServer((req, res) => {
    const match = /^\/p\/([\w-]+)\/(bundle\.js|bundle\.css)?$/.exec(req.url ?? '');
    const page = match && pages.get(match[1]);
    if (!page) return void res.writeHead(404).end();
    if (match[2] === 'bundle.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(page.js);
    if (match[2] === 'bundle.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(page.css);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><link rel="stylesheet" href="bundle.css"></head><body><div id="root"></div><script src="bundle.js"></script></body></html>');
  });
  const siteUrl = await listen(site);
  const browser: Browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium-headless-shell', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-mount-'));

  const bundle = async (id: string, code: string, styleModule?: { path: string; css: string }) => {
    const dir = path.join(work, id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Component.tsx'), code);
    if (styleModule) fs.writeFileSync(path.join(dir, styleModule.path), styleModule.css);
    fs.writeFileSync(path.join(dir, 'entry.tsx'), "import C from './Component';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<C />);\n");
    const result = await esbuild.build({
      entryPoints: [path.join(dir, 'entry.tsx')], bundle: true, write: false, outdir: dir, format: 'iife', jsx: 'automatic', logLevel: 'silent',
      nodePaths: [path.join(repoRoot, 'node_modules')], define: { 'process.env.NODE_ENV': '"production"' }, loader: { '.css': 'css', '.module.css': 'local-css' },
    });
    const out = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
    pages.set(id, { js: out('.js'), css: out('.css') });
  };

  return {
    leakUrl: (id) => `${loggerUrl}/leak/${id}`,
    async mount(id, code, { styleModule } = {}) {
      await bundle(id, code.replaceAll('__LEAK__', `${loggerUrl}/leak/${id}`), styleModule);
      const pageUrl = `${siteUrl}/p/${id}/`;
      const offsite: string[] = [];
      const errors: string[] = [];
      const page = await browser.newPage();
      try {
        const cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        const note = (url: string) => { if (!url.startsWith(siteUrl) && !url.startsWith('data:')) offsite.push(url); };
        cdp.on('Network.requestWillBeSent', (e) => note(e.request.url));
        cdp.on('Network.webSocketCreated', (e) => note(e.url));
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(pageUrl, { waitUntil: 'load', timeout: 20_000 });
        await new Promise((r) => setTimeout(r, 100));
        // Poke what a user could: type into fields, click buttons, submit forms (never follow links).
        for (const field of await page.$$('input:not([type=checkbox]):not([type=radio]):not([type=image]), textarea')) await field.type('a', { delay: 0 }).catch(() => {});
        for (const button of await page.$$('button, input[type=checkbox], input[type=radio], [role=button]')) await button.click().catch(() => {});
        await page.evaluate(() => { for (const form of Array.from(document.forms)) { try { form.requestSubmit(); } catch { /* detached */ } } }).catch(() => {});
        await new Promise((r) => setTimeout(r, settleMs));
      } catch (error) {
        errors.push(String(error));
      } finally {
        await page.close().catch(() => {});
      }
      return { logged: hits.filter((h) => h.startsWith(`/leak/${id}`)), offsite, errors };
    },
    async close() {
      await browser.close();
      await new Promise((r) => logger.close(r));
      await new Promise((r) => site.close(r));
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
