// The `inline` style: every element's entries as a React style object, `style={{ ... }}`.
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

export function inlineSink(_options: { exact?: boolean } = {}): StyleSink {
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
