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
export const OWN: Array<[string, number, number]> = [
  ['playground/mockups/login.tsx', 800, 600],
  ['playground/mockups/pricing.tsx', 600, 320],
  ['playground/mockups/profile.tsx', 400, 240],
  ['fixtures/local/card.tsx', 800, 600],
  ['fixtures/local/columns.tsx', 1280, 480],
  ['fixtures/local/signup.tsx', 800, 600],
  ['fixtures/engine/Card.tsx', 400, 300],
];

/**
 * Pages of our own for the web-page path (issue 16), 1280 wide, each thick in a pattern the Design2Code pages have
 * little of: a dense navigation bar, a multi-column footer, cards in a grid, long text, a table. Written as people write
 * pages (flex and grid, font stacks) and scored like OWN, their recall against the DOM's texts.
 */
export const PAGES: Array<[string, number, number]> = [
  ['fixtures/pages/nav.tsx', 1280, 800],
  ['fixtures/pages/footer.tsx', 1280, 860],
  ['fixtures/pages/cards.tsx', 1280, 980],
  ['fixtures/pages/article.tsx', 1280, 1060],
  ['fixtures/pages/table.tsx', 1280, 840],
];

/**
 * Screenshots as people send them (issue 16): each shared design saved again as JPEG and WebP, or resampled to 1.5x,
 * converted from that file and scored against the lossless original. `UI2CODE_BENCH_VARIANTS=png,jpeg85` picks some;
 * `UI2CODE_BENCH_EVERY=4` takes every fourth design (for iterating; the figures in the README are over all).
 */
const VARIANTS = ['png', 'jpeg70', 'jpeg85', 'jpeg95', 'webp80', 'scale1.5'] as const;

