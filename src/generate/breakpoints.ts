// The breakpoint layer: how an element whose styles differ between a responsive design's viewports is written. The
// local emitter hands every element its entries at each width (null where the element is missing, so hidden); a sink
// turns that into code in its style: `inline` keeps what all widths share in `style={{}}` and writes the rest as rules
// of a scoped class in a `<style>` element; `css-modules` and `tailwind` plug in here with the same input (media
// queries in the module, `min-[768px]:` prefixes).
//
// Mobile first: the narrowest design's values are the base, each wider design's apply from its own width up
// (`@media (min-width: 768px)`), so at any viewport the layout of the widest design that fits is shown.
import type { StyleEntries } from './style.js';

/** One element at each viewport, narrowest first: its entries there, or null where it is hidden. */
export type PerWidth = Array<StyleEntries | null>;

export interface BreakpointSink {
  /** The element's attribute text (leading space included), or '' when it has no style. */
  attr(perWidth: PerWidth, role: string): string;
  /** The stylesheet the component renders for its rules (inline: the `<style>` element's text); undefined when none. */
  css(): string | undefined;
  /** The page has Tailwind's preflight: headings and controls inherit their font. */
  readonly preflight?: boolean;
}

/** CSS properties React writes without `px` when given a number. */
const UNITLESS = new Set(['fontWeight', 'flexShrink', 'flexGrow', 'opacity', 'zIndex', 'order', 'lineHeight', 'flex']);

const kebab = (property: string) => property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A value as CSS writes it: React's numbers are px where CSS needs a unit. */
export function cssValue(property: string, value: string | number): string {
  if (typeof value === 'string') return value;
  const n = String(Math.round(value * 10) / 10 || 0);
  return UNITLESS.has(property) || n === '0' ? n : `${n}px`;
}

const defined = (entries: StyleEntries) => new Map(entries.filter((e): e is [string, string | number] => e[1] !== undefined));

/**
 * Splits an element's entries into what every width shares (written once, where the style puts constant values) and
 * what changes: property → value at each width. A hidden width changes `display` (none there).
 */
export function splitByWidth(perWidth: PerWidth): { shared: StyleEntries; varying: Map<string, Array<string | number | undefined>> } {
  const maps = perWidth.map((e) => (e ? defined(e) : null));
  const properties = [...new Set(maps.flatMap((m) => (m ? [...m.keys()] : [])))];
  const hiddenSomewhere = maps.some((m) => m === null);
  const shared: StyleEntries = [];
  const varying = new Map<string, Array<string | number | undefined>>();
  for (const property of properties) {
    const values = maps.map((m) => m?.get(property));
    // Equal wherever the element is shown: where it is hidden its values do not matter.
    const shown = maps.filter((m) => m !== null);
    const first = shown[0]?.get(property);
    const same = first !== undefined && shown.every((m) => m.get(property) === first);
    if (same && !(hiddenSomewhere && property === 'display')) shared.push([property, first]);
    else varying.set(property, values);
  }
  // A shorthand in the style attribute would outrank a changing longhand's rules (`margin: 0` over `.c { margin-top }`):
  // a shorthand goes with its longhands, written first so they override it.
  for (const [shorthand] of shared.filter(([p]) => [...varying.keys()].some((v) => v !== p && v.startsWith(p)))) {
    shared.splice(shared.findIndex(([p]) => p === shorthand), 1);
    const values = maps.map((m) => m?.get(shorthand));
    const rest = [...varying];
    varying.clear();
    varying.set(shorthand, values);
    for (const [k, v] of rest) varying.set(k, v);
  }
  // A changing shorthand is written in the rules: its longhands follow it there, or it would override them (a module's
  // rules all weigh the same, so only their order decides).
  for (const [longhand, value] of shared.filter(([p]) => [...varying.keys()].some((v) => v !== p && p.startsWith(v)))) {
    shared.splice(shared.findIndex(([p]) => p === longhand), 1);
    varying.set(longhand, maps.map((m) => (m ? value : undefined)));
  }
  if (hiddenSomewhere && !varying.has('display')) varying.set('display', maps.map(() => undefined));
  if (hiddenSomewhere) varying.set('display', varying.get('display')!.map((v, i) => (maps[i] === null ? 'none' : v)));
  return { shared, varying };
}

/**
 * What a property the element does not set at a width is written as there: `unset` (inherited from the parent, or the
 * initial value), except `display`, which goes back to the element's own (`revert`: a div's block, a li's list-item).
 */
const unsetValue = (property: string) => (property === 'display' ? 'revert' : 'unset');

