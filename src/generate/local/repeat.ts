// Structure from repetition: even spacing becomes a container's `gap`, and three or more siblings of one structure become
// an array of data and one `.map` (with a named sub-component with typed props when the repeated part has parts of its
// own). Values that differ between the copies become fields of the data; values that differ by less than a pixel's
// worth become one, so the copies stay where they were measured within a pixel.
import { get, isEl, isMap, without, withValue, type Child, type El, type Expr, type MapNode } from './jsx.js';

/** How far things may move for the structure: 0 everywhere is exact (only equal values merge). */
export interface Tolerance {
  /** px a copy may move for spacing to become one `gap`. */
  drift: number;
  /** px a copy's value may move to become the copies' common value (measured twice, one place is ±1 px). */
  value: number;
  /** Levels per channel within which colours are one colour measured twice. */
  colour: number;
}

export const LOOSE: Tolerance = { drift: 1.5, value: 2, colour: 8 };
export const EXACT: Tolerance = { drift: 0, value: 0, colour: 0 };

const mainMargin = (direction: 'row' | 'column') => (direction === 'row' ? 'marginLeft' : 'marginTop');
const margin = (e: El, property: string) => {
  const v = get(e, property);
  return typeof v === 'number' ? v : 0;
};

/**
 * The gap that places `items` (all after the first) within `drift` of where their margins put them, if there is one:
 * their margins along the flow, replaced by one gap, move no item by more than `drift`.
 */
function commonGap(items: El[], direction: 'row' | 'column', drift: number, least = 1): number | null {
  // An item pushed to the far end (`margin-left: auto`) keeps its margin: a gap would pack it with the rest.
  if (items.length < 2 || items.some((e) => get(e, 'position') === 'absolute' || get(e, mainMargin(direction)) === 'auto')) return null;
  const margins = items.map((e) => margin(e, mainMargin(direction)));
  const gap = Math.round(margins.reduce((a, b) => a + b, 0) / margins.length);
  if (gap < least) return null;
  let moved = 0;
  for (const m of margins) if (Math.abs((moved += gap - m)) > drift) return null;
  return gap;
}

/**
 * Even spacing in a flex container as `gap` (tables and their sections excepted: their rows are the table's items).
 * Returns how much longer (px) the container grew along its flow. A gap moves each item by at most `drift`, but the
 * container's end by their sum: the item after it along the same flow takes that back in its margin, so the gap never
 * moves what follows (a list's gap of 4 px for margins 4, 4, 3 moved the rest of a page's column a pixel down).
 */
export function evenGaps(el: El, { drift }: Tolerance = LOOSE): number {
  let grown = 0;
  el.children.forEach((c, i) => {
    if (!isEl(c)) return;
    const shift = evenGaps(c, { ...EXACT, drift });
    if (!shift || !el.direction || c.direction !== el.direction) return;
    const next = el.children[i + 1];
    const m = mainMargin(el.direction);
    if (next === undefined) grown += shift;
    else if (isEl(next) && get(next, 'position') !== 'absolute' && get(next, m) !== 'auto') next.style = withValue(next.style, m, margin(next, m) - shift || undefined);
  });
  if (!el.direction || el.tag === 'table' || el.children.length < 3 || !el.children.every(isEl)) return grown;
  const items = el.children as El[];
  const gap = commonGap(items.slice(1), el.direction, drift);
  if (gap === null) return grown;
  const m = mainMargin(el.direction);
  el.style = [...el.style, ['gap', gap]];
  const moved = items.slice(1).reduce((sum, item) => sum + gap - margin(item, m), 0);
  for (const item of items.slice(1)) item.style = without(item.style, m);
  return grown + moved;
}

