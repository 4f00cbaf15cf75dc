// The tailwind sink: each element's styles as utility classes from the theme (spacing scale, colour tokens, font sizes,
// radii), an arbitrary value (`w-[123.5px]`, `bg-[#1e2a3b]`) only where no token fits, and an arbitrary property
// (`[text-overflow:ellipsis]`) for what has no utility.
import { parseColor } from '../../color.js';
import type { StyleEntries, StyleSink, Theme as Tokens } from '../../style.js';

import { cleanColor, cleanLength, px, repeatedColors, withVariables, type Snap } from './values.js';

/** The theme, and how far values move onto its scales (values.ts). */
type Theme = Tokens & { snap: Snap };

const arbitrary = (value: string) => value.trim().replace(/_/g, '\\_').replace(/\s+/g, '_');
const fmt = (n: number) => String(Number(n.toFixed(3)));

/** `mt-4` for 16px on a 4px spacing unit (v4 takes any quarter step), a named token, else `mt-[13.5px]`. */
function spacing(prefix: string, value: number, theme: Theme): string {
  const negative = value < 0 ? '-' : '';
  const size = Math.abs(value);
  const unit = px(theme.spacing['1'] ?? '');
  if (size === 0) return `${prefix}-0`;
  const named = Object.entries(theme.spacing).find(([, v]) => px(v) === size)?.[0];
  if (named) return `${negative}${prefix}-${named}`;
  if (unit && Number.isInteger((size / unit) * 4)) return `${negative}${prefix}-${fmt(size / unit)}`;
  return `${negative}${prefix}-[${fmt(size)}px]`;
}

function color(prefix: string, text: string, theme: Theme): string {
  // A repeated colour off the palette is a custom property on the root: `text-(--color-title)`.
  const variable = /^var\((--[\w-]+)\)$/.exec(text.trim())?.[1];
  if (variable) return `${prefix}-(${variable})`;
  const clean = cleanColor(text, theme, theme.snap);
  if (!clean) return `${prefix}-[${arbitrary(text)}]`;
  return clean.token ? `${prefix}-${clean.token}` : `${prefix}-[${clean.hex}]`;
}

/** The token whose length equals `value` (±0.5 px), else an arbitrary value. */
function scaled(prefix: string, value: number, table: Record<string, string>, fallbackUnit = 'px', tolerance = 0.25): string {
  const token = Object.entries(table).find(([, v]) => Math.abs((px(v) ?? NaN) - value) <= tolerance)?.[0];
  if (token !== undefined) return token === 'DEFAULT' || token === '' ? prefix : `${prefix}-${token}`;
  return `${prefix}-[${fmt(value)}${fallbackUnit}]`;
}

const WEIGHTS: Record<string, string> = { 100: 'thin', 200: 'extralight', 300: 'light', 400: 'normal', 500: 'medium', 600: 'semibold', 700: 'bold', 800: 'extrabold', 900: 'black' };

const KEYWORDS: Record<string, Record<string, string>> = {
  position: { absolute: 'absolute', relative: 'relative', fixed: 'fixed', static: 'static', sticky: 'sticky' },
  display: { flex: 'flex', block: 'block', 'inline-block': 'inline-block', inline: 'inline', grid: 'grid', none: 'hidden', 'inline-flex': 'inline-flex' },
  flexDirection: { row: 'flex-row', column: 'flex-col', 'row-reverse': 'flex-row-reverse', 'column-reverse': 'flex-col-reverse' },
  alignItems: { 'flex-start': 'items-start', start: 'items-start', center: 'items-center', 'flex-end': 'items-end', end: 'items-end', stretch: 'items-stretch', baseline: 'items-baseline' },
  alignSelf: { stretch: 'self-stretch', 'flex-start': 'self-start', center: 'self-center', 'flex-end': 'self-end' },
  justifyContent: { 'flex-start': 'justify-start', center: 'justify-center', 'flex-end': 'justify-end', 'space-between': 'justify-between', 'space-around': 'justify-around' },
  overflow: { hidden: 'overflow-hidden', auto: 'overflow-auto', visible: 'overflow-visible' },
  textAlign: { left: 'text-left', center: 'text-center', right: 'text-right', justify: 'text-justify' },
  whiteSpace: { nowrap: 'whitespace-nowrap', pre: 'whitespace-pre', 'pre-wrap': 'whitespace-pre-wrap', normal: 'whitespace-normal' },
  boxSizing: { 'border-box': 'box-border', 'content-box': 'box-content' },
  listStyle: { none: 'list-none' },
  borderCollapse: { collapse: 'border-collapse', separate: 'border-separate' },
  borderStyle: { solid: 'border-solid', dashed: 'border-dashed', dotted: 'border-dotted', none: 'border-none' },
  fontStyle: { italic: 'italic', normal: 'not-italic' },
  flexWrap: { wrap: 'flex-wrap', nowrap: 'flex-nowrap' },
  textDecoration: { underline: 'underline', 'line-through': 'line-through', none: 'no-underline' },
  // A button's or a field's reset, as Tailwind writes it (not `[border:none]`, `[cursor:pointer]`).
  border: { none: 'border-none', '0': 'border-0' },
  cursor: { pointer: 'cursor-pointer', default: 'cursor-default' },
  resize: { none: 'resize-none' },
  marginLeft: { auto: 'ml-auto' },
};

