// Layout: the boxes and texts found in a design as a containment tree, cut into rows and columns (XY-cut) and laid out
// with flexbox: each item's offset from the previous one becomes a margin, so the flow reproduces the measured
// positions exactly. Only a group that no straight cut separates (overlapping items) falls back to absolute positions.
import type { FittedText } from './fit.js';
import type { Rect, Region } from './segment.js';

/** One thing to place: a box (with its own content) or a text line, by the rectangle of its element. */
export type Item = (
  | { kind: 'region'; region: Region; content: Item[] }
  | { kind: 'text'; text: FittedText; index: number }
) & Rect & {
  /** What must not overlap for a cut to pass between items: a text's ink (line boxes of stacked lines overlap). */
  core: Rect;
};

/** A laid-out node: where an item goes in its parent's flow. */
export type Node =
  | { kind: 'item'; item: Item; marginTop: number; marginLeft: number; children: Node[] }
  | { kind: 'group'; direction: 'row' | 'column'; marginTop: number; marginLeft: number; children: Node[] }
  | { kind: 'free'; marginTop: number; marginLeft: number; width: number; height: number; items: Array<{ item: Item; left: number; top: number; children: Node[] }> };

/**
 * The element box of a text: its CSS position, one line high, wide enough for its ink. Its width is whole, so what
 * follows it in a row starts on a whole pixel (a natural width is fractional: text after it would blur).
 */
export function textRect(t: FittedText): Rect {
  return { x: t.left, y: t.top, width: Math.ceil(t.x + t.width - t.left + 1), height: t.lineHeight };
}

const inside = (inner: Rect, outer: Rect) => {
  const cx = inner.x + inner.width / 2, cy = inner.y + inner.height / 2;
  return cx >= outer.x && cx < outer.x + outer.width && cy >= outer.y && cy < outer.y + outer.height;
};

/** Each text goes into the innermost box that holds its centre; boxes keep their detected children. */
export function containmentTree(regions: Region[], texts: FittedText[]): Item[] {
  const build = (rs: Region[], ts: Array<{ text: FittedText; index: number }>): Item[] => {
    const items: Item[] = [];
    let rest = ts;
    for (const region of rs) {
      const mine = region.kind === 'box' ? rest.filter((t) => inside(textRect(t.text), region)) : [];
      rest = rest.filter((t) => !mine.includes(t));
      const rect = { x: region.x, y: region.y, width: region.width, height: region.height };
      items.push({ kind: 'region', region, content: region.kind === 'box' ? build(region.children, mine) : [], ...rect, core: rect });
    }
    for (const t of rest) items.push({ kind: 'text', text: t.text, index: t.index, ...textRect(t.text), core: { x: t.text.x, y: t.text.y, width: t.text.width, height: t.text.height } });
    return items;
  };
  return build(regions, texts.map((text, index) => ({ text, index })));
}

/** Intervals of items along one axis, merged where they overlap: the bands a straight cut separates. */
function bands(items: Item[], axis: 'x' | 'y'): Item[][] {
  const size = axis === 'x' ? 'width' : 'height';
  const sorted = [...items].sort((a, b) => a.core[axis] - b.core[axis] || b.core[size] - a.core[size] || (a.kind === 'text' && b.kind === 'text' ? a.index - b.index : 0));
  const out: Item[][] = [];
  let end = -Infinity;
  for (const item of sorted) {
    const { [axis]: start, [size]: length } = item.core;
    if (out.length && start < end - 0.5) {
      out[out.length - 1].push(item);
      end = Math.max(end, start + length);
    } else {
      out.push([item]);
      end = start + length;
    }
  }
  return out;
}

const bounds = (items: Item[]): Rect => {
  const x = Math.min(...items.map((i) => i.x)), y = Math.min(...items.map((i) => i.y));
  return { x, y, width: Math.max(...items.map((i) => i.x + i.width)) - x, height: Math.max(...items.map((i) => i.y + i.height)) - y };
};

