// Layout: the boxes and texts found in a design as a containment tree, cut into rows and columns (XY-cut) and laid out
// with flexbox: each item's offset from the previous one becomes a margin, so the flow reproduces the measured
// positions exactly. Only a group that no straight cut separates (overlapping items) falls back to absolute positions.
import type { FittedText } from './fit.js';
import { colorDistance, type Rect, type Region, type Rgb } from './segment.js';

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
 * elements, which is what a responsive design's widths are matched by (the columns stack on a phone). `side-by-side`
 * reads by rows, except where columns of a page stand side by side with lines that do not line up across them: those
 * are read column by column (`joinSideBySide`), as people write a page's main column beside its sidebar.
 */
export type Reading = 'rows' | 'columns' | 'side-by-side';

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
  return columns.length >= 2 && inTwoRowsEach(columns, rows);
}

/** Whether every column holds items of two rows or more. */
const inTwoRowsEach = (columns: Item[][], rows: Item[][]) => columns.every((column) => rows.filter((row) => row.some((item) => column.includes(item))).length >= 2);

/**
 * The rows with each longest run from a row on that `verdict` takes joined into one band. A run's verdict is true
 * (join it), false (not this run, perhaps a longer one) or `stop` (no longer run either).
 */
function joinRuns(rows: Item[][], verdict: (run: Item[][]) => boolean | 'stop'): Item[][] {
  const out: Item[][] = [];
  for (let i = 0; i < rows.length; ) {
    let end = i + 1;
    for (let j = i + 2; j <= rows.length; j++) {
      const v = verdict(rows.slice(i, j));
      if (v === 'stop') break;
      if (v) end = j;
    }
    out.push(end - i >= 2 ? rows.slice(i, end).flat() : rows[i]);
    i = end;
  }
  return out;
}

/** The bands of a column flow with each longest run of rows that forms a grid of columns joined into one band. */
export const joinColumnGrids = (rows: Item[][]): Item[][] => joinRuns(rows, (run) => isColumnGrid(run) || 'stop');

/** The least gutter (px) between two columns of a page read as columns, not as rows across them. */
const GUTTER = 16;

/**
 * Whether a run of a column flow's bands is columns side by side: a straight gutter of GUTTER or more runs through the
 * whole run, every column holds items of two bands or more, and most bands that cross the gutter do not line up their
 * items (a table's cells do: it is read by rows).
 */
function sideBySide(rows: Item[][]): boolean | 'stop' {
  const columns = bands(rows.flat(), 'x');
  // A gutter, once closed, stays closed as the run grows.
  if (columns.length < 2) return 'stop';
  for (let i = 1; i < columns.length; i++) {
    const right = Math.max(...columns[i - 1].map((it) => it.x + it.width));
    const left = Math.min(...columns[i].map((it) => it.x));
    if (left - right < GUTTER) return 'stop';
  }
  const columnOf = (item: Item) => columns.findIndex((c) => c.includes(item));
  if (!inTwoRowsEach(columns, rows)) return false;
  const crossing = rows.filter((row) => new Set(row.map(columnOf)).size > 1);
  const aligned = crossing.filter((row) => {
    const tops = row.map((it) => it.y);
    return Math.max(...tops) - Math.min(...tops) <= 2;
  });
  // No band crossing the gutter is a column flow zigzagging between the columns: columns all the more.
  return crossing.length === 0 || aligned.length * 2 < crossing.length;
}

/** The bands of a column flow with each longest run of bands that is columns side by side joined into one band. */
export const joinSideBySide = (rows: Item[][]): Item[][] => joinRuns(rows, sideBySide);

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
  const groups = direction === 'row' ? bands(items, main) : reading === 'columns' ? joinColumnGrids(bands(items, main)) : reading === 'side-by-side' ? joinSideBySide(bands(items, main)) : bands(items, main);
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

/** Tailwind's spacing unit: the grid places and sizes snap to. */
export const GRID = 4;

/** `value` on the grid that runs through `origin`. */
const toGrid = (value: number, origin: number) => origin + Math.round((value - origin) / GRID) * GRID;

