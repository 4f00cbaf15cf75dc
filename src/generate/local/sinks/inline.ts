// The `inline` style: every element's entries as a React style object, `style={{ ... }}`.
import { declarationsByWidth, mediaSheet, scopedClass, splitByWidth, type BreakpointSink } from '../../breakpoints.js';
import type { StyleEntries, StyleSink, Theme } from '../../style.js';
import { cleanLength, COLOR_PATTERN, cleanColor, repeatedColors, withVariables, type Snap } from './values.js';

/** A number as the code shows it: whole where it is whole, else one decimal (React adds `px` where CSS needs a unit). */
export const cssNumber = (n: number) => String(Math.round(n * 10) / 10 || 0);

/** A style object's text, for the inline sink and for any sink that keeps per-element values inline (`dynamic`). */
export function styleObject(entries: StyleEntries, dynamic: Array<[property: string, expression: string]> = []): string {
  const set = new Set(dynamic.map(([k]) => k));
  const parts = entries
    .filter(([k, v]) => v !== undefined && !set.has(k))
    // A custom property is not an identifier: its key is quoted.
    .map(([k, v]) => `${k.startsWith('--') ? JSON.stringify(k) : k}: ${typeof v === 'number' ? cssNumber(v) : JSON.stringify(v)}`);
  for (const [k, expression] of dynamic) parts.push(k === expression ? k : `${k}: ${expression}`);
  return `{ ${parts.join(', ')} }`;
}

/** React's unitless numbers, which no scale applies to. */
const UNITLESS = new Set(['fontWeight', 'lineHeight', 'opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'order']);

/**
 * `snap` (values.ts) cleans values onto the scale; without it the entries are written as the emitter made them (the
 * engine's own measuring renders). `variables`: a colour written more than once is a custom property on the root
 * (`"--color-title": "#1f2a44"`, then `color: "var(--color-title)"`).
 */
export function inlineSink({ snap, theme, variables: useVariables = false }: { snap?: Snap; theme?: Theme; variables?: boolean } = {}): StyleSink {
  let variables = new Map<string, string>();
  const level = snap ?? 'exact';
  const clean = ([k, v]: StyleEntries[number]): StyleEntries[number] => {
    if (snap === undefined || v === undefined || k.startsWith('--')) return [k, v];
    if (typeof v === 'number') return [k, UNITLESS.has(k) ? v : cleanLength(k, v, level, theme)];
    const colours = v.replace(COLOR_PATTERN, (c) => cleanColor(c, theme, level)?.hex ?? c);
    return [k, withVariables(colours.replace(/(-?[\d.]+)px/g, (_, n: string) => `${cleanLength(k, Number(n), level, theme)}px`), variables, level, theme)];
  };
  let cast = false;
  return {
    style: 'inline',
    prepare(elements) {
      if (useVariables) variables = repeatedColors(elements, { snap: level, theme });
      // React's style type has no custom properties: the object that defines them says what it is.
      cast = variables.size > 0;
    },
    attr(entries, role, dynamic = []) {
      const own: StyleEntries = role === 'root' ? [...variables].map(([hex, name]): [string, string] => [name, hex]) : [];
      const object = styleObject([...own, ...entries.map(clean)], dynamic);
      if (object === '{  }') return '';
      return own.length ? ` style={${object} as CSSProperties}` : ` style={${object}}`;
    },
    imports: () => (cast ? ["import type { CSSProperties } from 'react';"] : []),
    css: () => undefined,
  };
}

/**
 * `inline` for a responsive design: what every width shares stays in `style={{}}`; what changes is a rule of a class
 * scoped to the component, in a `<style>` element the component renders (no `matchMedia`, no script: the browser
 * switches layouts itself, also before hydration). A style attribute would outrank the rules, so a changing property
 * is never written there.
 */
export function inlineBreakpointSink(component: string, widths: readonly number[]): BreakpointSink {
  const classes: Array<{ name: string; rules: string[][] }> = [];
  const byRules = new Map<string, string>();
  return {
    attr(perWidth, role) {
      const { shared, varying } = splitByWidth(perWidth);
      const object = styleObject(shared);
      const style = object === '{  }' ? '' : ` style={${object}}`;
      if (!varying.size) return style;
      const rules = declarationsByWidth(varying, widths.length);
      // Elements that change alike (the cards of a row that stacks) share one class.
      const key = JSON.stringify(rules);
      let name = byRules.get(key);
      if (!name) {
        name = scopedClass(component, role, classes.length + 1);
        classes.push({ name, rules });
        byRules.set(key, name);
      }
      return ` className="${name}"${style}`;
    },
    css: () => (classes.length ? mediaSheet(widths, classes) : undefined),
  };
}
