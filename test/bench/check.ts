// `ui2code check` throughput over the 70 real designs, each with a generated component, against the naive loop
// (new page + setContent + screenshot + pngjs decode + pixelmatch per design) measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { runCheck } from '../../src/check/index.js';
import { componentNameFor } from '../../src/check/component-name.js';
import { loadConfig } from '../../src/config/load.js';
import { readDesign } from '../../src/intake/decode.js';
import { createRenderer } from '../../src/render/pool.js';
import type { Design } from '../../src/types.js';
import { tempDir } from '../support/paths.js';
import { median, naiveLoop, sharedDesignPaths, simpleComponent } from './render.js';

type Generate = (design: Design) => Promise<string>;

/** The local engine when this build has it (real generated components), else the render bench's simple component. */
async function generator(): Promise<{ name: string; generate: Generate; close: () => Promise<void> }> {
  const modulePath = '../../src/generate/local/index.js';
  const local = (await import(modulePath).catch(() => null)) as {
    createLocalProvider?: (options?: Record<string, unknown>) => { generate(request: { design: Design; renderer?: unknown }): Promise<{ code: string }> };
    closeLocalEngine?: () => Promise<void>;
  } | null;
  if (local?.createLocalProvider) {
    const renderer = createRenderer({ workers: 2 });
    const provider = local.createLocalProvider();
    // The engine's OCR worker is closed too: left running, it keeps the bench's process alive after the last figure.
    const close = async () => void (await Promise.all([renderer.close(), local.closeLocalEngine?.()]));
    return { name: 'local engine', generate: async (design) => (await provider.generate({ design, renderer })).code, close };
  }
  return { name: 'simple component (design size, background, a heading)', generate: async (design) => simpleComponent(design), close: async () => {} };
}

/** A project folder with the designs and a component for each, named as check pairs them. */
async function makeProject(designs: Design[], sources: Map<string, string>, label: string): Promise<string> {
  const root = tempDir(`ui2code-bench-check-${label}-`);
  fs.mkdirSync(path.join(root, 'designs'));
  fs.mkdirSync(path.join(root, 'src/components/generated'), { recursive: true });
  for (const design of designs) {
    const name = path.basename(design.path);
    fs.copyFileSync(design.path, path.join(root, 'designs', name));
    fs.writeFileSync(path.join(root, 'src/components/generated', `${componentNameFor(name)}.tsx`), sources.get(design.path)!);
  }
  return root;
}


const round = (x: number) => Math.round(x * 100) / 100;

export async function benchCheck(): Promise<Record<string, unknown>> {
  const designs = await Promise.all(sharedDesignPaths().map((p) => readDesign(p)));
  const flame = designs.filter((d) => d.image.width === 800 && d.image.height === 600);
  const gen = await generator();
  const sources = new Map<string, string>();
  try {
    for (const design of designs) sources.set(design.path, await gen.generate(design));
  } finally {
    await gen.close();
  }
  const allRoot = await makeProject(designs, sources, 'all');
  const flameRoot = await makeProject(flame, sources, '800');

  const workers = Number(process.env.UI2CODE_BENCH_WORKERS ?? (await loadConfig({ root: allRoot, configFile: false })).renderWorkers);
  const renderer = createRenderer({ workers });
  // The pool as it was before every render got a fresh document: what isolation costs on real components.
  const shared = createRenderer({ workers, freshDocuments: false });
  const timed = async (root: string, reportDir?: string, by = renderer) => {
    const config = await loadConfig({ root, configFile: false, overrides: { renderWorkers: workers } });
    const t0 = performance.now();
    const { report } = await runCheck({ config, renderer: by, reportDir });
    const seconds = (performance.now() - t0) / 1000;
    return { perSecond: report.summary.total / seconds, report, seconds };
  };
  try {
    await timed(flameRoot); // warm-up: browser launch, workers, esbuild
    const checked800 = await timed(flameRoot);
    const checkedAll = await timed(allRoot);
    const withReport = await timed(allRoot, path.join(allRoot, 'report'));
    const htmlBytes = fs.statSync(path.join(allRoot, 'report', 'index.html')).size;
    // Alternated, three runs each, medians: the machine's load drifts.
    await timed(flameRoot, undefined, shared); // warm-up
    const fresh: number[] = [], sharedRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh.push((await timed(allRoot)).perSecond);
      sharedRuns.push((await timed(allRoot, undefined, shared)).perSecond);
    }
    const naive800 = await naiveLoop(flame.slice(0, 20), sources);
    const naiveAll = await naiveLoop(designs.slice(0, 30), sources);
    const scores = checkedAll.report.results.flatMap((r) => (r.score !== undefined ? [r.score] : [])).sort((a, b) => a - b);
    return {
      designs: designs.length,
      designs800x600: flame.length,
      components: gen.name,
      workers,
      designsPerSecond800x600: round(checked800.perSecond),
      designsPerSecondAll: round(checkedAll.perSecond),
      isolatedPerSecondAll: round(median(fresh)),
      sharedDocumentPerSecondAll: round(median(sharedRuns)),
      isolatedVsSharedAll: round(median(fresh) / median(sharedRuns)),
      designsPerSecondAllWithHtmlReport: round(withReport.perSecond),
      htmlReportMB: round(htmlBytes / 1048576),
      naivePerSecond800x600: round(naive800),
      naivePerSecondAll: round(naiveAll),
      speedup800x600: round(checked800.perSecond / naive800),
      speedupAll: round(checkedAll.perSecond / naiveAll),
      summary: checkedAll.report.summary,
      medianScore: round(scores[Math.floor(scores.length / 2)] ?? NaN),
    };
  } finally {
    await Promise.all([renderer.close(), shared.close()]);
    fs.rmSync(allRoot, { recursive: true, force: true });
    fs.rmSync(flameRoot, { recursive: true, force: true });
  }
}
