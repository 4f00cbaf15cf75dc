// `ui2code doctor`: what this machine has for ui2code, and what to do about what it lacks.
import type { Command } from 'commander';
import { browserVersion, resolveBrowser } from '../../render/browser.js';
import { installedFamilies, BUNDLED_FAMILIES, GENERIC_FAMILIES } from '../../render/fonts.js';
import { describeError } from '../../errors.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check Node, the browser and the bundled fonts')
    .option('--json', 'print one JSON object on stdout')
    .action(async (flags: { json?: boolean }) => {
      const [major, minor] = process.versions.node.split('.').map(Number);
      const nodeOk = major > 20 || (major === 20 && minor >= 19);
      const browser = await resolveBrowser().then(
        async (b) => ({ ok: true, ...b, version: await browserVersion(b.path).catch((e) => `unknown (${describeError(e)})`) }),
        (e) => ({ ok: false, error: describeError(e) }),
      );
      const installed = installedFamilies().map((f) => f.family);
      const missing = BUNDLED_FAMILIES.map((f) => f.family).filter((f) => !installed.includes(f));
      const report = { node: { ok: nodeOk, version: process.versions.node, required: '>=20.19' }, browser, fonts: { ok: missing.length === 0, installed, missing, generics: GENERIC_FAMILIES } };
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const mark = (ok: boolean) => (ok ? 'ok ' : 'NO ');
        process.stdout.write(
          [
            `${mark(nodeOk)} Node ${process.versions.node} (needs >= 20.19)`,
            browser.ok && 'path' in browser
              ? `${mark(true)} browser ${browser.version} at ${browser.path} (${browser.source})`
              : `${mark(false)} browser: ${'error' in browser ? browser.error : ''}`,
            `${mark(missing.length === 0)} fonts: ${installed.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
            `    generic families: ${Object.entries(GENERIC_FAMILIES).map(([g, f]) => `${g} → ${f}`).join(', ')}`,
          ].join('\n') + '\n',
        );
      }
      if (!nodeOk || !browser.ok) process.exitCode = browser.ok ? 1 : 3;
    });
}
