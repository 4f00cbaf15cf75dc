// Getting a browser onto a machine: Debian's chromium-headless-shell through apt where we can (it works offline from
// Debian's mirror), otherwise chrome-headless-shell through @puppeteer/browsers into Puppeteer's cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Ui2CodeError } from '../errors.js';
import { puppeteerCacheDir, resolveBrowser, type ResolvedBrowser } from './browser.js';

export function isDebianLike(): boolean {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

const APT_PACKAGES = ['chromium-headless-shell', 'fonts-liberation'];

function dpkgInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function run(command: string, args: string[], log: (line: string) => void): boolean {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/** Installs a browser if none of ours is there yet. Idempotent: a second run finds it and does nothing. */
export async function installBrowser(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<ResolvedBrowser & { installed: boolean }> {
  if (process.platform === 'linux' && isDebianLike() && process.getuid?.() === 0) {
    const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
    if (missing.length === 0) {
      log('chromium-headless-shell is already installed.');
      return { ...(await resolveBrowser()), installed: false };
    }
    const ok = run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], log) ||
      (run('apt-get', ['update'], log) && run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], log));
    if (ok) return { ...(await resolveBrowser()), installed: true };
    log('apt-get could not install chromium-headless-shell; trying chrome-headless-shell from the Chrome for Testing builds.');
  }
  const existing = await resolveBrowser().catch(() => null);
  if (existing) {
    log(`A browser is already available: ${existing.path} (${existing.source}).`);
    return { ...existing, installed: false };
  }
  const browsers = await import('@puppeteer/browsers');
  const platform = browsers.detectBrowserPlatform();
  if (!platform) throw new Ui2CodeError('NO_BROWSER', `no Chrome build exists for this platform (${process.platform} ${process.arch})`);
  const cacheDir = puppeteerCacheDir();
  try {
    const buildId = await browsers.resolveBuildId(browsers.Browser.CHROMEHEADLESSSHELL, platform, 'stable');
    log(`Downloading chrome-headless-shell ${buildId} into ${cacheDir} ...`);
    const installed = await browsers.install({ browser: browsers.Browser.CHROMEHEADLESSSHELL, buildId, cacheDir });
    return { path: installed.executablePath, source: 'puppeteer cache', installed: true };
  } catch (error) {
    throw new Ui2CodeError('NO_BROWSER', `cannot download chrome-headless-shell (${(error as Error).message}). Install Chrome or Chromium yourself and set UI2CODE_CHROME to its path.`, { cause: error });
  }
}
