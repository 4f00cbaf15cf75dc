// Code figures and fidelity per output style: what the local engine writes for the real designs in each style (as
// `convert` writes it: refined, validated, formatted), rendered as the app shows it, beside the code people wrote for
// the Flame designs (`references.jsonl`), measured on the syntax tree of each file and on its CSS module.
import { parse } from '@babel/parser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreComponent } from '../../src/compare/score-component.js';
import { CONFIG_DEFAULTS } from '../../src/config/defaults.js';
import { closeLocalEngine, createLocalProvider, styleRenderOptions } from '../../src/generate/local/index.js';
import type { OutputStyle } from '../../src/generate/style.js';
import { defaultTheme } from '../../src/generate/theme.js';
import { readDesign } from '../../src/intake/decode.js';
import { refine } from '../../src/refine/refine.js';
import { createRenderer } from '../../src/render/pool.js';
import { sharedDesignPaths } from './render.js';

/** Style properties that take a length (camelCase in style objects, kebab-case in CSS). */
const LENGTHS = /^(width|height|min\w+|max\w+|margin\w*|padding\w*|gap|top|left|right|bottom|fontSize|lineHeight|borderRadius|letterSpacing)$/;
const HEX = /#[0-9a-f]{3,8}\b/gi;
const CSS_LENGTHS = /^(width|height|min-\w+|max-\w+|margin(-\w+)?|padding(-\w+)?|gap|top|left|right|bottom|font-size|line-height|border-radius|letter-spacing)$/;
/** Tailwind classes of the spacing and sizing scales; an arbitrary value (`w-[13px]`) is off it unless it is a multiple of 4 px. */
const TAILWIND_LENGTH = /^-?(?:[pm][xytrbl]?|gap(?:-[xy])?|space-[xy]|[wh]|min-[wh]|max-[wh]|top|left|right|bottom|inset(?:-[xy])?)-(\[?[\w.]+\]?)$/;

export interface CodeFigures {
  lines: number;
  /** Lines of the CSS module (css-modules), which a reader keeps beside the TSX. */
  moduleLines: number;
  components: number;
  literalNumbers: number;
  elements: number;
  /** Style declarations written on elements: style entries, utility classes, or the module rule's declarations. */
  declarations: number;
  fixedWidth: number;
  maps: number;
  lengths: number;
  onScale: number;
}

type AstNode = { type: string; [key: string]: unknown };

/** A CSS module's rules: class → declarations (`[property, value]`). */
function cssRules(css: string): Map<string, Array<[string, string]>> {
  const rules = new Map<string, Array<[string, string]>>();
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.([\w-]+)\s*\{([^}]*)\}/g)) {
    rules.set(m[1], m[2].split(';').map((d) => d.split(':').map((x) => x.trim())).filter((d) => d.length === 2 && d[0]) as Array<[string, string]>);
  }
  return rules;
}

/**
 * Figures of one file, and of its CSS module when it has one. Literal numbers count what a reader meets: numbers in
 * the code, in class names (`mt-5.25`, `w-[123px]`) and in the module's values.
 */