async function variantFile(file: string, variant: string, dir: string): Promise<string> {
  if (variant === 'png') return file;
  const { default: sharp } = await import('sharp');
  const base = path.join(dir, path.basename(file, '.png'));
  const quality = Number(variant.replace(/\D+/, ''));
  if (variant.startsWith('jpeg')) return fs.writeFileSync(`${base}.jpg`, await sharp(file).jpeg({ quality }).toBuffer()), `${base}.jpg`;
  if (variant.startsWith('webp')) return fs.writeFileSync(`${base}.webp`, await sharp(file).webp({ quality }).toBuffer()), `${base}.webp`;
  const { width = 0, height = 0 } = await sharp(file).metadata();
  const out = `${base}@1.5x.png`;
  fs.writeFileSync(out, await sharp(file).resize(Math.round(width * 1.5), Math.round(height * 1.5), { kernel: 'lanczos3' }).png().toBuffer());
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function benchLocal(filter = process.env.UI2CODE_BENCH_FILTER): Promise<Record<string, unknown>> {
  const every = Math.max(1, Number(process.env.UI2CODE_BENCH_EVERY ?? 1));
  const ours: Record<string, Array<[string, number, number]>> = { own: OWN, pages: PAGES };
  const paths = filter && filter in ours ? [] : sharedDesignPaths().filter((p, i) => (!filter || p.includes(filter)) && i % every === 0);
  const variants = process.env.UI2CODE_BENCH_VARIANTS?.split(',') ?? [...VARIANTS];
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  const rows: Array<{ set: string; variant: string; name: string; seconds: number; mismatch: number; fgMismatch: number; textRecall: number; referenceRecall?: number; score: number }> = [];
  /** What `convert` does with the default rounds and target (writing aside): timed whole, OCR and rounds included. */
  const measure = async (set: string, name: string, design: Design, truth: string[] | null, variant = 'png', original = design) => {
    const t0 = performance.now();
    const { best } = await refine({ design, provider, renderer, file: path.join(os.tmpdir(), 'Bench.tsx'), rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target });
    const seconds = (performance.now() - t0) / 1000;
    // Scored against the lossless original, whatever file the engine was given.
    const { scores, render } = await scoreComponent(renderer, original, best.code);
    const textRecall = textTerms(await designTexts(original), render.texts, { width: design.cssWidth, height: design.cssHeight }).textRecall;
    const referenceRecall = truth?.length ? wordRecall(truth, render.texts) : undefined;
    rows.push({ set, variant, name, seconds, mismatch: scores.mismatch, fgMismatch: scores.fgMismatch, textRecall, referenceRecall, score: scores.score });
    if (process.env.UI2CODE_BENCH_VERBOSE) console.log(name, variant, seconds.toFixed(2), scores.mismatch.toFixed(3), scores.fgMismatch.toFixed(3), textRecall.toFixed(2), referenceRecall?.toFixed(2), scores.score.toFixed(3));
  };
  try {
    const variantDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-bench-variants-'));
    try {
      for (const file of paths) {
        const original = await readDesign(file);
        for (const variant of variants) {
          const design = variant === 'png' ? original : await readDesign(await variantFile(file, variant, variantDir));
          await measure(path.basename(path.dirname(file)), path.basename(file), design, referenceWords(file), variant, original);
        }
      }
    } finally {
      fs.rmSync(variantDir, { recursive: true, force: true });
    }
    for (const [set, files] of Object.entries(ours)) {
      if (filter && filter !== set) continue;
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ui2code-bench-${set}-`));
      try {
        for (const [file, width, height] of files) {
          const shot = await renderer.render(fs.readFileSync(path.join(repoRoot, file), 'utf8'), { width, height, deviceScaleFactor: 1 }, { name: file });
          const png = path.join(tmp, `${path.basename(path.dirname(file))}-${path.basename(file, '.tsx')}.png`);
          fs.writeFileSync(png, encodePng(shot.image));
          await measure(set, file, await readDesign(png), wordsOf(shot.texts));
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
    const r = rows.filter((x) => x.set === set && x.variant === 'png');
    if (!r.length) return null;
    const secs = r.map((x) => x.seconds).sort((a, b) => a - b);
    return {
      designs: r.length,
      meanMismatch: round(mean(r.map((x) => x.mismatch))),
      meanFgMismatch: round(mean(r.map((x) => x.fgMismatch))),
      meanTextRecall: round(mean(r.map((x) => x.textRecall))),
      ...(r.some((x) => x.referenceRecall !== undefined) ? { meanReferenceTextRecall: round(mean(r.flatMap((x) => (x.referenceRecall === undefined ? [] : [x.referenceRecall])))) } : {}),
      meanScore: round(mean(r.map((x) => x.score))),
      medianSeconds: round(median(secs)),
      p90Seconds: round(secs[Math.min(secs.length - 1, Math.floor(secs.length * 0.9))]),
    };
  };
  /** Each variant against the PNG of the same designs in this run: means, their gaps, and the worst design's gap. */
  const byVariant = Object.fromEntries(
    variants.filter((v) => v !== 'png').map((variant) => {
      const pairs = rows.filter((x) => x.variant === variant).flatMap((x) => {
        const png = rows.find((p) => p.variant === 'png' && p.name === x.name && p.set === x.set);
        return png ? [{ x, png }] : [];
      });
      const worst = pairs.reduce((w, p) => (p.x.mismatch - p.png.mismatch > w.gap ? { gap: p.x.mismatch - p.png.mismatch, name: p.x.name } : w), { gap: -Infinity, name: '' });
      return [variant, {
        designs: pairs.length,
        meanMismatch: round(mean(pairs.map((p) => p.x.mismatch))),
        meanFgMismatch: round(mean(pairs.map((p) => p.x.fgMismatch))),
        pngMeanMismatch: round(mean(pairs.map((p) => p.png.mismatch))),
        pngMeanFgMismatch: round(mean(pairs.map((p) => p.png.fgMismatch))),
        worstMismatchGap: round(worst.gap),
        worstDesign: worst.name,
        designsOver005: pairs.filter((p) => p.x.mismatch - p.png.mismatch > 0.05).map((p) => p.x.name),
      }];
    }),
  );
  /** The pages one by one: there are few, and each stands for a pattern. */
  const perPage = Object.fromEntries(
    rows.filter((x) => x.set === 'pages').map((x) => [path.basename(x.name, '.tsx'), { mismatch: round(x.mismatch), fgMismatch: round(x.fgMismatch), textRecall: x.referenceRecall === undefined ? null : round(x.referenceRecall) }]),
  );
  return { flame: bySet('flame'), design2code: bySet('design2code'), own: bySet('own'), pages: bySet('pages'), ...(Object.keys(perPage).length ? { perPage } : {}), variants: byVariant };
}