/**
 * How far (px) a text's glyphs may move for its box to sit on the grid. Text is where a move costs most (every stroke
 * is an edge); a text that would move further keeps its measured place, and only the lengths next to it leave the grid.
 */
export const TEXT_MOVE = 1;

/**
 * A text line's box on the grid, with the move of its glyphs. Across the line, the left edge snaps; down it, top and
 * line height are chosen together: the glyphs sit in the middle of the line box (half the leading above them), so a
 * line box on the grid whose middle is where the old one's was leaves them where they were measured (a Tailwind
 * design's line boxes are on the grid: its line heights are multiples of 4 px).
 */
export function gridLine(t: Pick<FittedText, 'left' | 'top' | 'lineHeight'>, origin: { x: number; y: number }): { left: number; top: number; lineHeight: number; dx: number; dy: number } {
  const left = toGrid(t.left, origin.x);
  const middle = t.top + t.lineHeight / 2;
  let best = { top: t.top, lineHeight: t.lineHeight, dy: Infinity };
  // Within a step of the fitted height there are two multiples of the grid, half a step apart in their middles: one of
  // them puts the middle within a pixel of where it was.
  for (let lineHeight = Math.max(GRID, Math.ceil((t.lineHeight - GRID) / GRID) * GRID); lineHeight <= t.lineHeight + GRID; lineHeight += GRID) {
    const top = toGrid(middle - lineHeight / 2, origin.y);
    const dy = top + lineHeight / 2 - middle;
    // The nearer middle wins; of equal ones, the line height nearer the fitted one (it was chosen for the font).
    if (Math.abs(dy) < Math.abs(best.dy) - 1e-9 || (Math.abs(Math.abs(dy) - Math.abs(best.dy)) < 1e-9 && Math.abs(lineHeight - t.lineHeight) < Math.abs(best.lineHeight - t.lineHeight))) best = { top, lineHeight, dy };
  }
  return { left, top: best.top, lineHeight: best.lineHeight, dx: left - t.left, dy: best.dy };
}

/**
 * A line box whose height is on the grid and whose glyphs do not move: a line height 2 px off the grid grows or
 * shrinks by 2 px while the top moves by 1 px the other way (the leading is split evenly above and below the glyphs).
 * The top goes the way that puts it on the grid, if one does. An odd line height has no such change and stays.
 */
export function steadyLine(t: Pick<FittedText, 'top' | 'lineHeight'>, origin: { y: number }): { top: number; lineHeight: number } {
  if (t.lineHeight % GRID !== 2 || !Number.isInteger(t.top)) return { top: t.top, lineHeight: t.lineHeight };
  const grown = { top: t.top - 1, lineHeight: t.lineHeight + 2 }, shrunk = { top: t.top + 1, lineHeight: t.lineHeight - 2 };
  return (shrunk.top - origin.y) % GRID === 0 && shrunk.lineHeight >= GRID ? shrunk : grown;
}

/** A box's edges on the grid of its parent's content; a side shorter than two steps (a rule, a mark) keeps its size. */
export function gridRect(r: Rect, origin: { x: number; y: number }): Rect {
  const side = (start: number, length: number, o: number): [number, number] => {
    const s = toGrid(start, o);
    if (length < 2 * GRID) return [s, length];
    return [s, Math.max(GRID, toGrid(start + length, o) - s)];
  };
  const [x, width] = side(r.x, r.width, origin.x);
  const [y, height] = side(r.y, r.height, origin.y);
  return { x, y, width, height };
}

/** Levels per channel below which a box's fill is its background's: moving its edge changes no pixel. */
const SEEN = 8;

/**
 * Pixels that change when a box's edges move: each moved edge sweeps its length once per pixel, where the box stands
 * out from what is behind it (by its fill or its border).
 */
export function boxMoveCost(from: Rect, to: Rect, visible: boolean): number {
  if (!visible) return 0;
  const dl = Math.abs(to.x - from.x), dr = Math.abs(to.x + to.width - from.x - from.width);
  const dt = Math.abs(to.y - from.y), db = Math.abs(to.y + to.height - from.y - from.height);
  return (dl + dr) * from.height + (dt + db) * from.width;
}

