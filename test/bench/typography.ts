// Typography the pixels hardly show: for components we wrote (their every line's family, weight and size is known from
// the DOM), what share of the lines the local engine writes back with the right family class (serif, sans, mono), the
// right weight (±100) and the right size (±1 px), and how many families it uses per design.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_DEFAULTS } from '../../src/config/defaults.js';
import { closeLocalEngine, createLocalProvider } from '../../src/generate/local/index.js';
import { readDesign } from '../../src/intake/decode.js';
import { encodePng } from '../../src/intake/png.js';
import { refine } from '../../src/refine/refine.js';
import { createRenderer } from '../../src/render/pool.js';
import type { TextBox } from '../../src/types.js';
import { repoRoot } from '../support/paths.js';
import { familyClass } from '../../src/compare/typography.js';
import { OWN as OWN_COMPONENTS } from './local.js';

/** Our own components (the local bench's), and one written for typography: one family, bold where it matters. */
const OWN: Array<[string, number, number]> = [['fixtures/typography/team.tsx', 800, 600], ...OWN_COMPONENTS];

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}$]+/gu) ?? [];

/** The rendered text that shares most of the true line's words (at least half), nearest first on ties. */
function counterpart(truth: TextBox, rendered: TextBox[]): TextBox | undefined {
  const want = new Set(words(truth.text));
  if (!want.size) return undefined;
  let best: TextBox | undefined, bestScore = 0.5;
  for (const r of rendered) {
    const overlap = words(r.text).filter((w) => want.has(w)).length / want.size;
    const distance = Math.hypot(r.x - truth.x, r.y - truth.y);
    const score = overlap - distance / 1e5;
    if (score >= bestScore) [best, bestScore] = [r, score];
  }
  return best;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function benchTypography(): Promise<Record<string, unknown>> {
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-bench-type-'));
  const lines: Array<{ design: string; text: string; found: boolean; family: boolean; weight: boolean; size: boolean; was?: string }> = [];
  const families: number[] = [];
  try {
    for (const [file, width, height] of OWN) {
      const truth = await renderer.render(fs.readFileSync(path.join(repoRoot, file), 'utf8'), { width, height, deviceScaleFactor: 1 }, { name: file });
      const png = path.join(tmp, `${path.basename(file, '.tsx')}.png`);
      fs.writeFileSync(png, encodePng(truth.image));
      const design = await readDesign(png);
      const { best } = await refine({ design, provider, renderer, file: path.join(tmp, 'Bench.tsx'), rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target });
      const made = await renderer.render(best.code, { width, height, deviceScaleFactor: 1 }, { name: file });
      // Form fields' placeholders are drawn by the browser in its own font: only text elements count.
      const shown = truth.texts.filter((t) => t.tag !== 'input' && t.tag !== 'textarea' && t.tag !== 'select' && words(t.text).length);
      for (const t of shown) {
        const r = counterpart(t, made.texts);
        lines.push({
          design: file,
          text: t.text,
          found: Boolean(r),
          family: Boolean(r) && familyClass(r!.fontFamily) === familyClass(t.fontFamily),
          weight: Boolean(r) && Math.abs(r!.fontWeight - t.fontWeight) <= 100,
          size: Boolean(r) && Math.abs(r!.fontSize - t.fontSize) <= 1,
          was: r && `${t.fontFamily.split(',')[0]} ${t.fontWeight} ${t.fontSize} → ${r.fontFamily.split(',')[0]} ${r.fontWeight} ${r.fontSize}`,
        });
      }
      families.push(new Set(made.texts.map((t) => t.fontFamily.split(',')[0].trim().toLowerCase())).size);
      if (process.env.UI2CODE_BENCH_VERBOSE) {
        for (const l of lines.filter((x) => x.design === file && !(x.family && x.weight && x.size))) console.log(file, JSON.stringify(l.text), l.found ? '' : 'not found', l.family ? '' : 'family', l.weight ? '' : 'weight', l.size ? '' : 'size', l.was ?? '');
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await renderer.close();
    await closeLocalEngine();
  }
  const found = lines.filter((l) => l.found);
  return {
    designs: OWN.length,
    lines: lines.length,
    linesFound: found.length,
    // Over the lines the engine wrote back (a line it missed is text recall's failure, not typography's).
    familyClassShare: round(mean(found.map((l) => Number(l.family)))),
    weightShare: round(mean(found.map((l) => Number(l.weight)))),
    sizeShare: round(mean(found.map((l) => Number(l.size)))),
    meanFamiliesPerDesign: round(mean(families)),
  };
}