const SIDES: Record<string, string[]> = { 1: ['', '', '', ''], 2: ['y', 'x', 'y', 'x'], 4: ['t', 'r', 'b', 'l'] };

/** `margin: 12px 0 0 8px` → `mt-3 mr-0 mb-0 ml-2`; one value → `m-3`; two → `my-… mx-…`. */
function box(prefix: 'm' | 'p', value: string | number, theme: Theme, prop: string): string[] {
  const parts = String(typeof value === 'number' ? `${value}px` : value).trim().split(/\s+/);
  const lengths = parts.map((p) => (p === '0' ? 0 : px(p)));
  if (lengths.some((l) => l === undefined) || !SIDES[parts.length]) return [`[${prop}:${arbitrary(String(value))}]`];
  const sides = parts.length === 1 ? [''] : parts.length === 2 ? ['y', 'x'] : ['t', 'r', 'b', 'l'];
  // Preflight zeroes every padding: `padding: 0 12px` is `px-3` alone.
  const set = sides.flatMap((side, i) => (prefix === 'p' && parts.length === 2 && lengths[i] === 0 ? [] : [[side, i] as const]));
  return set.map(([side, i]) => spacing(`${prefix}${side}`, cleanLength(prop, lengths[i]!, theme.snap, theme), theme));
}

/** `1px solid #e5e7eb` → `border border-solid border-gray-200`. */
function border(value: string, theme: Theme, side = ''): string[] | undefined {
  const m = /^(\d+(?:\.\d+)?)px\s+(solid|dashed|dotted|inset)\s+(.+)$/.exec(value.trim());
  if (!m) return undefined;
  const width = Number(m[1]);
  const b = side ? `border-${side}` : 'border';
  // Tailwind has no utility for `inset`, the browser's own two-tone frame.
  return [width === 1 ? b : `${b}-[${fmt(width)}px]`, m[2] === 'inset' ? '[border-style:inset]' : `border-${m[2]}`, color('border', m[3], theme)];
}