export function codeFigures(code: string, css?: string): CodeFigures {
  const ast = parse(code, { sourceType: 'module', plugins: ['jsx', 'typescript'], errorRecovery: true });
  const f: CodeFigures = { lines: code.split('\n').filter((l) => l.trim()).length, moduleLines: css?.split('\n').filter((l) => l.trim()).length ?? 0, components: 0, literalNumbers: 0, elements: 0, declarations: 0, fixedWidth: 0, maps: 0, lengths: 0, onScale: 0 };
  const numbers = new Set<number>();
  /** `className={styles.card}` → the class's declarations. */
  const moduleRule = (el: AstNode) => {
    const attrs = ((el.openingElement as AstNode).attributes as AstNode[]) ?? [];
    const expr = (attrs.find((a) => a.type === 'JSXAttribute' && (a.name as AstNode).name === 'className')?.value as AstNode | undefined)?.expression as AstNode | undefined;
    return expr?.type === 'MemberExpression' ? rules.get(((expr.property as AstNode).name ?? (expr.property as AstNode).value) as string) ?? [] : [];
  };
  const length = (value: unknown) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?[\d.]+px$/.test(value) ? parseFloat(value) : NaN;
    // A zero is a reset (`m-0`, `padding: 0`), not a measured value on or off the scale.
    if (Number.isNaN(n) || n === 0) return;
    f.lengths++;
    if (Number.isInteger(n) && n % 4 === 0) f.onScale++;
  };
  const rules = css === undefined ? new Map<string, Array<[string, string]>>() : cssRules(css);
  for (const decls of rules.values()) {
    for (const [prop, value] of decls) {
      if (prop.startsWith('--')) continue;
      for (const n of value.replace(HEX, '').match(/-?\d*\.?\d+/g) ?? []) numbers.add(Number(n));
      if (CSS_LENGTHS.test(prop)) for (const n of value.match(/-?\d*\.?\d+(?=px)/g) ?? []) length(Number(n));
    }
  }
  const classTokens = (el: AstNode): string[] => {
    const attrs = ((el.openingElement as AstNode).attributes as AstNode[]) ?? [];
    const cls = attrs.find((a) => a.type === 'JSXAttribute' && (a.name as AstNode).name === 'className');
    const v = cls?.value as AstNode | undefined;
    return v?.type === 'StringLiteral' ? String(v.value).split(/\s+/).filter(Boolean) : [];
  };
  const styleOf = (el: AstNode): AstNode[] => {
    const attrs = ((el.openingElement as AstNode).attributes as AstNode[]) ?? [];
    const style = attrs.find((a) => a.type === 'JSXAttribute' && (a.name as AstNode).name === 'style');
    const expr = (style?.value as AstNode | undefined)?.expression as AstNode | undefined;
    return expr?.type === 'ObjectExpression' ? (expr.properties as AstNode[]) : [];
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as AstNode;
    if (n.type === 'NumericLiteral') numbers.add(n.value as number);
    if (n.type === 'CallExpression' && ((n.callee as AstNode).property as AstNode)?.name === 'map') f.maps++;
    // A component: a function (declared, or an arrow bound to a name) whose name is capitalised.
    if (n.type === 'FunctionDeclaration' && /^[A-Z]/.test(((n.id as AstNode)?.name as string) ?? '')) f.components++;
    if (n.type === 'VariableDeclarator' && /^[A-Z]/.test(((n.id as AstNode)?.name as string) ?? '') && /ArrowFunction|FunctionExpression/.test((n.init as AstNode)?.type ?? '')) f.components++;
    if (n.type === 'ExportDefaultDeclaration' && /ArrowFunction/.test((n.declaration as AstNode).type)) f.components++;
    if (n.type === 'JSXElement') {
      f.elements++;
      const props = styleOf(n);
      const width = props.find((p) => ((p.key as AstNode)?.name ?? (p.key as AstNode)?.value) === 'width');
      const tokens = classTokens(n);
      const rule = moduleRule(n);
      const moduleWidth = rule.some(([p, v]) => p === 'width' && /^-?[\d.]+px$/.test(v));
      f.declarations += props.length + tokens.length + rule.length;
      if ((width && (width.value as AstNode).type === 'NumericLiteral') || moduleWidth || tokens.some((t) => /^w-(\d|\[)/.test(t))) f.fixedWidth++;
      // A palette shade (`text-slate-900`) names a token, it is not a number a reader tunes.
      for (const t of tokens) if (!/-[a-z]+-\d{2,3}$/.test(t)) for (const num of t.replace(HEX, '').match(/-?\d*\.?\d+/g) ?? []) numbers.add(Number(num));
      for (const p of props) if (LENGTHS.test(((p.key as AstNode)?.name as string) ?? '')) length(((p.value as AstNode) ?? {}).value);
      for (const t of tokens) {
        const m = TAILWIND_LENGTH.exec(t);
        if (!m) continue;
        const arbitrary = /^\[(-?[\d.]+)px\]$/.exec(m[1]);
        // A step of the spacing scale is 4 px a unit (`mt-5.25` is 21 px: on Tailwind's scale, off the 4 px grid).
        if (arbitrary) length(Number(arbitrary[1]));
        else if (/^\d+(\.\d+)?$/.test(m[1])) length(Number(m[1]) * 4);
      }
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'loc' && key !== 'start' && key !== 'end' && key !== 'extra') visit(child);
  };
  visit(ast.program);
  f.literalNumbers = numbers.size;
  f.components = Math.max(1, f.components);
  return f;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Means per component and shares over all elements / lengths, for a set of files. */
function summary(files: CodeFigures[]) {
  const sum = (k: keyof CodeFigures) => files.reduce((a, f) => a + f[k], 0);
  const components = sum('components');
  return {
    files: files.length,
    linesPerComponent: round(sum('lines') / components, 1),
    ...(sum('moduleLines') ? { moduleLinesPerFile: round(sum('moduleLines') / files.length, 1) } : {}),
    distinctLiteralNumbersPerFile: round(sum('literalNumbers') / files.length, 1),
    declarationsPerElement: round(sum('declarations') / Math.max(1, sum('elements')), 1),
    fixedWidthShare: round(sum('fixedWidth') / Math.max(1, sum('elements'))),
    mapsPerComponent: round(sum('maps') / components),
    subComponentsPerFile: round((components - files.length) / files.length),
    onScaleShare: sum('lengths') ? round(sum('onScale') / sum('lengths')) : null,
  };
}

/** The Flame references' code. */
function references(): string[] {
  const file = sharedDesignPaths().find((p) => p.includes(`${path.sep}flame${path.sep}`));
  if (!file) return [];
  const refs = path.join(path.dirname(file), 'references.jsonl');
  return fs.existsSync(refs) ? fs.readFileSync(refs, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { reference_jsx: string }).reference_jsx) : [];
}