/** Pixels that change when a line's glyphs move: its ink, twice (where it was and where it lands), once moved a pixel. */
export function textMoveCost(t: Pick<FittedText, 'width' | 'height' | 'ink'>, dx: number, dy: number): number {
  return 2 * t.width * t.height * t.ink * Math.min(1, Math.abs(dx) + Math.abs(dy));
}

/** A text item with its line box at `left`/`top`/`lineHeight` and its glyphs moved by `dx`/`dy`. */
function placeLine(item: Extract<Item, { kind: 'text' }>, line: { left: number; top: number; lineHeight: number; dx: number; dy: number }, origin: { x: number }, widthOnGrid: boolean): Item {
  const t = item.text;
  const moved: FittedText = { ...t, left: line.left, top: line.top, lineHeight: line.lineHeight, x: t.x + line.dx, y: t.y + line.dy };
  const rect = textRect(moved);
  // The right edge on the grid too (never narrower: the line must not wrap), so what follows in a row starts on it.
  const width = widthOnGrid ? Math.ceil((rect.x + rect.width - origin.x) / GRID) * GRID + origin.x - rect.x : rect.width;
  return { ...item, text: moved, ...rect, width, core: { x: moved.x, y: moved.y, width: t.width, height: t.height } };
}

/**
 * One item moved onto the grid of `origin` (its content not yet), what that costs in changed pixels, and what it is if
 * the move is not bought (a text still takes a line height on the grid where its glyphs stay).
 */
function gridOption(item: Item, origin: { x: number; y: number }, behind: Rgb, textMove: number): { moved: Item; cost: number; kept: Item } {
  if (item.kind === 'text') {
    const t = item.text;
    const line = gridLine(t, origin);
    const across = Math.abs(line.dx) <= textMove, down = Math.abs(line.dy) <= textMove;
    const dx = across ? line.dx : 0, dy = down ? line.dy : 0;
    const steady = { left: t.left, dx: 0, dy: 0, ...steadyLine(t, origin) };
    const moved = placeLine(item, { ...steady, ...(across ? { left: line.left, dx } : {}), ...(down ? { top: line.top, lineHeight: line.lineHeight, dy } : {}) }, origin, across);
    return { moved, cost: textMoveCost(t, dx, dy), kept: placeLine(item, steady, origin, false) };
  }
  const r = item.region;
  const rect = r.control ? { ...gridRect({ ...r, width: 0, height: 0 }, origin), width: r.width, height: r.height } : gridRect(r, origin);
  const visible = !!r.border || colorDistance(r.fill, behind) > SEEN;
  return { moved: { ...item, region: { ...r, ...rect }, ...rect, core: rect }, cost: boxMoveCost(r, rect, visible), kept: item };
}

/**
 * The containment tree with its edges on the 4 px grid, each box on the grid of its parent's content edge, so the
 * margins, gaps and paddings the layout derives from edges are multiples of the grid and no error adds up along a flow:
 * nothing moves by more than half a step. Moves cost pixels, so they are bought within `budget` (changed pixels),
 * cheapest first, outer boxes before what they hold (a child's grid runs through its parent's edge, wherever that
 * ended up); what is not bought stays as measured. Form controls keep their size (the browser draws them).
 */
export function gridItems(items: Item[], origin: { x: number; y: number }, { budget = Infinity, behind = [255, 255, 255] as Rgb, textMove = TEXT_MOVE } = {}): Item[] {
  const chosen = new Map<Item, Item>();
  let left = budget;
  let level = items.map((item) => ({ item, origin, behind }));
  while (level.length) {
    const options = level.map((e) => ({ ...e, ...gridOption(e.item, e.origin, e.behind, textMove) })).sort((a, b) => a.cost - b.cost);
    level = [];
    for (const o of options) {
      const take = o.cost <= left;
      if (take) left -= o.cost;
      const item = take ? o.moved : o.kept;
      chosen.set(o.item, item);
      if (item.kind === 'region') level.push(...item.content.map((child) => ({ item: child, origin: contentOrigin(item.region), behind: item.region.fill })));
    }
  }
  const rebuild = (item: Item): Item => {
    const c = chosen.get(item)!;
    return c.kind === 'region' ? { ...c, content: c.content.map(rebuild) } : c;
  };
  return items.map(rebuild);
}
