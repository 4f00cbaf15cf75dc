// The safety policy for styles: a generated CSS module, and Tailwind classes in generated TSX. CSS reaches the user's
// page, so it may style the component's own classes and nothing else, and may load nothing from anywhere.
import type { AtRule, Declaration, Root, Rule } from 'postcss';
import { Ui2CodeError } from '../errors.js';
import { cssProblem, cssUnescape } from './urls.js';

export interface CssViolation {
  rule: string;
  line: number;
  message: string;
}

/** At-rules that only group or describe the module's own rules. `@import`, `@font-face`, `@namespace`… are refused. */
const ALLOWED_AT_RULES = new Set(['media', 'supports', 'container', 'keyframes', '-webkit-keyframes', 'layer']);
const MAX_BYTES = 200_000;

/**
 * Why a selector is refused: each selector in the list must start at one of the module's own classes (`.card`,
 * `.card:hover`, `.card > span`); `:global`, ids, elements, `*`, `:root` and attribute selectors at its start reach
 * outside the component.
 */
export function selectorProblem(selector: string): string | null {
  const text = cssUnescape(selector);
  if (/:global\b/i.test(text)) return `:global is not allowed (${selector.trim()})`;
  for (const part of splitList(text)) {
    if (!/^\.-?[_a-zA-Z][\w-]*/.test(part.trim())) return `selector '${part.trim()}' does not start at one of the module's classes`;
  }
  return null;
}

/** A selector list split at top-level commas (not those inside `:is(…)`). */
function splitList(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts;
}

/** Every rule the CSS module breaks (empty when it is safe to write). */
export async function checkCssPolicy(css: string): Promise<CssViolation[]> {
  if (Buffer.byteLength(css) > MAX_BYTES) return [{ rule: 'max-size', line: 1, message: `the CSS is larger than ${MAX_BYTES} bytes` }];
  const { default: postcss } = await import('postcss');
  let root: Root;
  try {
    root = postcss.parse(css);
  } catch (error) {
    const e = error as { line?: number; reason?: string; message: string };
    return [{ rule: 'css-syntax', line: e.line ?? 1, message: `the CSS does not parse (${e.reason ?? e.message})` }];
  }
  const violations: CssViolation[] = [];
  const add = (rule: string, node: { source?: { start?: { line: number } } }, message: string) => violations.push({ rule, line: node.source?.start?.line ?? 1, message });
  const insideKeyframes = (node: Rule) => {
    for (let p: { type: string; parent?: unknown } | undefined = node.parent; p; p = p.parent as typeof p) if (p.type === 'atrule' && /keyframes$/i.test((p as AtRule).name)) return true;
    return false;
  };
  root.walk((node) => {
    if (node.type === 'atrule') {
      const name = node.name.toLowerCase();
      if (!ALLOWED_AT_RULES.has(name)) add(name === 'import' ? 'css-no-import' : 'css-at-rule', node, `@${node.name} is not allowed in a CSS module`);
      else {
        const problem = cssProblem(node.params);
        if (problem) add('css-url', node, `@${node.name}: ${problem}`);
      }
    } else if (node.type === 'rule') {
      if (insideKeyframes(node)) return;
      const problem = selectorProblem(node.selector);
      if (problem) add('css-own-classes', node, problem);
    } else if (node.type === 'decl') {
      const decl = node as Declaration;
      const problem = cssProblem(`${decl.prop}:${decl.value}`);
      if (problem) add(/script/.test(problem) ? 'css-no-script' : /@import/.test(problem) ? 'css-no-import' : 'css-url', decl, `${decl.prop}: ${problem}`);
    }
  });
  return violations.sort((a, b) => a.line - b.line);
}

/** Throws a POLICY error naming the file, the first rules broken and their lines. */
export async function assertCssPolicy(css: string, file: string): Promise<void> {
  const violations = await checkCssPolicy(css);
  if (violations.length === 0) return;
  const list = violations.slice(0, 5).map((v) => `rule ${v.rule} at line ${v.line}: ${v.message}`).join('; ');
  throw new Ui2CodeError('POLICY', `generated CSS refused by the safety policy: ${list}${violations.length > 5 ? ` (and ${violations.length - 5} more)` : ''}`, { file });
}

/**
 * Tailwind arbitrary values and properties (`bg-[url(…)]`, `[background:url(…)]`) are CSS written inside a class
 * name: the same value rules apply to everything between brackets in the component's strings.
 */
export function checkTailwindClasses(code: string): CssViolation[] {
  const violations: CssViolation[] = [];
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/\[([^\]\s]*)\]/g)) {
      const value = cssUnescape(match[1].replace(/_/g, ' '));
      const problem = cssProblem(value) ?? (/\b(?:url|image|image-set|src)\s*\(/i.test(value) ? 'images from class names are not allowed' : null);
      if (problem) violations.push({ rule: 'tailwind-arbitrary-value', line: index + 1, message: `class '${match[0]}': ${problem}` });
    }
  });
  return violations;
}

export function assertTailwindClasses(code: string, file: string): void {
  const violations = checkTailwindClasses(code);
  if (violations.length === 0) return;
  const list = violations.slice(0, 5).map((v) => `rule ${v.rule} at line ${v.line}: ${v.message}`).join('; ');
  throw new Ui2CodeError('POLICY', `generated code refused by the safety policy: ${list}`, { file });
}
