// The component as a tree of elements before it is printed: the emitter builds it from the layout, the structure passes
// (gaps, repetition, landmarks) reshape it, and `printComponent` writes it with the style sink. Keeping the tree apart
// from the text lets a pass compare and rewrite elements without parsing code.
import type { StyleEntries, StyleSink } from '../style.js';
import type { Rect } from './segment.js';

/** A JavaScript expression written as is (a prop or a field of a `.map`'s item). */
export interface Expr {
  expr: string;
}

/** `{array.map((item) => <body />)}` */
export interface MapNode {
  map: string;
  item: string;
  body: El;
}

export type Child = El | string | Expr | MapNode;

export interface El {
  tag: string;
  /** What the element is (`card`, `title`, `button`): names classes and sub-components. */
  role: string;
  attrs: Array<[name: string, value: string | true | Expr]>;
  style: StyleEntries;
  /** Style entries whose values come from props or data. */
  dynamic?: Array<[property: string, expression: string]>;
  children: Child[];
  /** Where the element was measured (page coordinates), for the passes that read geometry. */
  box?: Rect;
  /** The main axis of a flex container's flow. */
  direction?: 'row' | 'column';
  /** A text element's lines (indexes into the fitted texts): one, or a paragraph's wrapped lines. */
  lines?: number[];
  /** The width of a button's label as the design draws it: padding around it can size the button instead of a width. */
  label?: number;
}

export const isEl = (c: Child): c is El => typeof c === 'object' && 'tag' in c;
export const isMap = (c: Child): c is MapNode => typeof c === 'object' && 'map' in c;
export const isExpr = (c: Child): c is Expr => typeof c === 'object' && 'expr' in c;

export const get = (el: El, property: string) => el.style.find(([k]) => k === property)?.[1];
export const without = (style: StyleEntries, ...properties: string[]) => style.filter(([k]) => !properties.includes(k));
/** The style with `property` at `value`: in its place where it has one, else last. */
export const withValue = (style: StyleEntries, property: string, value: StyleEntries[number][1]): StyleEntries =>
  style.some(([k]) => k === property) ? style.map(([k, v]) => [k, k === property ? value : v]) : [...style, [property, value]];

/** Text that can stand as JSX text as it is: no braces, tags or entities, and no spacing JSX would collapse. */
export const plainText = (s: string) => /^[^{}<>&\s](?:[^{}<>&\n]*[^{}<>&\s])?$/.test(s) && !/\s\s/.test(s);

export function attrText([name, value]: El['attrs'][number]): string {
  if (value === true) return ` ${name}`;
  if (typeof value === 'object') return ` ${name}={${value.expr}}`;
  return /^[\w .,:;!?%#()/-]*$/.test(value) ? ` ${name}="${value}"` : ` ${name}={${JSON.stringify(value)}}`;
}

/** The first text the element shows (its own or a descendant's), not counting data of a `.map`. */
export function firstText(el: El): string | undefined {
  for (const c of el.children) {
    const text = typeof c === 'string' ? c : isEl(c) ? firstText(c) : undefined;
    if (text && /[A-Za-z]/.test(text)) return text;
  }
  return undefined;
}

/** The element's lines, indented. */
export function printEl(el: El, indent: string, sink: StyleSink): string[] {
  const styled = el.style.some(([, v]) => v !== undefined) || el.dynamic?.length ? sink.attr(el.style, el.role, el.dynamic, firstText(el)) : '';
  const open = `${indent}<${el.tag}${el.attrs.map(attrText).join('')}${styled}`;
  if (!el.children.length) return [`${open} />`];
  if (el.children.length === 1 && !isEl(el.children[0]) && !isMap(el.children[0])) {
    const c = el.children[0];
    const text = typeof c === 'string' ? (plainText(c) ? c : `{${JSON.stringify(c)}}`) : `{${c.expr}}`;
    return [`${open}>${text}</${el.tag}>`];
  }
  const inner = `${indent}  `;
  const lines = [`${open}>`];
  for (const c of el.children) {
    if (isEl(c)) lines.push(...printEl(c, inner, sink));
    else if (isMap(c)) {
      const body = printEl(c.body, `${inner}    `, sink);
      if (body.length === 1) lines.push(`${inner}{${c.map}.map((${c.item}) => ${body[0].trimStart()})}`);
      else lines.push(`${inner}{${c.map}.map((${c.item}) => (`, ...body, `${inner}))}`);
    } else lines.push(typeof c === 'string' ? `${inner}{${JSON.stringify(c)}}` : `${inner}{${c.expr}}`);
  }
  lines.push(`${indent}</${el.tag}>`);
  return lines;
}

/** Every element of a tree, in document order (a map's body once). */
export function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) {
    if (isEl(c)) yield* walk(c);
    else if (isMap(c)) yield* walk(c.body);
  }
}
