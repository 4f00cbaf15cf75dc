// Finding and starting Chromium. Puppeteer's own download cannot work offline, so we use puppeteer-core and look for a
// browser ourselves: explicit path or env, then @puppeteer/browsers' cache, then the usual system locations.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer-core';
import { Ui2CodeError } from '../errors.js';
import { fontconfigFile } from './fonts.js';

export interface ResolvedBrowser {
  path: string;
  /** Where it was found: 'option', 'UI2CODE_CHROME', 'PUPPETEER_EXECUTABLE_PATH', 'puppeteer cache', 'system'. */
  source: string;
}

export const BROWSER_HELP =
  'Run `npx ui2code browser install` (on Debian/Ubuntu as root it installs the chromium-headless-shell package; elsewhere chrome-headless-shell ' +
  'into the Puppeteer cache), or set UI2CODE_CHROME to the path of a Chrome or Chromium executable.';

/** Where @puppeteer/browsers keeps browsers: Puppeteer's own default, shared with other tools. */
export function puppeteerCacheDir(env = process.env): string {
  return env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
}

export function systemBrowserPaths(platform = process.platform, env = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    return roots.flatMap((root) => [
      path.join(root, 'Google/Chrome/Application/chrome.exe'),
      path.join(root, 'Chromium/Application/chrome.exe'),
      path.join(root, 'Microsoft/Edge/Application/msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium-headless-shell',
    '/usr/lib/chromium/headless_shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ];
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function fromPuppeteerCache(): Promise<string | null> {
  const cacheDir = puppeteerCacheDir();
  if (!fs.existsSync(cacheDir)) return null;
  const { getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir }).catch(() => []);
  const rank = (name: string) => ['chrome-headless-shell', 'chrome', 'chromium'].indexOf(name);
  const best = installed.filter((b) => rank(b.browser) >= 0).sort((a, b) => rank(a.browser) - rank(b.browser))[0];
  return best && isExecutable(best.executablePath) ? best.executablePath : null;
}

export async function resolveBrowser(explicit?: string, env = process.env): Promise<ResolvedBrowser> {
  const named: Array<[string | undefined, string]> = [
    [explicit, 'option'],
    [env.UI2CODE_CHROME, 'UI2CODE_CHROME'],
    [env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'],
  ];
  for (const [candidate, source] of named) {
    if (!candidate) continue;
    if (isExecutable(candidate)) return { path: candidate, source };
    throw new Ui2CodeError('NO_BROWSER', `the browser named by ${source} (${candidate}) is not an executable file. ${BROWSER_HELP}`);
  }
  const cached = await fromPuppeteerCache();
  if (cached) return { path: cached, source: 'puppeteer cache' };
  const system = systemBrowserPaths(process.platform, env).find(isExecutable);
  if (system) return { path: system, source: 'system' };
  throw new Ui2CodeError('NO_BROWSER', `no Chrome or Chromium found. ${BROWSER_HELP}`);
}

/** Flags for pixels that are the same on every run: fixed colour profile, no hinting, no LCD text, no scrollbars, no background traffic. */
export const DETERMINISTIC_FLAGS = [
  '--force-color-profile=srgb',
  '--font-render-hinting=none',
  '--disable-lcd-text',
  '--disable-font-subpixel-positioning',
  '--hide-scrollbars',
  '--disable-gpu',
  '--disable-skia-runtime-opts',
  '--disable-partial-raster',
  '--mute-audio',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-quic',
  // No back/forward cache: a render page's previous document (the previous component's) must never come back.
  '--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,BackForwardCache,RenderDocument',
  // Nothing may leave the machine: every host resolves to nowhere (the engine's own origin is served by interception).
  '--host-resolver-rules=MAP * ~NOTFOUND',
  // Request interception never sees UDP: WebRTC may only use a proxy, and there is none, so no STUN packet leaves.
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  // A render page collects the documents it left behind with one full collection (see ./page.ts); the page runtime
  // takes `gc` away from the component's world.
  '--js-flags=--expose-gc',
];

/**
 * Debian's /usr/bin/chromium-headless-shell is a shell script that runs the real browser as its child: a signal to the
 * script, or its death, would leave the browser behind. When a launcher script only runs one binary with the same
 * arguments, start that binary itself.
 */
export function realBrowserPath(file: string): string {
  let text: string;
  try {
    if (fs.statSync(file).size > 4096) return file;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return file;
  }
  if (!text.startsWith('#!/bin/sh') && !text.startsWith('#!/bin/bash')) return file;
  const commands = text.split('\n').slice(1).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const only = commands.length === 1 ? /^(?:exec\s+)?(\/[^\s"'$;&|]+)\s+"\$@"$/.exec(commands[0]) : null;
  return only && isExecutable(only[1]) ? only[1] : file;
}

export async function launchBrowser(explicit?: string): Promise<Browser> {
  const resolved = await resolveBrowser(explicit);
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = realBrowserPath(resolved.path);
  const isShell = /headless[-_]shell/.test(path.basename(executablePath));
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  if (process.platform === 'linux') env.FONTCONFIG_FILE = fontconfigFile();
  const args = [...DETERMINISTIC_FLAGS];
  // Chromium refuses its sandbox as root (CI containers); the page is isolated by CSP, interception and the host rules instead.
  if (process.getuid?.() === 0 || process.env.CI) args.push('--no-sandbox');
  try {
    return await puppeteer.launch({
      executablePath,
      // A pipe, not a WebSocket: the browser exits when the pipe closes, which happens when this process dies, even by SIGKILL.
      pipe: true,
      headless: isShell ? 'shell' : true,
      args,
      env,
      protocolTimeout: 60_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    throw new Ui2CodeError('NO_BROWSER', `cannot start ${resolved.path} (${(error as Error).message.split('\n')[0]}). ${BROWSER_HELP}`, {
      cause: error,
    });
  }
}

/** The browser's version string, e.g. "HeadlessChrome/156.0.8078.79", without launching a page. */
export async function browserVersion(executable: string): Promise<string> {
  const { stdout } = await promisify(execFile)(executable, ['--version'], { timeout: 15_000 });
  return stdout.trim();
}