/** The rules of one class for each width: `[selector body at widths[0] (base), …]`. */
export function declarationsByWidth(varying: Map<string, Array<string | number | undefined>>, count: number): string[][] {
  const out: string[][] = Array.from({ length: count }, () => []);
  const changed = (property: string, i: number) => i > 0 && varying.get(property)![i] !== varying.get(property)![i - 1];
  for (const [property, values] of varying) {
    // A shorthand written again at a width resets its longhands there: they are written again after it.
    const reset = (i: number) => [...varying.keys()].some((s) => s !== property && property.startsWith(s) && changed(s, i));
    values.forEach((value, i) => {
      // Unchanged from the next narrower width: the base or an earlier query already says it.
      if (i > 0 && value === values[i - 1] && !(value !== undefined && reset(i))) return;
      if (i === 0 && value === undefined) return;
      out[i].push(`${kebab(property)}: ${value === undefined ? unsetValue(property) : cssValue(property, value)};`);
    });
  }
  return out;
}

/** A stylesheet from classes' per-width declarations: the base rules, then one `@media (min-width)` block per wider width. */
export function mediaSheet(widths: readonly number[], classes: Array<{ name: string; rules: string[][] }>): string {
  const lines: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    const rules = classes.filter((c) => c.rules[i].length).map((c) => `.${c.name} { ${c.rules[i].join(' ')} }`);
    if (!rules.length) continue;
    if (i === 0) lines.push(...rules);
    else lines.push(`@media (min-width: ${widths[i]}px) {`, ...rules.map((r) => `  ${r}`), '}');
  }
  return lines.join('\n');
}

/** A class name scoped to the component (`Plans` → `plans-card-3`): two components on one page never share a rule. */
export const scopedClass = (component: string, role: string, n: number) =>
  `${component.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-${role.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}`;

/**
 * `css-modules` for a responsive design: every element with a style gets a class of the component's module (shared
 * and changing values alike: a module's rules all have the same weight), its changing values in `@media (min-width)`
 * blocks of the same module. The component imports the module as `styles`.
 */
export function cssModuleBreakpointSink(widths: readonly number[]): BreakpointSink & { imports(component: string): string[] } {
  const classes: Array<{ name: string; rules: string[][] }> = [];
  return {
    attr(perWidth, role) {
      const { shared, varying } = splitByWidth(perWidth);
      if (!shared.length && !varying.size) return '';
      const name = `${role.replace(/[^A-Za-z0-9]+/g, '') || 'box'}${classes.length + 1}`;
      const rules = declarationsByWidth(varying, widths.length);
      // What every width shares goes first in the base rule: the changing values (and their media blocks) follow it.
      rules[0] = [...shared.filter(([, v]) => v !== undefined).map(([p, v]) => `${kebab(p)}: ${cssValue(p, v!)};`), ...rules[0]];
      classes.push({ name, rules });
      return ` className={styles.${name}}`;
    },
    css: () => (classes.length ? mediaSheet(widths, classes) : undefined),
    imports: (component) => [`import styles from './${component}.module.css';`],
  };
}

/**
 * Tailwind classes of a single property's value (the tailwind sink's own mapping, theme tokens and all). The default
 * writes Tailwind's arbitrary property (`[margin-top:16px]`), which any Tailwind understands.
 */
export type UtilitiesOf = (property: string, value: string | number) => string[];

const arbitraryUtility: UtilitiesOf = (property, value) => [`[${kebab(property)}:${cssValue(property, value).replace(/\s+/g, '_')}]`];

/**
 * `tailwind` for a responsive design: mobile first, as Tailwind itself is. The narrowest width's utilities carry no
 * prefix, each wider width's changes carry `min-[<width>px]:` (an arbitrary breakpoint at the design's own width, so
 * the layout switches where the designs do, whatever the project's screens are). A property a wider width no longer
 * sets is unset there (`min-[960px]:[margin-top:unset]`); a hidden width is `hidden` / `min-[…]:hidden`, shown again
 * with the element's own display.
 */
export function tailwindBreakpointSink(widths: readonly number[], utilities: UtilitiesOf = arbitraryUtility): BreakpointSink {
  return {
    attr(perWidth) {
      const { shared, varying } = splitByWidth(perWidth);
      const classes = shared.flatMap(([p, v]) => (v === undefined ? [] : utilities(p, v)));
      for (const [property, values] of varying) {
        values.forEach((value, i) => {
          if (i > 0 && value === values[i - 1]) return;
          if (i === 0 && value === undefined) return;
          const prefix = i === 0 ? '' : `min-[${widths[i]}px]:`;
          const own = property === 'display' && value === 'none' ? ['hidden'] : value === undefined ? [`[${kebab(property)}:${unsetValue(property)}]`] : utilities(property, value);
          classes.push(...own.map((c) => `${prefix}${c}`));
        });
      }
      return classes.length ? ` className="${classes.join(' ')}"` : '';
    },
    css: () => undefined,
  };
}
