// One component from a responsive design's widths: the element trees the emitter builds for each width are matched
// (same texts in the same order, same colours for boxes without text) and merged into one tree whose elements carry
// their styles at every width. What one width has and another lacks stays in the tree, hidden where it is missing.
// A row at one width whose content is a run of siblings at another (cards side by side that stack on a phone) becomes
// one element whose direction changes: the run is wrapped at that width in a column that places it exactly as before.
//
// Each width's visible elements are exactly that width's tree, in its order, with its styles: the merged component
// draws every width as the single-width emitter would.
import type { ComponentSource, OutputStyle, StyleEntries } from '../style.js';
import type { BreakpointSink, PerWidth } from '../breakpoints.js';
import { attrText, get, isEl, plainText, type El } from './jsx.js';
import { fontBase, type Font } from './emit.js';

/** An element at every width (index: width, narrowest first); undefined where it is missing. */
export interface Merged {
  tag: string;
  role: string;
  attrs: El['attrs'];
  perWidth: PerWidth;
  children: Array<Merged | string>;
}

/** The texts an element shows, in order (placeholders count: they are what a field shows). */
function texts(el: El): string[] {
  const own = el.attrs.flatMap(([k, v]) => (k === 'placeholder' && typeof v === 'string' ? [v] : []));
  return [...own, ...el.children.flatMap((c) => (typeof c === 'string' ? [c] : isEl(c) ? texts(c) : []))];
}

/** How many texts two lists have in one common order (their longest common subsequence). */
export function commonOrder(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const t of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(t === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    prev = row;
  }
  return prev[b.length];
}

/**
 * One tree per width from each width's readings (its default one first): the combination whose texts come in the most
 * common order across the widths, since widths are matched by the order of their texts. Link columns read row by row
 * on desktop (Company Product Support About ...) share little order with the same columns stacked on a phone; read
 * column by column they share all of it. A tie keeps the earlier readings.
 */
export function chooseReadings(readings: El[][]): El[] {
  const orders = readings.map((options) => options.map(texts));
  let best: number[] = readings.map(() => 0), bestScore = -1;
  const visit = (picked: number[]) => {
    if (picked.length < readings.length) return orders[picked.length].forEach((_, r) => visit([...picked, r]));
    let score = 0;
    for (let a = 0; a < picked.length; a++) for (let b = a + 1; b < picked.length; b++) score += commonOrder(orders[a][picked[a]], orders[b][picked[b]]);
    if (score > bestScore) (best = picked), (bestScore = score);
  };
  visit([]);
  return best.map((r, w) => readings[w][r]);
}

const key = (el: El) => {
  const t = texts(el);
  return t.length ? `t:${t.join('\u0001')}` : `b:${el.tag}:${get(el, 'backgroundColor') ?? ''}:${el.children.length}`;
};

const isContainer = (el: El) => el.children.some(isEl);

/** A run of siblings at another width: a row, a stack, or a list (a menu of four items, two of them as lines on a tablet). */
const isGroup = (el: El) => el.role === 'row' || el.role === 'stack' || el.role === 'list';

/** Share of texts two containers have in common: a header whose menu collapses keeps its logo and its button. */
function overlap(a: El, b: El): number {
  const ta = texts(a), tb = [...texts(b)];
  if (!ta.length || !tb.length) return 0;
  let common = 0;
  for (const t of ta) {
    const i = tb.indexOf(t);
    if (i >= 0) (common++, tb.splice(i, 1));
  }
  return common / Math.max(ta.length, texts(b).length);
}

/**
 * How surely two containers are one element at two widths: the share of texts they have in common, and half a point
 * more for the same fill with a text in common (a bar that keeps its logo and colour while its menu collapses).
 */
function affinity(a: El, b: El): number {
  if (!isContainer(a) || !isContainer(b) || a.tag !== b.tag) return 0;
  const shared = overlap(a, b);
  const fill = get(a, 'backgroundColor');
  return shared + (shared > 0 && fill !== undefined && fill === get(b, 'backgroundColor') ? 0.5 : 0);
}

/** A column (or row) that holds a run of siblings where they were: no margin, no size of its own. */
const wrapper = (run: El[], direction: 'row' | 'column'): El => ({
  tag: 'div',
  role: direction === 'row' ? 'row' : 'stack',
  attrs: [],
  style: [['flexShrink', 0], ['display', 'flex'], ['flexDirection', direction], ['alignItems', 'flex-start']],
  children: run,
  direction,
});

