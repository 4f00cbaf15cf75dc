// The plugin in a real dev server with a real page: design saved → its component rendered in the page (local engine,
// 800x600), HMR of an already generated component, and how responsive the server stays while designs convert.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { launchPage, makeProject, sampleDesign, startDev, until, variantOf } from '../support/playground.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const ms = (x: number) => Math.round(x);

export async function benchPlugin(runs = Number(process.env.UI2CODE_BENCH_RUNS ?? 5)): Promise<Record<string, unknown>> {
  const threaded = await benchDev(runs, true);
  // Baseline: the same conversions on the dev server's own thread (option `thread: false`), for the responsiveness figures.
  const inline = await benchDev(2, false);
  return { ...threaded, whileConvertingInline: inline.whileConverting };
}

async function benchDev(runs: number, thread: boolean): Promise<Record<string, unknown>> {
  const root = makeProject();
  const dev = await startDev(root, { provider: 'local', rounds: undefined, thread });
  const { browser, page } = await launchPage();
  try {
    await page.goto(dev.url, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#empty');
    const rendered = () => page.evaluate(() => [...document.querySelectorAll('[data-component] h2 + div > *')].filter((el) => el.textContent !== 'loading…').length);

    // Warm-up: the first design launches Chromium and loads the OCR engine (reported apart).
    let t0 = performance.now();
    fs.writeFileSync(path.join(root, 'designs/warmup.png'), fs.readFileSync(sampleDesign('login')));
    await until('warm-up render', async () => (await rendered()) === 1, 120_000);
    const coldMs = performance.now() - t0;
    await dev.api.idle();

    const saveToPage: number[] = [];
    const requestMs: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    for (let i = 0; i < runs; i++) {
      const bytes = await variantOf(sampleDesign('login'), 10 + i);
      let converting = true;
      // The server must keep answering while the design converts: time small requests meanwhile.
      const pinger = (async () => {
        while (converting) {
          const s = performance.now();
          await fetch(`${dev.url}/__ui2code/api/state`).then((r) => r.arrayBuffer());
          requestMs.push(performance.now() - s);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      loop.enable();
      t0 = performance.now();
      fs.writeFileSync(path.join(root, `designs/login-${i}.png`), bytes);
      await until('the new component in the page', async () => (await rendered()) === i + 2, 60_000);
      saveToPage.push(performance.now() - t0);
      loop.disable();
      converting = false;
      await pinger;
      await dev.api.idle();
    }

    // HMR: edit an already generated component; time until the page shows the edit.
    const generated = path.join(root, 'src/components/generated');
    const file = path.join(generated, fs.readdirSync(generated).find((f) => f.startsWith('Login'))!);
    const original = fs.readFileSync(file, 'utf8');
    const hmr: number[] = [];
    for (let i = 0; i < Math.max(runs, 5); i++) {
      await new Promise((resolve) => setTimeout(resolve, 300)); // a person's saves, not a burst
      const edited = original.replace(/return \(\s*<(\w+)/, (_m, tag: string) => `return (<${tag} data-hmr="${i}"`);
      t0 = performance.now();
      fs.writeFileSync(file, edited);
      await page.waitForSelector(`[data-hmr="${i}"]`, { timeout: 10_000 });
      hmr.push(performance.now() - t0);
    }
    fs.writeFileSync(file, original);

    return {
      design: '800x600 (playground login), local engine, default rounds and target',
      runs,
      coldFirstDesignMs: ms(coldMs),
      saveToRenderedMedianMs: ms(median(saveToPage)),
      saveToRenderedMs: saveToPage.map(ms),
      saveTargetMs: 3000,
      hmrMedianMs: ms(median(hmr)),
      hmrMs: hmr.map(ms),
      hmrTargetMs: 200,
      whileConverting: {
        requests: requestMs.length,
        requestMedianMs: ms(median(requestMs)),
        requestMaxMs: ms(Math.max(...requestMs)),
        eventLoopDelayP50Ms: ms(loop.percentile(50) / 1e6),
        eventLoopDelayP99Ms: ms(loop.percentile(99) / 1e6),
        eventLoopDelayMaxMs: ms(loop.max / 1e6),
      },
    };
  } finally {
    await browser.close();
    await dev.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