/** Properties whose absence is a value: a copy without one has it at this. */
const NEUTRAL: Record<string, number> = { marginTop: 0, marginLeft: 0, letterSpacing: 0 };

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** The colour most copies have, when all of them are within `near` levels of it. */
export function oneColour(values: unknown[], near: number): string | undefined {
  if (!values.every((v) => typeof v === 'string' && /^#[0-9a-f]{6}$/.test(v))) return undefined;
  const counts = new Map<string, number>();
  for (const v of values as string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [best] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const c = channels(best);
  return (values as string[]).every((v) => channels(v).every((x, i) => Math.abs(x - c[i]) <= near)) ? best : undefined;
}

export const TEXT_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'li', 'span', 'td', 'th', 'label']);

/** The structure of an element, values aside: what copies must share. */
function shape(e: El): string {
  const attrs = e.attrs.map(([k, v]) => (typeof v === 'string' && k !== 'placeholder' && k !== 'aria-label' ? `${k}=${v}` : k));
  const keys = e.style.filter(([k, v]) => v !== undefined && !(k in NEUTRAL) && !(TEXT_TAGS.has(e.tag) && (k === 'width' || k === 'whiteSpace'))).map(([k]) => k);
  return `${e.tag}(${attrs})[${keys}]{${e.children.map((c) => (isEl(c) ? shape(c) : isMap(c) ? `M(${shape(c.body)})` : typeof c === 'string' ? 'T' : '?')).join(';')}}`;
}

/** A value of the data: a text, a number, or the rows of a run inside a repeated part. */
type Value = string | number | Row[];
type Row = Array<[field: string, value: Value]>;

/** A field of the data: its value in each copy. */
interface Field {
  name: string;
  values: Value[];
}

/** The rows of each data array by name, for a run nested in a repeated part to become a field of the outer rows. */
type Arrays = Map<string, Row[]>;

/** The body with its item's name made `to`: copies of a nested run name their items apart. */
const renamed = (body: El, from: string, to: string): El =>
  from === to ? body : (JSON.parse(JSON.stringify(body).replace(new RegExp(`\\b${from}\\.`, 'g'), `${to}.`)) as El);

const fieldBase: Record<string, string> = { title: 'title', label: 'label', item: 'label', price: 'price', text: 'text', option: 'option' };
const unique = (base: string, taken: Set<string>) => {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
};

/**
 * The template of a run: the first copy, its differing values replaced by fields (`ref(name)` gives the expression).
 * Returns null when the copies differ in more numbers than a template should carry.
 */
function template(copies: El[], direction: 'row' | 'column', tolerance: Tolerance, ref: (field: string) => string, arrays: Arrays = new Map()): { body: El; fields: Field[]; nested: string[] } | null {
  const fields: Field[] = [];
  const nested: string[] = [];
  const taken = new Set<string>(['key', 'id']);
  let numbers = 0;
  const field = (base: string, values: Value[]): Expr => {
    const name = unique(base, taken);
    fields.push({ name, values });
    return { expr: ref(name) };
  };
  const merge = (els: El[], top: boolean): El => {
    const [first] = els;
    const attrs = first.attrs.map(([k, v], i): El['attrs'][number] => {
      const values = els.map((e) => e.attrs[i][1]);
      return values.every((x) => x === v) || typeof v !== 'string' ? [k, v] : [k, field(k === 'aria-label' ? 'label' : k, values as string[])];
    });
    const style: El['style'] = [];
    const dynamic: NonNullable<El['dynamic']> = [];
    const keys = [...new Set(els.flatMap((e) => e.style.filter(([, v]) => v !== undefined).map(([k]) => k)))];
    for (const k of keys) {
      if (top && k === mainMargin(direction)) continue;
      // The last text of a row has no width of its own (nothing follows it): as a copy, it takes its box's.
      const implied = (e: El) => (k === 'width' && TEXT_TAGS.has(e.tag) ? e.box?.width : k === 'whiteSpace' && TEXT_TAGS.has(e.tag) ? 'nowrap' : NEUTRAL[k]);
      const values = els.map((e) => get(e, k) ?? implied(e));
      if (values.every((v) => v === values[0])) {
        if (values[0] !== NEUTRAL[k]) style.push([k, values[0]]);
        continue;
      }
      const colour = oneColour(values, tolerance.colour);
      if (colour) {
        style.push([k, colour]);
        continue;
      }
      // Lengths written with their unit (`lineHeight: '24px'`) compare as numbers.
      const unit = values.every((v) => typeof v === 'string' && /^-?\d+(\.\d+)?px$/.test(v)) ? 'px' : '';
      const numeric = unit ? values.map((v) => parseFloat(v as string)) : values;
      if (numeric.every((v) => typeof v === 'number')) {
        const sorted = [...(numeric as number[])].sort((a, b) => a - b);
        const mid = sorted[Math.floor(sorted.length / 2)];
        // A font size may wander as far as moves the line's end by `drift`; any other number by `value` px.
        const reach = k === 'fontSize' ? (tolerance.drift * mid) / Math.max(1, ...els.map((e) => e.box?.width ?? 1)) : tolerance.value;
        if (sorted[sorted.length - 1] - sorted[0] <= 2 * reach && sorted.every((v) => Math.abs(v - mid) <= reach)) {
          if (mid !== NEUTRAL[k]) style.push([k, unit ? `${mid}px` : mid]);
          continue;
        }
        numbers++;
      }
      if (values.some((v) => v === undefined)) return fail();
      dynamic.push([k, field(k, values as Array<string | number>).expr]);
    }
    const children = first.children.map((c, i): Child => {
      if (isEl(c)) return merge(els.map((e) => e.children[i] as El), false);
      if (isMap(c)) return mergeMaps(els.map((e) => e.children[i] as MapNode));
      if (typeof c !== 'string') return c;
      const values = els.map((e) => e.children[i] as string);
      return values.every((v) => v === c) ? c : field(fieldBase[first.role] ?? 'text', values);
    });
    return { ...first, attrs, style, dynamic: dynamic.length ? dynamic : undefined, children };
  };
  /**
   * A run inside each copy (a card's list of features): one map over a field of the data holding each copy's rows, when
   * the copies' runs print alike. A run of sub-components stays apart (each copy's part is its own).
   */
  const mergeMaps = (maps: MapNode[]): MapNode => {
    const [first] = maps;
    const rows = maps.map((m) => arrays.get(m.map));
    if (rows.some((r) => !r) || maps.some((m) => /^[A-Z]/.test(m.body.tag))) return fail();
    const bodies = maps.map((m) => JSON.stringify(renamed(m.body, m.item, first.item)));
    if (bodies.some((b) => b !== bodies[0])) return fail();
    nested.push(...maps.map((m) => m.map));
    return { map: field(first.map.replace(/\d+$/, ''), rows as Row[][]).expr, item: first.item, body: first.body };
  };
  class Mismatch extends Error {}
  const fail = (): never => {
    throw new Mismatch();
  };
  try {
    const body = merge(copies, true);
    return numbers > 3 ? null : { body, fields, nested };
  } catch (e) {
    if (e instanceof Mismatch) return null;
    throw e;
  }
}

/** The first word all copies' first text share, as a name (`Plan` from 'Starter plan', 'Team plan', 'Pro plan'). */
function nameFromContent(fields: Field[]): string | undefined {
  const text = fields.find((f) => f.values.every((v) => typeof v === 'string'));
  if (!text) return undefined;
  const words = (v: Value) => new Set(String(v).toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const [first, ...rest] = text.values.map(words);
  const common = [...first].find((w) => rest.every((s) => s.has(w)));
  return common && /^[a-z]+$/.test(common) ? common[0].toUpperCase() + common.slice(1) : undefined;
}

const roleName: Record<string, string> = { card: 'Card', button: 'Button', row: 'Row', stack: 'Item', field: 'Field', box: 'Item' };
const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);
const plural = (s: string) => (/(s|x|ch|sh)$/.test(s) ? `${s}es` : /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : `${s}s`);
const literal = (v: Value): string => (typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : `[${v.map(rowLiteral).join(', ')}]`);
const rowLiteral = (row: Row) => `{ ${row.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
/** The TypeScript type of a value of the data (a nested run's rows: an array of its first row's shape). */
const typeOf = (v: Value): string => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : `Array<{ ${(v[0] ?? []).map(([k, x]) => `${k}: ${typeOf(x)}`).join('; ')} }>`);

export interface Repeated {
  /** Module-level data arrays (`const plans = [...]`). */
  data: string[];
  /** Sub-components: name, typed props (a TypeScript type each) and the element they return. */
  parts: Array<{ name: string; props: Array<[name: string, type: string]>; body: El }>;
}

/** Tags a wrapper may not come between (a list's items, a table's rows and cells, a select's options). */
const CONTAINED = new Set(['li', 'tr', 'td', 'th', 'option', 'thead', 'tbody']);

/**
 * Rewrites runs of three or more siblings of one shape into data and a `.map`, in place, depth first. Document order
 * is kept (the data lists the copies in order), so the i-th text on the page stays the i-th.
 */
export function repeatRuns(root: El, componentName: string, tolerance: Tolerance = LOOSE): Repeated {
  const out: Repeated = { data: [], parts: [] };
  const names = new Set<string>([componentName]);
  const arrays: Arrays = new Map();
  const absorbed = new Set<string>();
  const visit = (el: El) => {
    for (const c of el.children) if (isEl(c)) visit(c);
    if (!el.direction) return;
    const kids = el.children;
    const next: Child[] = [];
    for (let i = 0; i < kids.length; ) {
      const c = kids[i];
      let end = i + 1;
      if (isEl(c)) while (end < kids.length && isEl(kids[end]) && shape(kids[end] as El) === shape(c)) end++;
      const run = kids.slice(i, end) as El[];
      const mapped = end - i >= 3 ? mapRun(run, el, i === 0 && end === kids.length) : null;
      if (mapped) next.push(mapped);
      else next.push(...kids.slice(i, end));
      i = end;
    }
    el.children = next;
  };

  /** One run as a `.map` (in a wrapper that takes the run's place, unless the run is all of a list's items). */
  const mapRun = (run: El[], parent: El, whole: boolean): Child | null => {
    const direction = parent.direction!;
    const m = mainMargin(direction);
    const firstMargin = margin(run[0], m);
    const bare = whole && firstMargin === 0 && !get(parent, 'gap');
    if (!bare && (CONTAINED.has(run[0].tag) || parent.tag === 'table')) return null;
    const gap = commonGap(run.slice(1), direction, tolerance.drift, 0);
    if (gap === null) return null;
    const composite = run[0].children.some(isEl);
    const byRole = roleName[run[0].role] ?? (composite ? 'Item' : undefined);
    const probe = template(run, direction, tolerance, (f) => f, arrays);
    if (!probe) return null;
    // Copies alike in every value (icons, bars, swatches of one colour) are still one run: their data is their ids.
    const part = composite && probe.fields.length > 0;
    const fromContent = part ? nameFromContent(probe.fields) : undefined;
    const partName = part ? unique(`${fromContent ?? ''}${byRole ?? 'Item'}`, names) : undefined;
    const itemName = partName ? lowerFirst(partName) : unique(run[0].role === 'item' ? 'item' : composite ? lowerFirst(byRole ?? 'Item') : run[0].role, names);
    const arrayName = unique(plural(itemName), names);
    const made = template(run, direction, tolerance, (f) => (partName ? f : `${itemName}.${f}`), arrays);
    if (!made) return null;
    const { body, fields } = made;
    for (const name of made.nested) absorbed.add(name);
    // A key that is stable: a field whose values are all different, else an id of our own.
    const keyField = fields.find((f) => new Set(f.values).size === f.values.length && f.values.every((v) => typeof v === 'string'));
    const rows = run.map((_, k): Row => [...(keyField ? [] : [['id', k + 1] as [string, Value]]), ...fields.map((f): [string, Value] => [f.name, f.values[k]])]);
    arrays.set(arrayName, rows);
    const key: Expr = { expr: `${itemName}.${keyField?.name ?? 'id'}` };
    let item: El;
    if (partName) {
      out.parts.push({ name: partName, props: fields.map((f) => [f.name, typeOf(f.values[0])]), body });
      item = { tag: partName, role: run[0].role, attrs: [['key', key], ...fields.map((f): El['attrs'][number] => [f.name, { expr: `${itemName}.${f.name}` }])], style: [], children: [] };
    } else item = { ...body, attrs: [['key', key], ...body.attrs] };
    const map = { map: arrayName, item: itemName, body: item };
    if (bare) {
      parent.style = [...parent.style, ['gap', gap]];
      return map;
    }
    return {
      tag: 'div',
      role: plural(itemName),
      attrs: [],
      style: [['flexShrink', 0], [m, firstMargin || undefined], ['display', 'flex'], ['flexDirection', direction], ['alignItems', 'flex-start'], ['gap', gap]],
      children: [map],
      direction,
    };
  };
  visit(root);
  // A run nested in a repeated part lives in the outer rows; the others are module-level arrays.
  out.data = [...arrays].filter(([name]) => !absorbed.has(name)).map(([name, rows]) => `const ${name} = [\n${rows.map((row) => `  ${rowLiteral(row)},`).join('\n')}\n];`);
  return out;
}

/** A sub-component's source lines, its styles through the sink's printer. */
export function partLines(part: Repeated['parts'][number], print: (el: El, indent: string) => string[]): string[] {
  const props = `${part.name}Props`;
  return [
    `interface ${props} {`,
    ...part.props.map(([name, type]) => `  ${name}: ${type};`),
    '}',
    '',
    `function ${part.name}({ ${part.props.map(([name]) => name).join(', ')} }: ${props}) {`,
    '  return (',
    ...print(part.body, '    '),
    '  );',
    '}',
  ];
}