/** The shortest run of `list` from `start` whose texts are `group`'s (at least one text), or 0. */
function runLength(group: El, list: El[], start: number): number {
  if (!isContainer(group)) return 0;
  const want = texts(group).join('\u0001');
  if (!want) return 0;
  const got: string[] = [];
  for (let m = 1; start + m <= list.length; m++) {
    got.push(...texts(list[start + m - 1]));
    const joined = got.join('\u0001');
    if (joined === want) return m;
    if (!want.startsWith(joined)) return 0;
  }
  return 0;
}


/** The longest run at the start of `list` whose texts all appear, in order, among `group`'s (at least one text each). */
function partialRun(group: El, list: El[]): number {
  const want = texts(group);
  let at = 0, m = 0;
  for (const el of list) {
    const got = texts(el);
    if (!got.length) break;
    let k = at;
    for (const t of got) {
      while (k < want.length && want[k] !== t) k++;
      if (k === want.length) return m;
      k++;
    }
    at = k;
    m++;
  }
  return m;
}

type Slot = Array<El | undefined>;

/**
 * Aligns the children of the elements matched so far (`slots`, one per merged child, per width up to `k - 1`) with
 * width `k`'s children; `directions` are the parents' flows per width (a wrapped run keeps its width's).
 */
function align(slots: Slot[], list: El[], k: number, directions: Array<'row' | 'column'>): Slot[] {
  const direction = directions[k];
  const rep = (slot: Slot) => {
    for (let w = k - 1; w >= 0; w--) if (slot[w]) return slot[w]!;
    return undefined;
  };
  const out: Slot[] = [];
  const only = (el: El): Slot => Object.assign(new Array<El | undefined>(k + 1).fill(undefined), { [k]: el });
  // The earlier widths' run of slots goes into one wrapper per width, each in that width's own flow; width k has `el`.
  const wrapRun = (run: Slot[], el: El): Slot => {
    const wrapped: Slot = new Array<El | undefined>(k + 1).fill(undefined);
    for (let w = 0; w < k; w++) {
      const els = run.map((s) => s[w]).filter((e): e is El => !!e);
      if (els.length) wrapped[w] = wrapper(els, directions[w]);
    }
    wrapped[k] = el;
    return wrapped;
  };
  let i = 0, j = 0;
  while (i < slots.length || j < list.length) {
    if (i >= slots.length) {
      out.push(only(list[j++]));
      continue;
    }
    const a = rep(slots[i]);
    if (!a || j >= list.length) {
      out.push([...slots[i++], undefined]);
      continue;
    }
    const b = list[j];
    if (key(a) === key(b)) {
      out.push([...slots[i++], list[j++]]);
      continue;
    }
    // A group here that is a run of siblings there (or the other way round): one element whose flow changes.
    const m = isGroup(a) ? runLength(a, list, j) : 0;
    if (m) {
      out.push([...slots[i++], m === 1 && isGroup(b) ? b : wrapper(list.slice(j, j + m), direction)]);
      j += m;
      continue;
    }
    const n = isGroup(b) ? runLength(b, slots.slice(i).map((s) => rep(s)!).filter(Boolean), 0) : 0;
    if (n) {
      out.push(wrapRun(slots.slice(i, i + n), b));
      i += n;
      j++;
      continue;
    }
    // Skip to the nearest exact match on either side; what lies before it is at one side only.
    const later = list.findIndex((e, x) => x > j && key(e) === key(a));
    const earlier = slots.findIndex((s, x) => x > i && rep(s) && key(rep(s)!) === key(b));
    if (later >= 0 && (earlier < 0 || later - j <= earlier - i)) {
      while (j < later) out.push(only(list[j++]));
      continue;
    }
    if (earlier >= 0) {
      while (i < earlier) out.push([...slots[i++], undefined]);
      continue;
    }
    // A group here that holds a run of siblings there and more (a bar whose menu is gone on a phone, its logo left).
    const p = isGroup(b) ? partialRun(b, slots.slice(i).map((x) => rep(x)!).filter(Boolean)) : 0;
    // A run of one that is the same container with items added (a tablet's bar and the desktop's with the whole
    // menu) is that container, not something wrapped in it.
    if (p === 1 && affinity(a, b) >= 0.5) {
      out.push([...slots[i++], list[j++]]);
      continue;
    }
    if (p) {
      out.push(wrapRun(slots.slice(i, i + p), b));
      i += p;
      j++;
      continue;
    }
    const q = isGroup(a) ? partialRun(a, list.slice(j)) : 0;
    if (q === 1 && affinity(a, b) >= 0.5) {
      out.push([...slots[i++], list[j++]]);
      continue;
    }
    if (q) {
      out.push([...slots[i++], wrapper(list.slice(j, j + q), direction)]);
      j += q;
      continue;
    }
    // The same container changed inside (a header whose menu collapses): the closest pair a few steps ahead on either
    // side, what lies before it kept at its own side only.
    let best: { di: number; dj: number; value: number } | null = null;
    for (let di = 0; di < 3 && i + di < slots.length; di++) {
      for (let dj = 0; dj < 3 && j + dj < list.length; dj++) {
        const r = rep(slots[i + di]);
        const value = r ? affinity(r, list[j + dj]) - 0.1 * (di + dj) : 0;
        if (value >= 0.5 && (!best || value > best.value)) best = { di, dj, value };
      }
    }
    if (best) {
      for (let n = 0; n < best.di; n++) out.push([...slots[i++], undefined]);
      for (let n = 0; n < best.dj; n++) out.push(only(list[j++]));
      out.push([...slots[i++], list[j++]]);
      continue;
    }
    out.push([...slots[i++], undefined]);
    out.push(only(list[j++]));
  }
  return out;
}

