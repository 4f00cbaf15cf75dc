// The local engine on the real designs: what `convert --provider local` writes, compared with its design, per set.
import { parse } from '@babel/parser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreComponent } from '../../src/compare/score-component.js';
import { textTerms } from '../../src/compare/text-terms.js';
import { closeLocalEngine, createLocalProvider, designTexts } from '../../src/generate/local/index.js';
import { readDesign } from '../../src/intake/decode.js';
import type { Design } from '../../src/types.js';
import { encodePng } from '../../src/intake/png.js';
import { createRenderer } from '../../src/render/pool.js';
import { CONFIG_DEFAULTS } from '../../src/config/defaults.js';
import { restyle } from '../../src/generate/local/sinks/restyle.js';
import { defaultTheme } from '../../src/generate/theme.js';
import { refine } from '../../src/refine/refine.js';
import { repoRoot } from '../support/paths.js';
import { median, sharedDesignPaths } from './render.js';

/**
 * Independent text truth for Flame, from each design's reference code; our OCR plays no part in it. It holds the words
 * that are on screen whatever the component's state: literal JSX texts and string children, placeholders, and the first
 * option of a select. Texts behind a condition (`a && b`, `a ? b : c`), inside a `.map` over data, or in a select's other
 * options depend on state or are not drawn, so they are left out.
 */
export function referenceWords(file: string): string[] | null {
  const refs = path.join(path.dirname(file), 'references.jsonl');
  if (!fs.existsSync(refs)) return null;
  for (const line of fs.readFileSync(refs, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { image: string; reference_jsx: string };
    if (entry.image !== path.basename(file)) continue;
    const texts: string[] = [];
    type Node = { type?: string; [key: string]: unknown };
    const isElement = (n: unknown, name: string) =>
      (n as Node)?.type === 'JSXElement' && ((n as { openingElement: { name: { name?: string } } }).openingElement.name.name === name);
    const visit = (node: unknown, shown: boolean): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => visit(n, shown));
      const n = node as Node;
      if (n.type === 'JSXText' && shown) texts.push(n.value as string);
      if (n.type === 'JSXExpressionContainer' && (n.expression as Node).type === 'StringLiteral' && shown) texts.push((n.expression as Node).value as string);
      if (n.type === 'JSXAttribute' && (n.name as Node).name === 'placeholder' && (n.value as Node)?.type === 'StringLiteral' && shown) texts.push((n.value as Node).value as string);
      if (n.type === 'ConditionalExpression') return visit(n.test, shown), visit(n.consequent, false), visit(n.alternate, false);
      if (n.type === 'LogicalExpression') return visit(n.left, shown), visit(n.right, false);
      if (n.type === 'CallExpression' && ((n.callee as Node).property as Node)?.name === 'map') return visit(n.callee, shown), visit(n.arguments, false);
      if (isElement(n, 'select')) {
        const options = (n.children as unknown[]).filter((c) => isElement(c, 'option'));
        for (const child of n.children as unknown[]) visit(child, shown && (!isElement(child, 'option') || child === options[0]));
        return visit(n.openingElement, shown);
      }
      for (const [key, child] of Object.entries(n)) if (key !== 'loc' && key !== 'start' && key !== 'end' && key !== 'extra') visit(child, shown);
    };
    try {
      visit(parse(entry.reference_jsx, { sourceType: 'module', plugins: ['jsx', 'typescript'], errorRecovery: true }).program, true);
    } catch {
      return null;
    }
    return texts.join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  }
  return null;
}