const STYLES: OutputStyle[] = ['inline', 'css-modules', 'tailwind'];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function benchCode(filter = process.env.UI2CODE_BENCH_FILTER): Promise<Record<string, unknown>> {
  const every = Math.max(1, Number(process.env.UI2CODE_BENCH_EVERY ?? 1));
  const paths = sharedDesignPaths().filter((p, i) => (!filter || p.includes(filter)) && i % every === 0);
  const styles = (process.env.UI2CODE_BENCH_STYLES?.split(',') as OutputStyle[] | undefined) ?? STYLES;
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  // A project without Tailwind of its own: the renderer compiles with ours, the theme is Tailwind's defaults.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-bench-code-'));
  const theme = defaultTheme();
  const rows: Array<{ set: string; style: OutputStyle; name: string; mismatch: number; fgMismatch: number; figures: CodeFigures }> = [];
  try {
    for (const file of paths) {
      const design = await readDesign(file);
      for (const style of styles) {
        // What `convert` writes: the default rounds and target, validated and formatted, in the style.
        const run = async () => {
          const { best } = await refine({ design, provider, renderer, file: path.join(root, 'Bench.tsx'), name: 'Bench', rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target, styles: { style, name: 'Bench', root, theme: style === 'tailwind' ? theme : undefined } });
          return { best, scores: (await scoreComponent(renderer, design, best.code, styleRenderOptions(best, 'Bench', style, root))).scores };
        };
        // On a shared machine one render can miss its deadline: the design is run again rather than the bench lost.
        const { best, scores } = await run().catch((e: { code?: string }) => (e.code === 'RENDER_TIMEOUT' ? run() : Promise.reject(e)));
        rows.push({ set: path.basename(path.dirname(file)), style, name: path.basename(file), mismatch: scores.mismatch, fgMismatch: scores.fgMismatch, figures: codeFigures(best.code, best.css) });
        if (process.env.UI2CODE_BENCH_VERBOSE) console.log(path.basename(file), style, scores.mismatch.toFixed(4), scores.fgMismatch.toFixed(3));
        // To read what changed between two builds: each design's files, named by design and style.
        const dump = process.env.UI2CODE_BENCH_DUMP;
        if (dump) {
          fs.mkdirSync(dump, { recursive: true });
          const base = path.join(dump, `${path.basename(file, '.png')}.${style}`);
          fs.writeFileSync(`${base}.tsx`, best.code);
          if (best.css) fs.writeFileSync(`${base}.module.css`, best.css);
        }
      }
    }
  } finally {
    await renderer.close();
    await closeLocalEngine();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const bySet = (set: string) => {
    const own = rows.filter((r) => r.set === set);
    if (!own.length) return null;
    return Object.fromEntries(styles.map((style) => {
      const r = own.filter((x) => x.style === style);
      const inline = own.filter((x) => x.style === 'inline');
      return [style, {
        meanMismatch: round(mean(r.map((x) => x.mismatch)), 4),
        meanFgMismatch: round(mean(r.map((x) => x.fgMismatch)), 4),
        ...(style !== 'inline' && inline.length ? { worstMismatchGapToInline: round(Math.max(...r.map((x) => x.mismatch - (inline.find((i) => i.name === x.name)?.mismatch ?? x.mismatch))), 4) } : {}),
        ...summary(r.map((x) => x.figures)),
      }];
    }));
  };
  return {
    'local engine, flame': bySet('flame'),
    'local engine, design2code': bySet('design2code'),
    'flame reference code (people)': summary(references().map((code) => codeFigures(code))),
  };
}