const padded = (slot: Slot, count: number): Slot => Array.from({ length: count }, (_, w) => slot[w]);

/**
 * A width's style for its element printed as another tag (a run of lines printed as the list it is at another width):
 * what that tag's own user-agent style adds (margins, a list's padding and markers) is reset first, as the emitter
 * resets it on the elements it writes with that tag.
 */
export function tagResets(tag: string, el: El): StyleEntries {
  if (el.tag === tag) return el.style;
  const own = new Set(el.style.map(([k]) => k));
  const list = tag === 'ul' || tag === 'ol';
  const needs: StyleEntries = [['margin', 0], ...(list ? ([['padding', 0], ['listStyle', 'none']] as StyleEntries) : [])];
  const margins = tag !== 'div' && tag !== 'span' && tag !== 'li';
  return [...needs.filter(([k]) => !own.has(k) && (k !== 'margin' || margins)), ...el.style];
}

/** Merges one element's versions (per width, widest first as given by the caller's order; undefined = missing). */
function mergeSlot(slot: Slot): Merged {
  const present = slot.filter((e): e is El => !!e);
  // Tag and attributes from the widest width that has the element (a heading on desktop stays one on a phone).
  const first = present[present.length - 1];
  const count = slot.length;
  const leaf = !present.some(isContainer) && present.every((e) => e.children.every((c) => typeof c === 'string'));
  const directions = slot.map((e) => e?.direction ?? 'column');
  let children: Merged['children'];
  if (leaf) children = first.children.filter((c): c is string => typeof c === 'string');
  else {
    let slots: Slot[] = [];
    for (let w = 0; w < count; w++) {
      const el = slot[w];
      const list = el ? el.children.filter(isEl) : [];
      slots = w === 0 ? list.map((c) => [c]) : align(slots.map((s) => padded(s, w)), list, w, directions);
    }
    children = slots.map((s) => mergeSlot(padded(s, count)));
  }
  const perWidth: PerWidth = slot.map((e) => (e ? (tagResets(first.tag, e).filter(([, v]) => v !== undefined) as StyleEntries) : null));
  return { tag: first.tag, role: first.role, attrs: first.attrs, perWidth, children };
}

/**
 * One tree from each width's tree. `roots` are ordered as the sink's widths are (narrowest first); the roots always
 * match each other (one component), their contents are aligned child by child.
 */
export function mergeTrees(roots: El[]): Merged {
  return mergeSlot(roots);
}

/**
 * A font weight or family only where the element would not draw in it anyway (emit.ts `plainFonts`, for one width),
 * judged at every width for the tag the merged component prints, and left out only where every width that shows the
 * element leaves it out: left out at one width alone, that width would print `unset` in its place (no shorter), which
 * inherits the parent's weight where a heading's own is bold.
 */
