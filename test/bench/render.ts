// Render-and-compare throughput over the real designs: the warm pool against a naive loop, measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { dominantColor } from '../../src/compare/compare.js';
import { scoreComponent } from '../../src/compare/score-component.js';
import { readDesign } from '../../src/intake/decode.js';
import { launchBrowser } from '../../src/render/browser.js';
import { bundleComponent, pageRuntime } from '../../src/render/bundle.js';
import { createRenderer } from '../../src/render/pool.js';
import type { Design } from '../../src/types.js';
import { sharedDesignsDir } from '../support/paths.js';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

export function sharedDesignPaths(): string[] {
  return ['flame', 'design2code'].flatMap((set) => {
    const dir = path.join(sharedDesignsDir, set);
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(dir, f)) : [];
  });
}

/** A simple stand-in for a generated component: the design's size and background, and a heading. */
export function simpleComponent(design: Design): string {
  const [r, g, b] = dominantColor(design.image);
  return `export default function Design() {
  return (
    <div style={{ width: ${design.cssWidth}, height: ${design.cssHeight}, background: 'rgb(${r}, ${g}, ${b})', fontFamily: 'Arial, sans-serif', padding: 24, boxSizing: 'border-box' }}>
      <h1 style={{ margin: 0, fontSize: 24 }}>${path.basename(design.path, '.png')}</h1>
      <p>Generated for the benchmark.</p>
    </div>
  );
}`;
}

/** The naive loop the engine is measured against: a new page per design, setContent, screenshot, pngjs decode, pixelmatch. */
export async function naiveLoop(designs: Design[], sources: Map<string, string>): Promise<number> {
  const browser = await launchBrowser();
  const runtime = await pageRuntime();
  try {
    const t0 = performance.now();
    for (const d of designs) {
      const bundle = await bundleComponent(sources.get(d.path)!);
      const page = await browser.newPage();
      await page.setViewport({ width: d.cssWidth, height: d.cssHeight, deviceScaleFactor: d.scale });
      await page.setContent(`<!doctype html><html><head><style>body{margin:0}</style><script>${runtime}</script></head><body></body></html>`);
      await page.evaluate(`(async () => { const mod = ${bundle.js}; await window.__UI2CODE__.mount(mod, ''); })()`);
      const shot = await page.screenshot({ type: 'png' });
      const png = PNG.sync.read(Buffer.from(shot));
      pixelmatch(d.image.data, new Uint8Array(png.data), undefined, d.image.width, d.image.height, { threshold: 0.05 });
      await page.close();
    }
    return designs.length / ((performance.now() - t0) / 1000);
  } finally {
    await browser.close();
  }
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export async function benchRender(): Promise<Record<string, unknown>> {
  const designs = await Promise.all(sharedDesignPaths().map((p) => readDesign(p)));
  const flame = designs.filter((d) => d.image.width === 800 && d.image.height === 600);
  const sources = new Map(designs.map((d) => [d.path, simpleComponent(d)]));

  const workers = Number(process.env.UI2CODE_BENCH_WORKERS ?? 4);
  const renderer = createRenderer({ workers });
  // The pool as it was before every render got a fresh document (one document per worker, unmounted between
  // renders): what isolation costs, measured beside it in the same run.
  const shared = createRenderer({ workers, freshDocuments: false });
  const stages: Record<string, number[]> = { bundle: [], render: [], screenshot: [], decode: [], compare: [] };
  try {
    for (const r of [renderer, shared]) {
      await pool(designs.slice(0, workers * 2), workers, async (d) => void (await scoreComponent(r, d, sources.get(d.path)!))); // warm-up
    }
    const timeRun = async (r: typeof renderer, set: Design[], record = false) => {
      const t0 = performance.now();
      await pool(set, workers, async (d) => {
        const { timings } = await scoreComponent(r, d, sources.get(d.path)!);
        if (record) for (const k of Object.keys(stages)) stages[k].push(timings[k as keyof typeof timings]);
      });
      return set.length / ((performance.now() - t0) / 1000);
    };
    const pooledAll = await timeRun(renderer, designs, true);
    // Alternated, three runs each, medians: the machine's load drifts.
    const fresh800: number[] = [], shared800: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh800.push(await timeRun(renderer, flame));
      shared800.push(await timeRun(shared, flame));
    }
    const pooled800 = median(fresh800);

    const naive800 = await naiveLoop(flame.slice(0, 20), sources);
    const naiveAll = await naiveLoop(designs.slice(0, 30), sources);

    const result = {
      designs: designs.length,
      workers,
      rendersPerSecond800x600: round(pooled800),
      rendersPerSecondAll: round(pooledAll),
      sharedDocumentPerSecond800x600: round(median(shared800)),
      isolatedVsShared800x600: round(pooled800 / median(shared800)),
      naivePerSecond800x600: round(naive800),
      naivePerSecondAll: round(naiveAll),
      speedup800x600: round(pooled800 / naive800),
      medianMs: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(median(v))])),
    };
    return result;
  } finally {
    await Promise.all([renderer.close(), shared.close()]);
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