const wordsOf = (texts: Array<{ text: string }>) => texts.map((t) => t.text).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of the true words (with repeats) found among the rendered ones. */
function wordRecall(truth: string[], rendered: Array<{ text: string }>): number {
  const pool = new Map<string, number>();
  for (const w of wordsOf(rendered)) pool.set(w, (pool.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of truth) if ((pool.get(w) ?? 0) > 0) { found++; pool.set(w, pool.get(w)! - 1); }
  return found / Math.max(1, truth.length);
}

/**
 * Components we wrote ourselves, rendered to PNG: the engine was not tuned on these pictures, and their texts are known
 * exactly (the DOM's, placeholders included), so their text recall is measured against the truth.
 */
const OWN: Array<[string, number, number]> = [
  ['playground/mockups/login.tsx', 800, 600],
  ['playground/mockups/pricing.tsx', 600, 320],
  ['playground/mockups/profile.tsx', 400, 240],
  ['fixtures/local/card.tsx', 800, 600],
  ['fixtures/local/columns.tsx', 1280, 480],
  ['fixtures/local/signup.tsx', 800, 600],
  ['fixtures/engine/Card.tsx', 400, 300],
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function benchLocal(filter = process.env.UI2CODE_BENCH_FILTER): Promise<Record<string, unknown>> {
  const paths = filter === 'own' ? [] : sharedDesignPaths().filter((p) => !filter || p.includes(filter));
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  const rows: Array<{ set: string; name: string; seconds: number; mismatch: number; fgMismatch: number; textRecall: number; referenceRecall?: number; score: number; styled: Record<string, { mismatch: number; fgMismatch: number }> }> = [];
  /** What `convert` does with the default rounds and target (writing aside): timed whole, OCR and rounds included. */
  const measure = async (set: string, name: string, design: Design, truth: string[] | null) => {
    const t0 = performance.now();
    const { best } = await refine({ design, provider, renderer, file: path.join(os.tmpdir(), 'Bench.tsx'), rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target });
    const seconds = (performance.now() - t0) / 1000;
    const { scores, render } = await scoreComponent(renderer, design, best.code);
    const textRecall = textTerms(await designTexts(design), render.texts, { width: design.cssWidth, height: design.cssHeight }).textRecall;
    const referenceRecall = truth?.length ? wordRecall(truth, render.texts) : undefined;
    // The same component in the other output styles (the sinks), rendered as the app would: their cost in fidelity.
    const styled: Record<string, { mismatch: number; fgMismatch: number }> = {};
    for (const style of ['css-modules', 'tailwind'] as const) {
      const source = restyle(best.code, { style, name: 'Bench', theme: defaultTheme() });
      const s = await scoreComponent(renderer, design, source.code, source.css !== undefined ? { files: { 'Bench.module.css': source.css } } : { tailwind: { root: os.tmpdir() } });
      styled[style] = { mismatch: s.scores.mismatch, fgMismatch: s.scores.fgMismatch };
    }
    rows.push({ set, name, seconds, mismatch: scores.mismatch, fgMismatch: scores.fgMismatch, textRecall, referenceRecall, score: scores.score, styled });
    if (process.env.UI2CODE_BENCH_VERBOSE) console.log(name, seconds.toFixed(2), scores.mismatch.toFixed(3), scores.fgMismatch.toFixed(3), textRecall.toFixed(2), referenceRecall?.toFixed(2), scores.score.toFixed(3));
  };
  try {
    for (const file of paths) await measure(path.basename(path.dirname(file)), path.basename(file), await readDesign(file), referenceWords(file));
    if (!filter || filter === 'own') {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-bench-own-'));
      try {
        for (const [file, width, height] of OWN) {
          const shot = await renderer.render(fs.readFileSync(path.join(repoRoot, file), 'utf8'), { width, height, deviceScaleFactor: 1 }, { name: file });
          const png = path.join(tmp, `${path.basename(path.dirname(file))}-${path.basename(file, '.tsx')}.png`);
          fs.writeFileSync(png, encodePng(shot.image));
          await measure('own', file, await readDesign(png), wordsOf(shot.texts));
        }
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  } finally {
    await renderer.close();
    await closeLocalEngine();
  }
  const bySet = (set: string) => {
    const r = rows.filter((x) => x.set === set);
    if (!r.length) return null;
    const secs = r.map((x) => x.seconds).sort((a, b) => a - b);
    return {
      designs: r.length,
      meanMismatch: round(mean(r.map((x) => x.mismatch))),
      meanFgMismatch: round(mean(r.map((x) => x.fgMismatch))),
      meanTextRecall: round(mean(r.map((x) => x.textRecall))),
      ...(r.some((x) => x.referenceRecall !== undefined) ? { meanReferenceTextRecall: round(mean(r.flatMap((x) => (x.referenceRecall === undefined ? [] : [x.referenceRecall])))) } : {}),
      meanScore: round(mean(r.map((x) => x.score))),
      styles: Object.fromEntries(['css-modules', 'tailwind'].map((style) => [style, { meanMismatch: round(mean(r.map((x) => x.styled[style].mismatch))), meanFgMismatch: round(mean(r.map((x) => x.styled[style].fgMismatch))) }])),
      medianSeconds: round(median(secs)),
      p90Seconds: round(secs[Math.min(secs.length - 1, Math.floor(secs.length * 0.9))]),
    };
  };
  return { flame: bySet('flame'), design2code: bySet('design2code'), own: bySet('own') };
}