export function plainMergedFonts(el: Merged, preflight = false, inherited: Font[] = el.perWidth.map(() => ({ weight: 400 }))): void {
  const bases = inherited.map((font) => fontBase(el.tag, preflight, font));
  const next = el.perWidth.map((style, w): Font => {
    const weight = valueIn(style, 'fontWeight'), family = valueIn(style, 'fontFamily');
    return { weight: typeof weight === 'number' ? weight : bases[w].weight, family: typeof family === 'string' ? family : bases[w].family };
  });
  const shown = el.perWidth.flatMap((style, w) => (style ? [{ style, base: bases[w] }] : []));
  for (const [property, of] of [['fontWeight', (b: Font) => b.weight], ['fontFamily', (b: Font) => b.family]] as const) {
    const plain = shown.length > 0 && shown.every(({ style, base }) => valueIn(style, property) !== undefined && valueIn(style, property) === of(base));
    if (plain) el.perWidth = el.perWidth.map((style) => style && style.filter(([k]) => k !== property));
  }
  for (const c of el.children) if (typeof c !== 'string') plainMergedFonts(c, preflight, next);
}

const valueIn = (style: StyleEntries | null, property: string) => style?.find(([k]) => k === property)?.[1];

/** What emit.ts's `looseShrink` and `defaultStretch` leave out where it draws the same. */
const LEFT_OUT = ['flexShrink', 'alignItems', 'alignSelf'];

/**
 * `cleaned` (the widths' trees after the passes that leave declarations out, merged) with a declaration a pass left out
 * at some widths put back where another width keeps it: left out at one width alone, that width prints `unset` in its
 * place, no shorter than what it had. `raw` is the same widths' trees merged before those passes: the same shape.
 */
export function leftOutEverywhere(raw: Merged, cleaned: Merged): Merged {
  const perWidth = cleaned.perWidth.map((style, w) => {
    if (!style) return style;
    const back = LEFT_OUT.filter((p) => valueIn(style, p) === undefined && valueIn(raw.perWidth[w], p) !== undefined && cleaned.perWidth.some((other) => valueIn(other, p) !== undefined));
    return back.length ? [...style, ...raw.perWidth[w]!.filter(([k]) => back.includes(k))] : style;
  });
  const children = cleaned.children.map((c, i) => (typeof c === 'string' ? c : leftOutEverywhere(raw.children[i] as Merged, c)));
  return { ...cleaned, perWidth, children };
}

/** The merged tree's lines through a breakpoint sink. */
export function printMerged(el: Merged, indent: string, sink: BreakpointSink): string[] {
  const open = `${indent}<${el.tag}${el.attrs.map(attrText).join('')}${sink.attr(el.perWidth, el.role)}`;
  if (!el.children.length) return [`${open} />`];
  if (el.children.length === 1 && typeof el.children[0] === 'string') {
    const c = el.children[0];
    return [`${open}>${plainText(c) ? c : `{${JSON.stringify(c)}}`}</${el.tag}>`];
  }
  const lines = [`${open}>`];
  for (const c of el.children) lines.push(...(typeof c === 'string' ? [`${indent}  {${JSON.stringify(c)}}`] : printMerged(c, `${indent}  `, sink)));
  lines.push(`${indent}</${el.tag}>`);
  return lines;
}

/** Elements hidden at some width: what is missing there. */
export function hiddenCount(el: Merged): number {
  return (el.perWidth.some((p) => p === null) ? 1 : 0) + el.children.reduce((n, c) => n + (typeof c === 'string' ? 0 : hiddenCount(c)), 0);
}

/**
 * The component's source in its output style: for `inline` the `<style>` of its breakpoints (when any) beside the
 * merged tree; for `css-modules` the module import, the rules in the module's CSS; for `tailwind` classes only.
 */
export function responsiveComponent(name: string, root: Merged, sink: BreakpointSink & { imports?(component: string): string[] }, style: OutputStyle = 'inline'): ComponentSource {
  const body = printMerged(root, '      ', sink);
  const css = sink.css();
  const imports = sink.imports?.(name) ?? [];
  // The rules are ours (class names, lengths, colours, font stacks): nothing in them needs escaping in a template.
  if (style === 'inline' && css && /[`\\]|\$\{/.test(css)) throw new Error('breakpoint CSS cannot be written as a template literal');
  const lines = style === 'inline' && css ? ['    <>', `      <style>{\`\n${css}\n\`}</style>`, ...body, '    </>'] : body.map((l) => l.slice(2));
  const code = [...(imports.length ? [...imports, ''] : []), `export default function ${name}() {`, '  return (', ...lines, '  );', '}', ''].join('\n');
  return style === 'css-modules' ? { code, css: css ?? '' } : { code };
}
