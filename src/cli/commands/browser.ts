// `ui2code browser install`: get a Chromium the engine can drive.
import type { Command } from 'commander';
import { installBrowser } from '../../render/install.js';
import { browserVersion } from '../../render/browser.js';

export function registerBrowser(program: Command): void {
  const browser = program.command('browser').description('manage the headless browser the render engine uses');
  browser
    .command('install')
    .description("install a headless Chromium (Debian/Ubuntu as root: apt's chromium-headless-shell; elsewhere chrome-headless-shell)")
    .action(async () => {
      const result = await installBrowser();
      const version = await browserVersion(result.path).catch(() => 'version unknown');
      process.stdout.write(`${result.installed ? 'Installed' : 'Ready'}: ${result.path} (${version})\n`);
    });
}