/** One property's value as utilities (also the responsive breakpoint layer's mapping: `min-[960px]:` + these). */
export function utilities(prop: string, value: string | number, theme: Theme): string[] {
  const length = typeof value === 'number' ? value : px(value);
  const keyword = KEYWORDS[prop]?.[String(value)];
  if (keyword) return [keyword];
  const lengthUtility: Record<string, string> = { width: 'w', height: 'h', minWidth: 'min-w', minHeight: 'min-h', maxWidth: 'max-w', maxHeight: 'max-h', top: 'top', left: 'left', right: 'right', bottom: 'bottom', gap: 'gap', rowGap: 'gap-y', columnGap: 'gap-x', marginTop: 'mt', marginLeft: 'ml', marginRight: 'mr', marginBottom: 'mb', paddingTop: 'pt', paddingLeft: 'pl', paddingRight: 'pr', paddingBottom: 'pb' };
  if (lengthUtility[prop] && length !== undefined) return [spacing(lengthUtility[prop], cleanLength(prop, length, theme.snap, theme), theme)];
  if (lengthUtility[prop] && value === '100%') return [`${lengthUtility[prop]}-full`];
  switch (prop) {
    case 'margin': return box('m', value, theme, prop);
    case 'padding': return box('p', value, theme, prop);
    case 'background': case 'backgroundColor': if (parseColor(String(value))) return [color('bg', String(value), theme)]; break;
    case 'color': return [color('text', String(value), theme)];
    case 'borderColor': return [color('border', String(value), theme)];
    case 'accentColor': return [color('accent', String(value), theme)];
    case 'border': return border(String(value), theme) ?? [`[border:${arbitrary(String(value))}]`];
    case 'borderTop': case 'borderBottom': case 'borderLeft': case 'borderRight':
      return border(String(value), theme, prop.slice(6, 7).toLowerCase()) ?? [`[${prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${arbitrary(String(value))}]`];
    case 'borderWidth': if (length !== undefined) return [length === 1 ? 'border' : `border-[${fmt(length)}px]`]; break;
    case 'borderRadius':
      if (length !== undefined) return [length >= 9999 ? 'rounded-full' : length === 0 ? 'rounded-none' : scaled('rounded', cleanLength(prop, length, theme.snap, theme), theme.radius, 'px', 0.01)];
      break;
    case 'fontSize': if (length !== undefined) return [scaled('text', cleanLength(prop, length, theme.snap, theme), theme.fontSize, 'px', 0.01)]; break;
    case 'lineHeight':
      if (typeof value === 'string' && length !== undefined) return [spacing('leading', cleanLength(prop, length, theme.snap, theme), theme)];
      return [`leading-[${arbitrary(String(value))}]`];
    case 'fontWeight': return [`font-${WEIGHTS[String(value)] ?? `[${value}]`}`];
    case 'fontFamily': {
      const first = String(value).split(',')[0].trim().replace(/^['"]|['"]$/g, '');
      const token = Object.entries(theme.fontFamily).find(([, stack]) => stack[0]?.toLowerCase() === first.toLowerCase())?.[0];
      // The whole stack, fallbacks included (the other styles write it too); spaces are Tailwind's underscores.
      const stack = String(value).split(',').map((f) => f.trim().replace(/"/g, "'")).join(',').replace(/ /g, '_');
      return [token ? `font-${token}` : `font-[${stack}]`];
    }
    case 'letterSpacing': if (length !== undefined) return [`tracking-[${fmt(length)}px]`]; break;
    case 'flex': if (Number(value) === 1) return ['flex-1']; break;
    case 'flexShrink': return [Number(value) === 0 ? 'shrink-0' : `shrink-[${value}]`];
    case 'flexGrow': return [Number(value) === 0 ? 'grow-0' : Number(value) === 1 ? 'grow' : `grow-[${value}]`];
    case 'opacity': return [`opacity-[${value}]`];
    case 'zIndex': return [`z-[${value}]`];
    case 'boxShadow': return [`shadow-[${arbitrary(String(value))}]`];
  }
  const kebab = prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return [`[${kebab}:${arbitrary(typeof value === 'number' ? `${value}px` : value)}]`];
}

/**
 * What Tailwind's preflight already sets on every element (`margin: 0; padding: 0; border: 0 solid; box-sizing:
 * border-box`), on lists and on tables: a class restating it is noise a reader deletes.
 */
const PREFLIGHT: Record<string, Array<string | number>> = { margin: [0, '0'], padding: [0, '0'], boxSizing: ['border-box'], border: ['none', 0, '0'], borderStyle: ['solid'], listStyle: ['none'], borderCollapse: ['collapse'] };
const preflightSets = ([prop, value]: [string, unknown]) => PREFLIGHT[prop]?.includes(value as string | number) ?? false;

const dynamicStyle = (dynamic?: Array<[string, string]>) => (dynamic?.length ? ` style={{ ${dynamic.map(([p, e]) => `${p}: ${e}`).join(', ')} }}` : '');

export function createTailwindSink({ theme: tokens, snap = 'scale' }: { theme: Tokens; snap?: Snap }): StyleSink {
  const theme: Theme = { ...tokens, snap };
  let variables = new Map<string, string>();
  return {
    style: 'tailwind',
    preflight: tokens.preflight,
    prepare(elements) {
      // Palette colours are theme classes already; a repeated colour off the palette is defined once on the root.
      variables = repeatedColors(elements, { snap, theme: tokens, keep: (_hex, token) => !token });
    },
    attr(entries: StyleEntries, role: string, dynamic?: Array<[string, string]>) {
      const own: StyleEntries = role === 'root' ? [...variables].map(([hex, name]): [string, string] => [name, hex]) : [];
      const values = entries.map(([prop, value]): [string, string | number | undefined] => [prop, typeof value === 'string' ? withVariables(value, variables, snap, tokens) : value]);
      const kept = tokens.preflight ? values.filter((entry) => !preflightSets(entry)) : values;
      let classes = [...own, ...kept].flatMap(([prop, value]) => (value === undefined ? [] : utilities(prop, value, theme)));
      // `border border-solid border-…`: preflight's `border: 0 solid` already makes every border solid.
      if (tokens.preflight) classes = classes.filter((c) => c !== 'border-solid');
      // A text with a theme font size and no line height of its own keeps the browser's, as the other styles do.
      if (classes.some((c) => /^text-(xs|sm|base|lg|\d?xl)$/.test(c)) && !entries.some(([p, v]) => p === 'lineHeight' && v !== undefined)) classes.push('leading-[normal]');
      const names = [...new Set(classes)].join(' ');
      return `${names ? ` className="${names}"` : ''}${dynamicStyle(dynamic)}`;
    },
    imports: () => [],
    css: () => undefined,
  };
}
