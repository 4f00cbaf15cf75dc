// Responsive designs through the local engine: six sets of our own components (fixtures/responsive), each drawn at its
// widths to PNG here, converted as `convert` does (default rounds and target) into one component, and that component
// rendered at every width and compared with that width's design.
import { parse } from '@babel/parser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreWidths } from '../../src/compare/score-component.js';
import { CONFIG_DEFAULTS } from '../../src/config/defaults.js';
import { groupDesigns } from '../../src/designs.js';
import { closeLocalEngine, createLocalProvider } from '../../src/generate/local/index.js';
import { readDesignSet } from '../../src/intake/set.js';
import { refine } from '../../src/refine/refine.js';
import { createRenderer } from '../../src/render/pool.js';
import { RESPONSIVE, drawResponsiveFixtures, imageName } from '../support/responsive.js';
import { repoRoot } from '../support/paths.js';
import { renderStyles } from '../../src/generate/style-candidate.js';
import type { OutputStyle } from '../../src/generate/style.js';
import { codeFigures } from './code.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The JSX texts of a component: a text matched across widths is written once, one kept per width twice or more. */
function textsIn(code: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; value?: unknown };
    if (n.type === 'JSXText' && typeof n.value === 'string' && n.value.trim()) out.push(n.value.trim());
    for (const [key, child] of Object.entries(n)) if (key !== 'loc' && key !== 'start' && key !== 'end') visit(child);
  };
  visit(parse(code, { sourceType: 'module', plugins: ['jsx', 'typescript'] }).program);
  return out;
}

/** Every output style by default; `UI2CODE_BENCH_STYLES=inline,tailwind` picks some. */
const STYLES = (process.env.UI2CODE_BENCH_STYLES?.split(',') ?? ['inline', 'css-modules', 'tailwind']) as OutputStyle[];

export async function benchResponsive(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const style of STYLES) out[style] = await benchStyle(style);
  return out;
}

async function benchStyle(style: OutputStyle): Promise<Record<string, unknown>> {
  const renderer = createRenderer({ workers: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-bench-responsive-'));
  const rows: Array<{ set: string; label: string; width: number; mismatch: number; fgMismatch: number; score: number }> = [];
  const sets: Array<{ set: string; one: boolean; withinTargets: boolean; seconds: number; repeatedTexts: number; hidden: number; declarations: number; lines: number }> = [];
  try {
    await drawResponsiveFixtures(renderer, dir);
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f)).sort();
    for (const fixture of RESPONSIVE) {
      const group = groupDesigns(files).find((g) => path.basename(g.design) === imageName(fixture.name, ''))!;
      const designs = await readDesignSet(group);
      const t0 = performance.now();
      const styles = { style, name: 'Bench', root: repoRoot };
      const { best } = await refine({ design: designs[0], widths: designs, provider: createLocalProvider(), renderer, file: path.join(dir, 'Bench.tsx'), name: 'Bench', rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target, styles });
      const seconds = (performance.now() - t0) / 1000;
      const { widths } = await scoreWidths(renderer, designs, best.code, renderStyles({ code: best.code, css: best.css }, styles));
      for (const w of widths) {
        const label = fixture.widths.find(([, width]) => width === w.width)?.[0] || 'desktop';
        rows.push({ set: fixture.name, label, width: w.width, mismatch: w.scores.mismatch, fgMismatch: w.scores.fgMismatch, score: w.scores.score });
      }
      // One component: one file with one default export, the widths' elements matched: no text is written more
      // often than the width that shows it most shows it (a part kept per width would be written once per width).
      const texts = textsIn(best.code);
      const count = (list: string[]) => list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
      const shown = widths.map((w) => count(w.render.texts.map((t) => t.text.trim()).filter(Boolean)));
      const extra = [...count(texts)].reduce((n, [t, c]) => n + Math.max(0, c - Math.max(1, ...shown.map((m) => m.get(t) ?? 0))), 0);
      const repeatedTexts = texts.length ? extra / texts.length : 0;
      const one = (best.code.match(/export default function/g) ?? []).length === 1 && repeatedTexts === 0;
      const withinTargets = widths.every((w) => w.scores.mismatch <= 0.03 && w.scores.fgMismatch <= 0.15);
      const hidden = (best.code.match(/display: none/g) ?? []).length;
      const figures = codeFigures(best.code, best.css);
      sets.push({ set: fixture.name, one, withinTargets, seconds, repeatedTexts, hidden, declarations: figures.declarations / Math.max(1, figures.elements), lines: figures.lines + figures.moduleLines });
      if (process.env.UI2CODE_BENCH_VERBOSE) console.log(style, fixture.name, seconds.toFixed(1), widths.map((w) => `${w.width}:${w.scores.mismatch.toFixed(3)}/${w.scores.fgMismatch.toFixed(3)}`).join(' '), { one, withinTargets, repeatedTexts, hidden });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await renderer.close();
    await closeLocalEngine();
  }
  const byLabel = Object.fromEntries(
    ['desktop', 'tablet', 'mobile'].map((label) => {
      const r = rows.filter((x) => x.label === label);
      return [label, { widths: r.length, meanMismatch: round(mean(r.map((x) => x.mismatch))), meanFgMismatch: round(mean(r.map((x) => x.fgMismatch))), worstFgMismatch: round(Math.max(...r.map((x) => x.fgMismatch))), meanScore: round(mean(r.map((x) => x.score))) }];
    }),
  );
  return {
    sets: sets.length,
    /** One file, one default export, and every text of the widths matched (written once). */
    oneComponentShare: round(sets.filter((s) => s.one).length / Math.max(1, sets.length)),
    /** Every width within the targets (mismatch ≤ 0.03, fgMismatch ≤ 0.15). */
    withinTargetsShare: round(sets.filter((s) => s.withinTargets).length / Math.max(1, sets.length)),
    perWidth: byLabel,
    /** Style declarations per element (entries, utility classes or the module rule's, every width's counted) and lines of code (TSX and CSS), as `bench code` counts them. */
    declarationsPerElement: round(mean(sets.map((s) => s.declarations))),
    linesPerSet: round(mean(sets.map((s) => s.lines))),
    perSet: Object.fromEntries(sets.map((s) => [s.set, { seconds: round(s.seconds), declarations: round(s.declarations), lines: s.lines, oneComponent: s.one, withinTargets: s.withinTargets, repeatedTextShare: round(s.repeatedTexts), hiddenRules: s.hidden, widths: rows.filter((r) => r.set === s.set).map((r) => `${r.width}: ${round(r.mismatch)}/${round(r.fgMismatch)}`) }])),
  };
}
