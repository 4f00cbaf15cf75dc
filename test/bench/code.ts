// Code figures: what the local engine writes for the real designs, beside the code people wrote for the Flame designs
// (`references.jsonl`), measured on the syntax tree of each file (ours formatted by Prettier, as `convert` writes it).
import { parse } from '@babel/parser';
import fs from 'node:fs';
import path from 'node:path';
import { formatComponent } from '../../src/format/format.js';
import { closeLocalEngine, createLocalProvider } from '../../src/generate/local/index.js';
import { readDesign } from '../../src/intake/decode.js';
import { createRenderer } from '../../src/render/pool.js';
import { repoRoot } from '../support/paths.js';
import { sharedDesignPaths } from './render.js';

/** Style properties that take a length. */
const LENGTHS = /^(width|height|min\w+|max\w+|margin\w*|padding\w*|gap|top|left|right|bottom|fontSize|lineHeight|borderRadius|letterSpacing)$/;
/** Tailwind classes of the spacing and sizing scales; an arbitrary value (`w-[13px]`) is off it unless it is a multiple of 4 px. */
const TAILWIND_LENGTH = /^-?(?:[pm][xytrbl]?|gap(?:-[xy])?|space-[xy]|[wh]|min-[wh]|max-[wh]|top|left|right|bottom|inset(?:-[xy])?)-(\[?[\w.]+\]?)$/;

export interface CodeFigures {
  lines: number;
  components: number;
  literalNumbers: number;
  elements: number;
  fixedWidth: number;
  maps: number;
  lengths: number;
  onScale: number;
}

type AstNode = { type: string; [key: string]: unknown };

/** Figures of one file. */
export function codeFigures(code: string): CodeFigures {
  const ast = parse(code, { sourceType: 'module', plugins: ['jsx', 'typescript'], errorRecovery: true });
  const f: CodeFigures = { lines: code.split('\n').filter((l) => l.trim()).length, components: 0, literalNumbers: 0, elements: 0, fixedWidth: 0, maps: 0, lengths: 0, onScale: 0 };
  const numbers = new Set<number>();
  const length = (value: unknown) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?[\d.]+px$/.test(value) ? parseFloat(value) : NaN;
    if (Number.isNaN(n)) return;
    f.lengths++;
    if (Number.isInteger(n) && n % 4 === 0) f.onScale++;
  };
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
      if ((width && (width.value as AstNode).type === 'NumericLiteral') || tokens.some((t) => /^w-(\d|\[)/.test(t))) f.fixedWidth++;
      for (const p of props) if (LENGTHS.test(((p.key as AstNode)?.name as string) ?? '')) length(((p.value as AstNode) ?? {}).value);
      for (const t of tokens) {
        const m = TAILWIND_LENGTH.exec(t);
        if (!m) continue;
        const arbitrary = /^\[(-?[\d.]+)px\]$/.exec(m[1]);
        if (arbitrary) length(Number(arbitrary[1]));
        else if (/^\d+(\.5)?$/.test(m[1])) (f.lengths++, f.onScale++);
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
    distinctLiteralNumbersPerFile: round(sum('literalNumbers') / files.length, 1),
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

export async function benchCode(filter = process.env.UI2CODE_BENCH_FILTER): Promise<Record<string, unknown>> {
  const paths = sharedDesignPaths().filter((p) => !filter || p.includes(filter));
  const renderer = createRenderer({ workers: 2 });
  const provider = createLocalProvider();
  const ours: Record<string, CodeFigures[]> = { flame: [], design2code: [] };
  try {
    for (const file of paths) {
      const design = await readDesign(file);
      const { code } = await provider.generate({ design, renderer });
      const formatted = await formatComponent(code, { file: path.join(repoRoot, 'Bench.tsx') });
      (ours[path.basename(path.dirname(file))] ??= []).push(codeFigures(formatted));
    }
  } finally {
    await renderer.close();
    await closeLocalEngine();
  }
  return {
    'local engine, flame': ours.flame.length ? summary(ours.flame) : null,
    'local engine, design2code': ours.design2code.length ? summary(ours.design2code) : null,
    'flame reference code (people)': summary(references().map(codeFigures)),
  };
}
