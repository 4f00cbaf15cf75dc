// The `inline` style: every element's entries as a React style object, `style={{ ... }}`.
import { declarationsByWidth, mediaSheet, scopedClass, splitByWidth, type BreakpointSink } from '../../breakpoints.js';
import type { StyleEntries, StyleSink } from '../../style.js';

/** A number as the code shows it: whole where it is whole, else one decimal (React adds `px` where CSS needs a unit). */
export const cssNumber = (n: number) => String(Math.round(n * 10) / 10 || 0);

/** A style object's text, for the inline sink and for any sink that keeps per-element values inline (`dynamic`). */
export function styleObject(entries: StyleEntries, dynamic: Array<[property: string, expression: string]> = []): string {
  const set = new Set(dynamic.map(([k]) => k));
  const parts = entries
    .filter(([k, v]) => v !== undefined && !set.has(k))
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? cssNumber(v) : JSON.stringify(v)}`);
  for (const [k, expression] of dynamic) parts.push(k === expression ? k : `${k}: ${expression}`);
  return `{ ${parts.join(', ')} }`;
}

export function inlineSink(): StyleSink {
  return {
    style: 'inline',
    attr(entries, _role, dynamic = []) {
      const object = styleObject(entries, dynamic);
      return object === '{  }' ? '' : ` style={${object}}`;
    },
    imports: () => [],
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
