// The plugin's tests and bench: a temporary copy of the playground served by a real Vite dev server with our plugin,
// and a real Chromium page looking at it.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Plugin, ViteDevServer } from 'vite';
import ui2code, { type Ui2CodeApi, type Ui2CodeOptions } from '../../plugin/index.js';
import { resolveBrowser } from '../../src/render/browser.js';
import { repoRoot, tempDir } from './paths.js';

export const playgroundDir = path.join(repoRoot, 'playground');
export const sampleDesign = (name: 'login' | 'pricing' | 'profile') => path.join(playgroundDir, 'designs', `${name}.png`);

/** A copy of the playground app (no designs, no generated components) in a temporary folder. */
export function makeProject(): string {
  const root = tempDir('ui2code-plugin-');
  fs.cpSync(path.join(playgroundDir, 'index.html'), path.join(root, 'index.html'));
  fs.cpSync(path.join(playgroundDir, 'src'), path.join(root, 'src'), { recursive: true, filter: (src) => !src.includes(`${path.sep}generated`) });
  fs.mkdirSync(path.join(root, 'designs'));
  // The app resolves react and friends from the repository's install, like the package-less playground does.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

export interface DevProject {
  root: string;
  server: ViteDevServer;
  url: string;
  api: Ui2CodeApi;
  logs: string[];
  close(): Promise<void>;
}

export async function startDev(root: string, options: Ui2CodeOptions = {}): Promise<DevProject> {
  const [{ createServer, createLogger }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const logs: string[] = [];
  const logger = createLogger('info', { allowClearScreen: false });
  for (const level of ['info', 'warn', 'error'] as const) {
    logger[level] = (msg: string) => {
      logs.push(`${level}: ${msg}`);
    };
  }
  const plugin = ui2code({ provider: 'local', rounds: 0, ...options });
  const server = await createServer({
    root,
    configFile: false,
    customLogger: logger,
    clearScreen: false,
    plugins: [react(), plugin],
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime'] },
  });
  await server.listen();
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    root,
    server,
    url: `http://127.0.0.1:${port}`,
    api: (plugin as Plugin & { api: Ui2CodeApi }).api,
    logs,
    close: () => server.close(),
  };
}

export async function launchPage(): Promise<{ browser: Browser; page: Page }> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { path: executablePath } = await resolveBrowser();
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
  if (process.getuid?.() === 0 || process.env.CI) args.push('--no-sandbox');
  const browser = await puppeteer.launch({ executablePath, headless: /headless[-_]shell/.test(executablePath) ? 'shell' : true, args, handleSIGINT: false });
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  return { browser, page };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`, naming what it waited for). */
export async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same design with one pixel changed: new bytes, new hash, so the pipeline really converts it again. */
export async function variantOf(png: string, seed: number): Promise<Buffer> {
  const { decodePng, encodePng } = await import('../../src/intake/png.js');
  const image = decodePng(fs.readFileSync(png), png);
  const i = 4 * (image.width * (image.height - 1) + (seed % image.width));
  image.data[i] = (image.data[i] + 1 + (seed % 7)) % 256;
  return encodePng(image);
}