/**
 * How a grid of items (rows whose cells line up in columns) is read: row by row, as a table is, or column by column, as
 * link columns under their headings are. Both place every item where it was found; they differ in the order of the
 * elements, which is what a responsive design's widths are matched by (the columns stack on a phone).
 */
export type Reading = 'rows' | 'columns';

/** The content of a box, laid out from its origin (its padding-box corner). */
export function layoutContent(items: Item[], origin: { x: number; y: number }, reading: Reading = 'rows'): Node[] {
  return cut(items, origin, 'column', reading);
}

function itemNode(item: Item, marginTop: number, marginLeft: number, reading: Reading): Node {
  const children = item.kind === 'region' ? layoutContent(item.content, contentOrigin(item.region), reading) : [];
  return { kind: 'item', item, marginTop, marginLeft, children };
}

/**
 * Rows that are one grid of columns: two or more rows of two or more items each, whose items fall into two or more
 * columns (bands along x), each column holding items of at least two rows.
 */
function isColumnGrid(rows: Item[][]): boolean {
  if (rows.length < 2 || rows.some((row) => row.length < 2)) return false;
  const columns = bands(rows.flat(), 'x');
  return columns.length >= 2 && columns.every((column) => rows.filter((row) => row.some((item) => column.includes(item))).length >= 2);
}

/** The bands of a column flow with each longest run of rows that forms a grid of columns joined into one band. */
export function joinColumnGrids(rows: Item[][]): Item[][] {
  const out: Item[][] = [];
  for (let i = 0; i < rows.length; ) {
    let end = i + 1;
    while (end < rows.length && isColumnGrid(rows.slice(i, end + 1))) end++;
    out.push(end - i >= 2 ? rows.slice(i, end).flat() : rows[i]);
    i = end;
  }
  return out;
}

export function contentOrigin(region: Region): { x: number; y: number } {
  const b = region.border?.width ?? 0;
  return { x: region.x + b, y: region.y + b };
}

/**
 * Items cut along the flow's main axis; each band is an item or a group cut the other way. Margins are measured between
 * element boxes (they may be negative where line boxes overlap), so the flow puts every element where it was found.
 */
function cut(items: Item[], origin: { x: number; y: number }, direction: 'row' | 'column', reading: Reading): Node[] {
  const main = direction === 'column' ? 'y' : 'x';
  // Read by columns, a grid's rows are one band: cut across, it falls into its columns first.
  const groups = direction === 'column' && reading === 'columns' ? joinColumnGrids(bands(items, main)) : bands(items, main);
  const nodes: Node[] = [];
  let cursor = origin[main];
  for (const group of groups) {
    const box = bounds(group);
    // Whole-pixel offsets; along the flow the cursor follows where the rounded offsets put things, so rounding never
    // adds up to more than half a pixel.
    const top = Math.round(direction === 'column' ? box.y - cursor : box.y - origin.y);
    const left = Math.round(direction === 'row' ? box.x - cursor : box.x - origin.x);
    if (group.length === 1) {
      nodes.push(itemNode(group[0], top, left, reading));
    } else {
      const other = direction === 'column' ? 'row' : 'column';
      const across = bands(group, other === 'column' ? 'y' : 'x');
      if (across.length > 1) {
        nodes.push({ kind: 'group', direction: other, marginTop: top, marginLeft: left, children: cut(group, { x: box.x, y: box.y }, other, reading) });
      } else {
        // Overlapping items: nothing separates them, so they keep absolute positions within their group's box.
        nodes.push({
          kind: 'free',
          marginTop: top,
          marginLeft: left,
          width: box.width,
          height: box.height,
          items: group.map((item) => ({ item, left: item.x - box.x, top: item.y - box.y, children: item.kind === 'region' ? layoutContent(item.content, contentOrigin(item.region), reading) : [] })),
        });
      }
    }
    cursor = direction === 'column' ? cursor + top + box.height : cursor + left + box.width;
  }
  return nodes;
}
