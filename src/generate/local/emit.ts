// The analysis as a React component: one default-exported function (with sub-components for repeated parts), every
// style through the output style's sink. The layout (layout.ts) is flexbox rows and columns whose margins reproduce the
// measured positions; passes over the element tree (jsx.ts) then make it code a developer keeps: even spacing as `gap`,
// repeated siblings as data and one `.map` (repeat.ts), landmarks on pages. The output is the same for the same analysis.
import { fontStack } from '../../render/fonts.js';
import type { ComponentSource, StyleEntries, StyleSink } from '../style.js';
import type { Rect, Region, Rgb } from './segment.js';
import type { FittedText } from './fit.js';
import { containmentTree, gridItems, layoutContent, type Item, type Node, type Reading } from './layout.js';
import { controlOf, formSemantics, headingOrder, landmarks, listRuns, tableRuns } from './semantics.js';
import { get, isEl, isMap, printEl, walk, withValue, without, type El } from './jsx.js';
import { inlineSink } from './sinks/inline.js';
import { EXACT, LOOSE, TEXT_TAGS, evenGaps, oneColour, partLines, repeatRuns } from './repeat.js';
import { cleanText, oneColourPerShade, oneSizePerRow } from './tokens.js';
import { shadowCss } from './shadow.js';

export interface EmitInput {
  name: string;
  width: number;
  height: number;
  background: Rgb;
  regions: Region[];
  texts: FittedText[];
  /** Where the styles go; `inline` when not given. */
  sink?: StyleSink;
  /**
   * Exact: only equal values merge into a `gap`, a `.map` or a whole font size, so every element stays where it was
   * measured; the provider falls back to it where the clean code draws measurably worse.
   */
  exact?: boolean;
  /** How a grid of items is ordered (layout.ts): rows unless a responsive design's other widths read it by columns. */
  reading?: Reading;
  /**
   * Edges onto the 4 px grid (layout.ts `gridItems`), so the lengths the layout derives are on it too, for moves that
   * change at most `budget` pixels in all.
   */
  grid?: { budget: number };
  /**
   * Buttons centre their labels themselves, and a box or a line centred in its container is centred by the layout, not
   * by a margin (not in exact code). Off for the renders that correct the texts: a centred element does not move with
   * its measured place, which the corrections adjust.
   */
  centred?: boolean;
  /**
   * A paragraph's wrapped lines as one element that wraps (`flowParagraphs`), except the lines in `apart`. Not in the
   * renders that correct the texts: they measure each line as a DOM text of its own.
   */
  paragraphs?: { apart?: ReadonlySet<number> };
}

export interface Emitted extends ComponentSource {
  /** Index (into `texts`) of each text element in document order: the i-th DOM text is texts[order[i]]. */
  order: number[];
  /** Indexes of texts drawn as a field's placeholder or a select's option: the browser places those, not the component. */
  placeholders: number[];
  /** The lines merged into paragraphs, by paragraph: their text is one DOM text, so `order` no longer maps them. */
  paragraphs: number[][];
}

const hex = (c: Rgb) => `#${c.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
const px = (n: number) => Math.round(n * 10) / 10 || 0;

type Style = StyleEntries;

/** Offsets in the flow (margins) or in a free group (absolute). */
type Place = { marginTop: number; marginLeft: number } | { left: number; top: number };
const placement = (p: Place, margins: 'set' | 'reset' = 'set'): Style => {
  if ('left' in p) return [['position', 'absolute'], ['left', px(p.left)], ['top', px(p.top)], ['margin', 0]];
  // Text elements and form controls may have default margins: they get a reset, divs only the non-zero ones.
  return [['flexShrink', 0], ['margin', margins === 'reset' ? 0 : undefined], ['marginTop', px(p.marginTop) || undefined], ['marginLeft', px(p.marginLeft) || undefined]];
};

const flex = (direction: 'row' | 'column'): Style => [['display', 'flex'], ['flexDirection', direction], ['alignItems', 'flex-start']];

/** A heading for large text, a paragraph otherwise. */
const tagFor = (text: FittedText) => (isPrice(text.text) ? 'p' : text.fontSize >= 28 ? 'h1' : text.fontSize >= 21 ? 'h2' : 'p');
/** A price or an amount, however large, is not a heading. */
const isPrice = (s: string) => /^[$€£¥]\s?\d|^\d+([.,]\d+)?\s?[$€£¥%]/.test(s);

/** Where an element sits: the fill behind it (for controls), and the tag its text takes in a list, table or button. */
interface Context {
  behind: Rgb;
  textTag?: 'li' | 'td' | 'th' | 'span';
  /** Radio buttons side by side in one flow are one choice: they share a name. */
  radioName?: string;
  /** Right edge (page x) of the nearest box of fixed width: a text that ends well before it flows without a width. */
  right: number;
  /** Inside a form control, which does not inherit the page's font. */
  control?: boolean;
  /** The flow the element is placed in, and whether something follows it there. */
  direction?: 'row' | 'column';
  last?: boolean;
  /** In a group as wide as measured (`right` is its edge): a line that reaches the edge keeps to one line. */
  measured?: boolean;
}

/**
 * A button's one line when the button would place it where the design has it: its ink centred across the box, its line
 * box centred down it, each within a pixel.
 */
function centredLabel(r: Region, children: Node[], measured?: ReadonlySet<number>): Extract<Item, { kind: 'text' }> | undefined {
  const [only] = children;
  if (children.length !== 1 || only.kind !== 'item' || only.item.kind !== 'text') return undefined;
  const centred = measured ? measured.has(only.item.index) : centredIn1px(r, only.item.text);
  return centred ? only.item : undefined;
}

const centredIn1px = (r: Rect, t: FittedText) =>
  Math.abs(t.x + t.width / 2 - (r.x + r.width / 2)) <= 1 && Math.abs(t.top + t.lineHeight / 2 - (r.y + r.height / 2)) <= 1;

/**
 * The lines alone in a box and centred in it as measured. Decided before the grid moves boxes: a box moved onto the
 * grid (its label moved on its own, or not at all) no longer centres its label within a pixel, yet the button the
 * design shows still centres it, and the label written as its text goes with it.
 */
function centredAlone(items: Item[], found = new Set<number>()): Set<number> {
  for (const item of items) {
    if (item.kind !== 'region') continue;
    const [only] = item.content;
    if (item.content.length === 1 && only.kind === 'text' && centredIn1px(item.region, only.text)) found.add(only.index);
    centredAlone(item.content, found);
  }
  return found;
}

/** Runs of spaces, or spaces at an end, need `pre`; anything else flows as normal text. */
const needsPre = (s: string) => /^\s|\s$|\s\s/.test(s);

class Builder {
  order: number[] = [];
  placeholders: number[] = [];
  choices = 0;

  constructor(
    private readonly rootFamily: string,
    private readonly centredLabels = false,
    /** Labels centred as measured (`centredAlone`), where the boxes were moved after measuring. */
    private readonly measuredLabels?: ReadonlySet<number>,
    /** Groups followed in a row take their measured width (a responsive width's tree leaves them to the merge). */
    private readonly groupWidths = true,
  ) {}

  textStyle(t: FittedText, ctx: Context): Style {
    return [
      ['fontFamily', ctx.control || t.fontFamily !== this.rootFamily ? fontStack(t.fontFamily) : undefined],
      ['fontSize', t.fontSize],
      ['fontWeight', t.fontWeight],
      ['lineHeight', `${t.lineHeight}px`],
      ['letterSpacing', t.letterSpacing || undefined],
      ['color', hex(t.cssColor ?? t.color)],
    ];
  }

  item(item: Item, place: Place, children: Node[], ctx: Context): El {
    const box = { x: item.x, y: item.y, width: item.width, height: item.height };
    if (item.kind === 'text') {
      const t = item.text;
      const tag = ctx.textTag ?? tagFor(t);
      // A text keeps a width only where it could wrap (it ends near its container's edge), or where something follows
      // it in a row (its whole width puts the neighbour on a whole pixel); elsewhere it takes its natural width.
      const flows = ctx.direction === 'row' ? ctx.last : item.x + item.width + Math.max(4, item.width * 0.05) <= ctx.right;
      // At the edge of a group as wide as measured, this browser's line may be a fraction wider than the design's: it
      // must not wrap, and the group's width already holds what follows in place.
      const edge = !flows && ctx.measured && ctx.direction === 'column';
      const pre = needsPre(t.text);
      const style: Style = [
        ...placement(place, 'reset'),
        // In a button the line is a span (a button holds phrasing content only), laid out as a block.
        ['display', tag === 'span' ? 'block' : undefined],
        ['padding', tag === 'td' || tag === 'th' ? 0 : undefined],
        ['width', flows || edge ? undefined : item.width],
        ...this.textStyle(t, ctx),
        ['textAlign', tag === 'th' ? 'left' : undefined],
        ['whiteSpace', pre ? 'pre' : flows ? undefined : 'nowrap'],
      ];
      this.order.push(item.index);
      const role = isPrice(t.text) ? 'price' : tag === 'h1' || tag === 'h2' ? 'title' : tag === 'span' ? 'label' : tag === 'li' ? 'item' : 'text';
      return { tag, role, attrs: [], style, children: [t.text], box, lines: [item.index] };
    }
    const r = item.region;
    if (r.control) {
      const { type, checked, accent } = r.control;
      const style: Style = [...placement(place, 'reset'), ['width', r.width], ['height', r.height], ['accentColor', accent ? hex(accent) : undefined]];
      const attrs: El['attrs'] = [['type', type]];
      if (type === 'radio' && ctx.radioName) attrs.push(['name', ctx.radioName]);
      if (checked) attrs.push(['defaultChecked', true]);
      return { tag: 'input', role: type, attrs, style, children: [], box };
    }
    const control = controlOf(item, ctx.behind);
    const boxStyle: Style = [
      ...placement(place, control ? 'reset' : 'set'),
      ['width', r.width],
      ['height', r.height],
      // A colour, not `background`: a colour can come from data or props (it loads nothing), a background cannot.
      ['backgroundColor', hex(r.fill)],
      ['borderRadius', r.radius || undefined],
      ['border', r.border ? `${r.border.width}px ${r.border.style ?? 'solid'} ${hex(r.border.color)}` : control ? 'none' : undefined],
      ['boxShadow', r.shadow ? shadowCss(r.shadow) : undefined],
    ];
    if (control && control !== 'button') return this.field(control, item, boxStyle, ctx);
    const label = control === 'button' && this.centredLabels ? centredLabel(r, children, this.measuredLabels) : undefined;
    if (label) {
      // A button centres its label both ways: the label is its text, as people write it, with no span or margins. The
      // line box is centred whatever its height, so the line height places nothing and is left to the browser.
      this.order.push(label.index);
      const text = without(this.textStyle(label.text, { ...ctx, control: true }), 'lineHeight');
      const style: Style = [...boxStyle, ['boxSizing', r.border ? 'border-box' : undefined], ['padding', 0], ['cursor', 'pointer'], ...text, ['whiteSpace', needsPre(label.text.text) ? 'pre' : undefined]];
      // The label's advance as the browser lays it out in the face and size written (letter spacing follows every
      // letter); unmeasured, its ink and on each side the bearing its box starts before the ink.
      const t = label.text;
      const advance = t.em ? t.em * t.fontSize + (t.letterSpacing ?? 0) * [...t.text].length : t.width + 2 * Math.max(0, t.x - t.left);
      return { tag: 'button', role: 'button', attrs: [['type', 'button']], style, children: [label.text.text], box, label: advance };
    }
    const style: Style = [
      ...boxStyle,
      ['boxSizing', r.border ? 'border-box' : undefined],
      ...(control === 'button' ? ([['padding', 0], ['textAlign', 'left'], ['cursor', 'pointer']] as Style) : []),
      ...(children.length ? flex('column') : []),
    ];
    if (r.kind === 'image') return { tag: 'div', role: 'image', attrs: [['role', 'img'], ['aria-label', 'Image placeholder']], style, children: [], box };
    const b = r.border?.width ?? 0;
    const inner: Context = { behind: r.fill, textTag: control === 'button' ? 'span' : undefined, right: r.x + r.width - b, control: control === 'button' || ctx.control };
    return {
      tag: control === 'button' ? 'button' : 'div',
      role: control === 'button' ? 'button' : children.length ? 'card' : 'box',
      attrs: control === 'button' ? [['type', 'button']] : [],
      style,
      children: this.nodes(children, 'column', inner),
      box,
      direction: children.length ? 'column' : undefined,
    };
  }

  /**
   * A form field. Its line is the placeholder (a select's chosen option), which the browser places: centred in an
   * input or a select, at the top of a text area's padding; the insets and the font are ours to set. Chromium indents
   * a select's option by 4 px of its own.
   */
  field(control: 'input' | 'select' | 'textarea', item: Extract<Item, { kind: 'region' }>, boxStyle: Style, ctx: Context): El {
    const r = item.region;
    const line = item.content[0]?.kind === 'text' ? item.content[0] : undefined;
    const b = r.border?.width ?? 0;
    const own = control === 'select' ? 4 : 0;
    const inset = line ? Math.max(0, line.text.left - r.x - b - own) : 8 - own;
    const top = control === 'textarea' && line ? Math.max(0, line.text.top - r.y - b) : 0;
    const style: Style = [
      ...boxStyle,
      ['boxSizing', 'border-box'],
      ['padding', `${top ? `${px(top)}px` : 0} 0 0 ${px(inset)}px`],
      ...(line ? this.textStyle(line.text, { ...ctx, control: true }) : []),
      ['resize', control === 'textarea' ? 'none' : undefined],
    ];
    if (line) {
      this.order.push(line.index);
      this.placeholders.push(line.index);
    }
    const box = { x: r.x, y: r.y, width: r.width, height: r.height };
    if (control === 'select') return { tag: 'select', role: 'select', attrs: [], style, children: [{ tag: 'option', role: 'option', attrs: [], style: [], children: line ? [line.text.text] : [] }], box };
    const attrs: El['attrs'] = control === 'input' ? [['type', 'text']] : [];
    if (line) attrs.push(['placeholder', line.text.text]);
    return { tag: control, role: 'field', attrs, style, children: [], box };
  }

  nodes(nodes: Node[], direction: 'row' | 'column', outer: Context): El[] {
    const radios = nodes.filter((n) => n.kind === 'item' && n.item.kind === 'region' && n.item.region.control?.type === 'radio').length;
    const ctx = radios >= 2 ? { ...outer, radioName: `choice-${++this.choices}` } : { ...outer, radioName: undefined };
    const tables = ctx.textTag ? [] : tableRuns(nodes, direction);
    const lists = ctx.textTag ? [] : listRuns(nodes, direction);
    const out: El[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const table = tables.find(([start]) => start === i);
      const list = lists.find(([start]) => start === i);
      const last = i === nodes.length - 1;
      if (table) out.push(this.table(nodes.slice(table[0], table[1]) as Array<Extract<Node, { kind: 'group' }>>, ctx));
      else if (list) out.push(this.list(nodes.slice(list[0], list[1]), direction, { ...ctx, direction, last: list[1] === nodes.length }));
      else {
        out.push(this.node(nodes[i], { ...ctx, direction, last }));
        continue;
      }
      i = (table ?? list)![1] - 1;
    }
    return out;
  }

  node(node: Node, ctx: Context): El {
    if (node.kind === 'item') return this.item(node.item, node, node.children, ctx);
    if (node.kind === 'group') {
      // Followed in a row, a group is as wide as measured: what follows it starts where the design has it, not where
      // its texts' own widths in this browser would push it.
      const measured = this.groupWidths && ctx.direction === 'row' && !ctx.last;
      const children = this.nodes(node.children, node.direction, measured ? { ...ctx, right: rightOf(node), measured } : { ...ctx, measured: undefined });
      const box = union(children);
      const width = measured && box ? box.width : undefined;
      return { tag: 'div', role: node.direction === 'row' ? 'row' : 'stack', attrs: [], style: [...placement(node), ['width', width], ...flex(node.direction)], children, box, direction: node.direction };
    }
    const x = Math.min(...node.items.map((f) => f.item.x)), y = Math.min(...node.items.map((f) => f.item.y));
    const inner: Context = { ...ctx, right: x + node.width, direction: undefined, last: undefined };
    return {
      tag: 'div',
      role: 'layer',
      attrs: [],
      style: [...placement(node), ['position', 'relative'], ['width', node.width], ['height', node.height]],
      children: node.items.map((free) => this.item(free.item, { left: free.left, top: free.top }, free.children, inner)),
      box: { x, y, width: node.width, height: node.height },
    };
  }

  /** A run of lines as a list: the list takes the first item's offset along the flow, so every line stays in place. */
  list(items: Node[], direction: 'row' | 'column', ctx: Context): El {
    const [first, ...rest] = items as Array<Extract<Node, { kind: 'item' }>>;
    const along = direction === 'column' ? { marginTop: first.marginTop, marginLeft: 0 } : { marginTop: 0, marginLeft: first.marginLeft };
    const firstPlace = direction === 'column' ? { marginTop: 0, marginLeft: first.marginLeft } : { marginTop: first.marginTop, marginLeft: 0 };
    const inner = (last: boolean): Context => ({ ...ctx, textTag: 'li', direction, last });
    const children = [
      this.item(first.item, firstPlace, [], inner(!rest.length)),
      ...rest.map((node, i) => this.item(node.item, node, [], inner(i === rest.length - 1))),
    ];
    return { tag: 'ul', role: 'list', attrs: [], style: [...placement(along, 'reset'), ['padding', 0], ['listStyle', 'none'], ...flex(direction)], children, box: union(children), direction };
  }

  /**
   * Rows of text cells as a table. The table and its rows keep the flex layout that places every cell where it was
   * measured (its sections generate no box of their own); a first row in bold is the header.
   */
  table(rows: Array<Extract<Node, { kind: 'group' }>>, ctx: Context): El {
    // Short words are where weights are least sure: the header is the first row when most of it is bold and most of
    // the rest is not.
    const boldShare = (part: typeof rows) => {
      const cells = part.flatMap((row) => row.children);
      return cells.filter((c) => c.kind === 'item' && c.item.kind === 'text' && c.item.text.fontWeight >= 700).length / Math.max(1, cells.length);
    };
    const header = rows.length > 1 && boldShare(rows.slice(0, 1)) > 0.5 && boldShare(rows.slice(1)) < 0.5;
    // The table takes the first row's offset down the flow; rows keep their own offsets across it.
    const [first] = rows;
    const placeOf = (row: (typeof rows)[number]) => (row === first ? { marginTop: 0, marginLeft: row.marginLeft } : row);
    const contents: Style = [['display', 'contents']];
    const section = (tag: 'thead' | 'tbody', part: typeof rows, cellTag: 'th' | 'td'): El => ({
      tag,
      role: tag === 'thead' ? 'head' : 'body',
      attrs: [],
      style: contents,
      children: part.map((row): El => {
        const cells = row.children.map((cell, i): El => {
          const last = i === row.children.length - 1;
          if (cell.kind === 'item' && cell.item.kind === 'text') return this.item(cell.item, cell, [], { ...ctx, textTag: cellTag, direction: 'row', last });
          // A box of lines: the cell generates no box, so the box is laid out in the row as measured.
          const inner = this.node(cell, { ...ctx, direction: 'row', last });
          return { tag: cellTag, role: 'cell', attrs: [], style: contents, children: [inner], box: inner.box };
        });
        return { tag: 'tr', role: 'row', attrs: [], style: [...placement(placeOf(row)), ...flex('row')], children: cells, box: union(cells), direction: 'row' };
      }),
    });
    const sections = [...(header ? [section('thead', rows.slice(0, 1), 'th')] : []), section('tbody', header ? rows.slice(1) : rows, 'td')];
    return { tag: 'table', role: 'table', attrs: [], style: [...placement({ marginTop: first.marginTop, marginLeft: 0 }), ['borderCollapse', 'collapse'], ...flex('column')], children: sections, box: union(sections), direction: 'column' };
  }
}

/** The right edge (page x) of what a laid-out node holds. */
function rightOf(node: Node): number {
  if (node.kind === 'item') return node.item.x + node.item.width;
  if (node.kind === 'group') return Math.max(...node.children.map(rightOf));
  return Math.max(...node.items.map((f) => f.item.x + f.item.width));
}

function union(els: El[]): El['box'] {
  const boxes = els.flatMap((e) => (e.box ? [e.box] : []));
  if (!boxes.length) return undefined;
  const x = Math.min(...boxes.map((b) => b.x)), y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/** Text elements a paragraph's lines may be merged into: a button's or a list's lines are laid out by their own. */
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2']);
/** A line that starts with a bullet or a number is an item of its own, whatever its spacing. */
const MARKER = /^([•·▪‣◦*–—-]|\d+[.)])\s/;

const lengthOf = (v: unknown) => (typeof v === 'string' ? parseFloat(v) : typeof v === 'number' ? v : NaN);
/** Lines drawn in one style: the same font and line height, sizes, colours and spacings within what corrections leave apart. */
function oneStyle(a: El, b: El): boolean {
  for (const k of ['fontFamily', 'fontWeight', 'lineHeight', 'textAlign', 'display']) if (get(a, k) !== get(b, k)) return false;
  if (Math.abs(numberOr0(get(a, 'fontSize')) - numberOr0(get(b, 'fontSize'))) > 0.3) return false;
  if (!oneColour([get(a, 'color'), get(b, 'color')], 24)) return false;
  return Math.abs(numberOr0(get(a, 'letterSpacing')) - numberOr0(get(b, 'letterSpacing'))) <= 0.3;
}

/**
 * The single lines of one flow that may be one paragraph: text elements alone on their line, in one style, at one left
 * edge, stacked line under line at one pitch (a gap between them is a new paragraph).
 */
function lineRun(items: El[], from: number): number {
  const first = items[from];
  const single = (c: El) => PARAGRAPH_TAGS.has(c.tag) && c.children.length === 1 && typeof c.children[0] === 'string' && c.lines?.length === 1 && !!c.box && get(c, 'position') !== 'absolute' && get(c, 'whiteSpace') !== 'pre';
  if (!single(first)) return from + 1;
  const height = lengthOf(get(first, 'lineHeight'));
  if (!(height > 0)) return from + 1;
  let end = from + 1;
  let pitch: number | undefined;
  for (; end < items.length; end++) {
    const c = items[end];
    if (!single(c) || !oneStyle(first, c) || Math.abs(numberOr0(get(c, 'marginLeft')) - numberOr0(get(first, 'marginLeft'))) > 1) break;
    if (MARKER.test(c.children[0] as string)) break;
    const gap = numberOr0(get(c, 'marginTop'));
    // Line tops are whole pixels: one paragraph's pitch comes back a pixel apart from line to line.
    if (gap < -0.4 * height || gap > 0.25 * height || (pitch !== undefined && Math.abs(height + gap - pitch) > 1.1)) break;
    pitch ??= height + gap;
  }
  return end;
}

/** Roughly how wide a line's first word and the space before it are: the share of the line's width its characters take. */
const firstWordWidth = (line: El) => {
  const text = line.children[0] as string;
  const word = text.split(/\s/)[0];
  return (line.box!.width * (word.length + 0.3)) / Math.max(1, text.length);
};

/**
 * Where a run of lines breaks only because its width ran out: the next line's first word would have fitted on a line
 * as wide as the widest one. A shorter line followed by more is where a paragraph ends (or a title over its text).
 */
function wrappedRuns(lines: El[]): El[][] {
  if (lines.length < 2) return [lines];
  const widest = Math.max(...lines.map((l) => l.box!.width));
  const broken = lines.findIndex((l, i) => i < lines.length - 1 && l.box!.width + firstWordWidth(lines[i + 1]) <= widest + 1);
  return broken < 0 ? [lines] : [...wrappedRuns(lines.slice(0, broken + 1)), ...wrappedRuns(lines.slice(broken + 1))];
}

/** A paragraph's measures: its widest line, and the width at which its first break would not have happened. */
function measures(run: El[]): { widest: number; room: number } {
  return {
    widest: Math.max(...run.map((l) => l.box!.width)),
    room: Math.min(...run.slice(0, -1).map((l, i) => l.box!.width + firstWordWidth(run[i + 1]))),
  };
}

/**
 * Wrapped text, not a stack of short lines that happen to fit side by side ("Tools" over "Gloves"): its lines fill
 * most of their container, or hold several words each.
 */
const reads = (run: El[], available: number) =>
  measures(run).widest >= 0.6 * available || run.slice(0, -1).every((l) => (l.children[0] as string).trim().split(/\s+/).length >= 4);

/**
 * A paragraph's lines as one element that wraps, as people write a paragraph: one text, the lines' pitch as its line
 * height. The paragraphs of one container flow in it where its edge breaks their lines where the design does; else
 * they share one `maxWidth` just past their widest line (on the 4 px grid where that breaks them alike), as the
 * container's padding would. `right` is the content edge of the nearest box whose width is set. Lines in `apart` stay
 * lines of their own (a render showed their paragraph drawn worse). Returns the merged lines.
 */
function flowParagraphs(el: El, right: number, apart: ReadonlySet<number> = new Set()): number[][] {
  const merged: number[][] = [];
  if (el.direction === 'column' && el.tag !== 'ul' && el.tag !== 'button' && el.children.every(isEl)) {
    const items = el.children as El[];
    const runs: El[][] = [];
    for (let i = 0; i < items.length; ) {
      const end = lineRun(items, i);
      for (const run of wrappedRuns(items.slice(i, end))) {
        if (run.length >= 2 && !run.some((l) => apart.has(l.lines![0])) && reads(run, right - run[0].box!.x)) runs.push(run);
      }
      i = end;
    }
    if (runs.length) {
      const widest = Math.max(...runs.map((r) => measures(r).widest));
      const room = Math.min(...runs.map((r) => measures(r).room));
      const available = Math.min(...runs.map((r) => right - r[0].box!.x));
      const grid = Math.ceil((widest + 2) / 4) * 4;
      const width = available >= widest + 1 && available <= room - 4 ? undefined : grid <= room - 2 ? grid : Math.ceil(widest) + 3;
      for (const run of runs) {
        const paragraph = oneParagraph(run, width);
        // What follows sat under the last line's box, which was taller than the paragraph's last line.
        const next = items[items.indexOf(run[run.length - 1]) + 1];
        if (next && get(next, 'position') !== 'absolute') {
          const moved = px(numberOr0(get(next, 'marginTop')) + paragraph.shift) || undefined;
          next.style = withValue(next.style, 'marginTop', moved);
        }
        items.splice(items.indexOf(run[0]), run.length, paragraph.el);
        merged.push(paragraph.el.lines!);
      }
    }
  }
  for (const c of el.children) {
    if (isEl(c)) merged.push(...flowParagraphs(c, c.box && typeof get(c, 'width') === 'number' ? Math.min(right, c.box.x + c.box.width - borderOf(c)) : right, apart));
  }
  return merged;
}

function oneParagraph(run: El[], width: number | undefined): { el: El; shift: number } {
  const [first] = run;
  const height = lengthOf(get(first, 'lineHeight'));
  const gaps = run.slice(1).map((l) => numberOr0(get(l, 'marginTop')));
  const pitch = px(height + gaps.reduce((a, b) => a + b, 0) / gaps.length);
  // The glyphs sit in the middle of their line box: a shorter line box starts lower by half the difference.
  const shift = (height - pitch) / 2;
  // The glyphs are drawn on whole pixels: half a pixel of shift is a whole one either way, and the margin stays whole
  // (what it leaves over moves what follows back into place).
  const top = numberOr0(get(first, 'marginTop'));
  const moved = Math.round(top + shift);
  // Corrections leave a line's size, spacing or colour a little apart from its neighbours': the paragraph takes the
  // value most of its text has (a size a tenth off on two lines of three redraws every glyph of both).
  const most = (k: string) => {
    const weight = new Map<unknown, number>();
    for (const l of run) weight.set(get(l, k), (weight.get(get(l, k)) ?? 0) + (l.children[0] as string).length);
    return [...weight].sort((a, b) => b[1] - a[1])[0][0] as El['style'][number][1];
  };
  // Sizes a few tenths apart around a whole one are that size measured with noise.
  const sizes = run.map((l) => numberOr0(get(l, 'fontSize')));
  const whole = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
  const size = new Set(sizes).size > 1 && sizes.every((v) => Math.abs(v - whole) <= 0.4) ? whole : most('fontSize');
  const style: El['style'] = first.style.flatMap(([k, v]): El['style'] => {
    if (k === 'fontSize') return [[k, size]];
    if (k === 'letterSpacing' || k === 'color') return [[k, most(k)]];
    if (k === 'lineHeight') return [[k, `${pitch}px`]];
    if (k === 'marginTop') return [[k, moved || undefined]];
    return k === 'width' || k === 'whiteSpace' ? [] : [[k, v]];
  });
  if (width !== undefined) style.splice(style.findIndex(([k]) => k === 'fontFamily' || k === 'fontSize'), 0, ['maxWidth', width]);
  const text = run.map((l) => l.children[0] as string).reduce((a, b) => (/\w-$/.test(a) ? a + b : `${a} ${b}`));
  return { el: { ...first, style, children: [text], box: union(run), lines: run.map((l) => l.lines![0]) }, shift: shift + (top + shift - moved) };
}

/** Tags that take their width from their container when nothing sets one (a checkbox or a radio button does not). */
const STRETCHY = new Set(['div', 'ul', 'button', 'input', 'select', 'textarea', 'header', 'footer', 'nav', 'section']);

const borderOf = (el: El) => {
  const border = get(el, 'border');
  return typeof border === 'string' ? Number(/^([\d.]+)px/.exec(border)?.[1] ?? 0) : 0;
};

/**
 * What fills its container across a column is stretched, not sized: a box whose right edge is its container's content
 * edge, or as far from it as its left edge is from the other (a centred band), takes `alignSelf: stretch` (and the
 * right margin) instead of a width, so it follows its container as people's code does. With `centre`, what sits in the
 * middle of its container (a title, a button, a row of them) takes `alignSelf: center` instead of a left margin: it
 * stays in the middle at every width, and the number that placed it goes. Only where the container's width is set (a
 * box of fixed width, the root, or a box stretched so): in a stack of no width, a child without one would shrink it to
 * its content. It draws the same at the design's width.
 */
export function stretchWidths(el: El, contentRight: number | undefined, centre = false): void {
  const column = el.direction === 'column' && el.tag !== 'table' && contentRight !== undefined;
  const contentLeft = el.box && el.role !== 'root' ? el.box.x + borderOf(el) : 0;
  if (centre && el.direction === 'row') centreRow(el);
  for (const c of el.children) {
    if (!isEl(c)) continue;
    const width = get(c, 'width');
    const box = c.box;
    const inset = numberOr0(get(c, 'marginLeft'));
    const fills = (right: number) => Math.abs(contentRight! - right) <= 0.5 || (inset > 0 && Math.abs(contentRight! - right - inset) <= 0.5);
    // A band across most of its container, ending near its edge or about as far from it as it starts from the other,
    // ends there by a margin of its own: a field 3 px short of the card's edge still follows the card.
    const band = (right: number) => {
      const room = contentRight! - contentLeft, gap = contentRight! - right;
      return box!.width >= BAND_SHARE * room && gap >= -0.5 && (gap <= BAND_GAP * room || Math.abs(gap - inset) <= 8);
    };
    const stretch = (right = box!.x + box!.width) => {
      const gap = contentRight! - right;
      return [['alignSelf', 'stretch'], ['marginRight', Math.abs(gap) <= 0.5 ? undefined : Math.abs(gap - inset) <= 0.5 ? inset : Math.round(gap * 100) / 100]] as El['style'];
    };
    // A box narrower than half its container in its middle is a centred box (a button), not a band with wide margins.
    const centred = centre && column && box && get(c, 'position') !== 'absolute' && centredIn(c, contentLeft, contentRight!, inset);
    if (column && box && typeof width === 'number' && STRETCHY.has(c.tag) && get(c, 'position') !== 'absolute' && !c.attrs.some(([k, v]) => k === 'type' && (v === 'checkbox' || v === 'radio')) && !(centred && width < (contentRight! - contentLeft) / 2)) {
      if (fills(box.x + width) || band(box.x + width)) c.style = [...without(c.style, 'width'), ...stretch(box.x + width)];
    } else if (column && box && c.direction === 'row' && width === undefined && fills(box.x + box.width) && equalColumns(c)) {
      c.style = [...c.style, ...stretch()];
      for (const col of c.children as El[]) col.style = [...without(col.style, 'width', 'flexShrink'), ['flex', 1]];
    } else if (column && box && c.direction === 'row' && width === undefined && fills(box.x + box.width) && mainColumn(c)) {
      // Columns of unequal widths across their container: the widest takes what the others leave, as people write a
      // page's main column beside its sidebars; it draws the same at the design's width and follows the container.
      const main = mainColumn(c)!;
      c.style = [...c.style, ...stretch()];
      main.style = [...without(main.style, 'width', 'flexShrink'), ['flex', 1]];
    } else if (centred) {
      c.style = [...without(c.style, 'marginLeft', 'marginRight'), ['alignSelf', 'center']];
    } else if (centre && column && box && c.direction === 'row' && width === undefined && fills(box.x + box.width) && endsAtRight(c)) {
      // A row across its container whose last item is set apart at the far end (a bar's links, a price): the row
      // stretches and the item takes what is left before it, as people write a bar.
      c.style = [...c.style, ...stretch()];
      const last = c.children[c.children.length - 1] as El;
      last.style = [...without(last.style, 'marginLeft'), ['marginLeft', 'auto']];
    }
    stretchWidths(c, box && widthSet(c) ? box.x + box.width - borderOf(c) : undefined, centre);
  }
}

const numberOr0 = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The least padding (px) each side of a label for a button to be sized by it: less is a box drawn tight round a word. */
const LEAST_PADDING = 2;

/**
 * A button whose label is centred in it is sized by padding around its label, as people write a button, not by a width:
 * a longer label makes a wider button. Buttons of one width with other labels (a row of tabs, a pager) keep the width
 * they share, and so does a button stretched across its container.
 */
export function paddedButtons(root: El): void {
  const all = [...walk(root)];
  const buttons = all.filter((el) => el.label !== undefined && typeof get(el, 'width') === 'number' && get(el, 'padding') === 0);
  const shared = (el: El) => buttons.some((o) => o !== el && get(o, 'width') === get(el, 'width') && o.children[0] !== el.children[0]);
  // A label's advance is fractional: what follows the button in a row would start between pixels and blur.
  const followed = new Set(all.flatMap((el) => (el.direction === 'row' ? el.children.slice(0, -1).filter(isEl) : [])));
  for (const el of buttons) {
    const side = ((get(el, 'width') as number) - 2 * borderOf(el) - el.label!) / 2;
    if (side < LEAST_PADDING || shared(el) || followed.has(el)) continue;
    const style = without(el.style, 'padding');
    style.splice(style.findIndex(([k]) => k === 'width'), 1, ['padding', `0 ${Math.round(side)}px`]);
    el.style = style;
  }
}

/** How much of its container's width a box spans to be a band that follows it rather than a box of its own width. */
const BAND_SHARE = 0.6;
/** The most (share of its container) a band's right margin may be when its left one is not about as wide. */
const BAND_GAP = 0.1;
const MAIN_OVER_NEXT = 1.25;

/**
 * A row's widest column, where the row's columns are boxes of set widths side by side (no text, nothing placed on top)
 * and the widest is clearly the widest: it can take the room the others leave.
 */
function mainColumn(row: El): El | undefined {
  const cols = row.children;
  if (row.tag === 'tr' || cols.length < 2 || !cols.every(isEl)) return undefined;
  const els = cols as El[];
  if (!els.every((c) => STRETCHY.has(c.tag) && c.box && typeof get(c, 'width') === 'number' && get(c, 'position') !== 'absolute' && get(c, 'marginLeft') !== 'auto')) return undefined;
  const [main, next] = [...els].sort((a, b) => (get(b, 'width') as number) - (get(a, 'width') as number));
  // Columns of about one width are copies of a part (cards), and a run of them stays one `.map`.
  return (get(main, 'width') as number) >= MAIN_OVER_NEXT * (get(next, 'width') as number) ? main : undefined;
}

/** Whether an element's width is set, not taken from its content: a number, a stretch, a share of a row, the page. */
const widthSet = (el: El) => typeof get(el, 'width') === 'number' || get(el, 'alignSelf') === 'stretch' || get(el, 'flex') === 1 || el.role === 'page';

/**
 * A row whose items share a middle line (a bar, an icon beside its label, a field beside its button) centres them:
 * one `alignItems`, no top margins. The tallest item sets the row's height, so it must sit at the row's top.
 */
function centreRow(row: El): void {
  const items = row.children;
  if (items.length < 2 || !items.every(isEl) || items.some((c) => !c.box || get(c, 'position') === 'absolute' || get(c, 'alignSelf') !== undefined)) return;
  const els = items as El[];
  const tallest = els.reduce((a, b) => (b.box!.height > a.box!.height ? b : a));
  // Every item must land where it was measured, on a whole pixel, a line too: its line box is the engine's, not the
  // design's, so the design's browser did not centre it there (lines centred within a pixel cost d2c-015 0.005
  // mismatch).
  const height = tallest.box!.height;
  if (numberOr0(get(tallest, 'marginTop')) !== 0 || !els.every((c) => numberOr0(get(c, 'marginTop')) === (height - c.box!.height) / 2)) return;
  row.style = row.style.map(([k, v]) => (k === 'alignItems' ? [k, 'center'] : [k, v]));
  for (const c of els) c.style = without(c.style, 'marginTop');
}

/** A row of two or more items whose last one stands well apart (16 px or more) from the one before it. */
function endsAtRight(row: El): boolean {
  const last = row.children[row.children.length - 1];
  return row.tag !== 'tr' && row.children.length >= 2 && row.children.every(isEl) && isEl(last) && get(last, 'position') !== 'absolute' && numberOr0(get(last, 'marginLeft')) >= 16;
}

/**
 * Whether a box sits in the middle of its container's content, within a pixel: a browser centred it (a box inset by a
 * few pixels is placed, not centred).
 */
const centredIn = (el: El, left: number, right: number, inset: number) => {
  const box = el.box!;
  // A paragraph's lines start at one left edge: its widest line in the middle says nothing of the others.
  if ((el.lines?.length ?? 0) > 1) return false;
  return inset >= 8 && box.width < right - left - 16 && Math.abs(box.x + box.width / 2 - (left + right) / 2) <= 1 && onWholePixel(el, right - left - box.width);
};

/**
 * Whether centring an element in `room` more than it needs puts it on a whole pixel: a box of whole size in an odd room
 * would sit half a pixel off, and every edge and glyph in it would blur (three cards centred so cost 0.009 mismatch).
 * A line of text has no whole width of its own: where the design centred it, the browser put it where it will again.
 */
const onWholePixel = (el: El, room: number) => TEXT_TAGS.has(el.tag) || Math.abs(room / 2 - Math.round(room / 2)) < 0.01;

/**
 * A row of boxes of one width that `flex: 1` gives the same widths: what the row spans less its margins, shared out,
 * is each box's width, a whole pixel (a fraction would blur every edge after the first).
 */
function equalColumns(row: El): boolean {
  const cols = row.children;
  if (cols.length < 2 || !cols.every(isEl) || get(row, 'gap') !== undefined) return false;
  const widths = (cols as El[]).map((c) => get(c, 'width'));
  if (!(cols as El[]).every((c) => STRETCHY.has(c.tag) && c.box) || !widths.every((w) => typeof w === 'number')) return false;
  // The row's box is its columns' union: it starts at the first one's edge, its margin included only after that.
  const margins = (cols as El[]).reduce((sum, c) => sum + numberOr0(get(c, 'marginLeft')), 0);
  const share = (row.box!.width + numberOr0(get(cols[0] as El, 'marginLeft')) - margins) / cols.length;
  return Number.isInteger(share) && (widths as number[]).every((w) => w === share);
}

/** How close (px) to its container's edge a flow may end and still leave room for the renderer's own text widths. */
const SHRINK_SLACK = 2;

/** An element's size along its flow: its own width or height, a line's height, else what was measured. */
function along(el: El, axis: 'row' | 'column'): number {
  const own = get(el, axis === 'row' ? 'width' : 'height');
  if (typeof own === 'number') return own;
  if (axis === 'column' && (el.lines?.length ?? 0) > 1) return el.box?.height ?? 0;
  const line = axis === 'column' ? /^([\d.]+)px$/.exec(String(get(el, 'lineHeight') ?? ''))?.[1] : undefined;
  return line ? Number(line) : (axis === 'row' ? el.box?.width : el.box?.height) ?? 0;
}

/**
 * `flexShrink: 0` only where a flow could be squeezed: a row ending near the edge of the width it may take, a column
 * of set height filled to its bottom. Elsewhere nothing shrinks at the design's width, so the declaration on every
 * element (`shrink-0` in each class list) says nothing a reader needs, and without it a narrower window wraps a row's
 * texts instead of spilling them. `right` is the content edge of the nearest box whose width is set.
 */
export function looseShrink(el: El, right: number): void {
  const items = el.children.filter(isEl);
  const inFlow = items.filter((c) => get(c, 'position') !== 'absolute');
  let tight = false;
  if (el.direction === 'row') {
    tight = inFlow.some((c) => c.box && c.box.x + along(c, 'row') > right - SHRINK_SLACK);
  } else if (el.direction === 'column' && typeof get(el, 'height') === 'number' && el.box) {
    const used = inFlow.reduce((sum, c) => sum + along(c, 'column') + numberOr0(get(c, 'marginTop')), 0) + numberOr0(get(el, 'gap')) * Math.max(0, inFlow.length - 1);
    tight = used > (get(el, 'height') as number) - 2 * borderOf(el) - SHRINK_SLACK;
  }
  for (const c of items) {
    if (!tight) c.style = without(c.style, 'flexShrink');
    looseShrink(c, c.box && widthSet(c) ? Math.min(right, c.box.x + c.box.width - borderOf(c)) : right);
  }
}

/** Elements whose box shows: stretched, they would draw wider or taller. */
const SHOWN_TAGS = new Set(['input', 'select', 'textarea', 'button', 'img', 'table', 'hr']);
const shows = (el: El) =>
  SHOWN_TAGS.has(el.tag) || el.role === 'image' || el.style.some(([k, v]) => v !== undefined && /^(background|border|boxShadow|outline)/.test(k));

/**
 * Flex's own `alignItems: stretch` where it draws the same as `flex-start`: every item in the flow either sets its
 * size across the flow or shows no box (a line of text, a plain group), so stretching it moves nothing. Then the
 * container says only `flex` and its direction, as people write it, and `alignSelf: stretch` on an item goes too.
 * Items centred or pushed in a container keep their places: they are only ever in containers of a set width.
 */
export function defaultStretch(el: El): void {
  // A `.map`'s body stands for every item it draws; a sub-component's box is in its own body, unseen here.
  const items = el.children.flatMap((c) => (isEl(c) ? [c] : isMap(c) ? [c.body] : []));
  const across = el.direction === 'column' ? 'width' : 'height';
  const inFlow = items.filter((c) => get(c, 'position') !== 'absolute');
  const same = (c: El) => !/^[A-Z]/.test(c.tag) && (get(c, across) !== undefined || get(c, 'alignSelf') !== undefined || !shows(c));
  if (el.direction && get(el, 'alignItems') === 'flex-start' && inFlow.every(same)) {
    el.style = without(el.style, 'alignItems');
    for (const c of inFlow) if (get(c, 'alignSelf') === 'stretch') c.style = without(c.style, 'alignSelf');
  }
  for (const c of items) defaultStretch(c);
}

/** Tags the browser sets in bold whatever their parent's weight, and controls, which it resets to normal. */
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CONTROL_TAGS = new Set(['button', 'input', 'select', 'textarea']);

/** What an element draws its text in unless it says otherwise; no family: the system's (a form control's own). */
export type Font = { weight: number; family?: string };

/** The font an element of `tag` draws in without saying so, inside a parent drawing in `inherited`. */
export function fontBase(tag: string, preflight: boolean, inherited: Font): Font {
  const control = !preflight && CONTROL_TAGS.has(tag);
  return {
    weight: tag === 'th' || (!preflight && HEADINGS.has(tag)) ? 700 : control ? 400 : inherited.weight,
    family: control ? undefined : inherited.family,
  };
}

/**
 * A font weight or family only where it differs from what the element has anyway: its parent's (inherited), a
 * heading's bold, a control's normal weight and the system's font. `fontWeight: 400` on every paragraph is noise a
 * reader deletes. Under Tailwind's preflight headings and controls inherit too (`font: inherit`), so a button in the
 * page's family says nothing of it; a table's header cell stays bold.
 */
export function plainFonts(el: El, preflight = false, inherited: Font = { weight: 400 }): void {
  const base = fontBase(el.tag, preflight, inherited);
  const weight = get(el, 'fontWeight'), family = get(el, 'fontFamily');
  if (weight === base.weight) el.style = without(el.style, 'fontWeight');
  if (family !== undefined && family === base.family) el.style = without(el.style, 'fontFamily');
  const next: Font = { weight: typeof weight === 'number' ? weight : base.weight, family: typeof family === 'string' ? family : base.family };
  for (const c of el.children) {
    if (isEl(c)) plainFonts(c, preflight, next);
    else if (isMap(c)) plainFonts(c.body, preflight, next);
  }
}

/** The least inset, each side, for a page's content to count as a column centred in it. */
const PAGE_INSET = 24;

/**
 * A page whose content sits in a column centred on it (everything between the same insets on both sides) has that
 * column: one element as wide as the content at most and centred, holding the content at its own offsets, as pages are
 * written (`max-width` and auto margins). At the design's width it draws the same; narrower, the content stays centred.
 */
export function pageColumn(root: El, width: number): void {
  const children = root.children;
  if (!children.length || !children.every(isEl)) return;
  const els = children as El[];
  // What carries each child's offset across the page: its own margin, or a table's rows' or a list's items' (the table
  // or the list has none).
  const placed = (c: El): El[] =>
    c.tag === 'table' ? c.children.filter(isEl).flatMap((section) => section.children.filter(isEl)) : c.tag === 'ul' && c.direction === 'column' ? c.children.filter(isEl) : [c];
  const boxes = els.map((c) => c.box ?? union(placed(c)));
  if (boxes.some((b) => !b) || els.some((c) => get(c, 'position') === 'absolute' || ['header', 'main', 'footer'].includes(c.tag))) return;
  const left = Math.min(...boxes.map((b) => b!.x)), right = Math.max(...boxes.map((b) => b!.x + b!.width));
  const offsets = els.flatMap(placed);
  if (left < PAGE_INSET || Math.abs(left - (width - right)) > 1.5 || offsets.some((c) => numberOr0(get(c, 'marginLeft')) < left - 0.5)) return;
  for (const c of offsets) c.style = c.style.map(([k, v]) => (k === 'marginLeft' && typeof v === 'number' ? [k, Math.round((v - left) * 10) / 10 || undefined] : [k, v]));
  const top = Math.min(...boxes.map((b) => b!.y));
  root.children = [
    {
      tag: 'div',
      role: 'page',
      attrs: [],
      // As wide as the page less its left inset twice: centred, it starts on that whole pixel (content measured a
      // pixel narrower would centre it half a pixel off and blur every edge in it).
      style: [['flexShrink', 0], ['alignSelf', 'center'], ['width', '100%'], ['maxWidth', width - 2 * left], ...flex('column')],
      children: els,
      box: { x: left, y: top, width: width - 2 * left, height: Math.max(...boxes.map((b) => b!.y + b!.height)) - top },
      direction: 'column',
    },
  ];
}

/** The family most of the text is set in (by characters): the root sets it, the texts in it inherit. */
function mainFamily(texts: FittedText[]): string {
  const weight = new Map<string, number>();
  for (const t of texts) weight.set(t.fontFamily, (weight.get(t.fontFamily) ?? 0) + t.text.length);
  return [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'Arimo';
}

/**
 * The element tree of one design, before the structure passes (its paragraphs already one element each, when asked
 * for). `landmarks: false` leaves the page's bands as divs (a responsive design merges the trees of its widths, and a
 * landmark found at one width only would not match); `groupWidths: false` leaves a group followed in a row without its
 * measured width (merged, a width per column at one width only set a responsive footer's columns apart: its desktop
 * width drew 0.0013 → 0.0030 mismatch).
 */
export function buildRoot({ width, height, background, regions, texts: measured, exact = false, reading = 'rows', grid, centred = true, paragraphs }: EmitInput, { landmarks: withLandmarks = true, groupWidths = true } = {}): Pick<Emitted, 'order' | 'placeholders' | 'paragraphs'> & { root: El } {
  const cleaned = measured.map((t) => cleanText(t, exact));
  const texts = exact ? cleaned : oneSizePerRow(oneColourPerShade(cleaned));
  const family = mainFamily(texts);
  const origin = { x: 0, y: 0 };
  const tree = containmentTree(regions, texts);
  const builder = new Builder(family, centred && !exact, grid ? centredAlone(tree) : undefined, groupWidths);
  const children = builder.nodes(layoutContent(grid ? gridItems(tree, origin, { budget: grid.budget, behind: background }) : tree, origin, reading), 'column', { behind: background, right: width });
  // The root fills its parent up to the design's width; its height is the design's at least.
  const root: El = {
    tag: 'div',
    role: 'root',
    attrs: [],
    style: [['position', 'relative'], ['width', '100%'], ['maxWidth', width], ['minHeight', height], ['backgroundColor', hex(background)], ['fontFamily', fontStack(family)], ...flex('column')],
    children: withLandmarks ? landmarks(children, { width, height }) : children,
    direction: 'column',
  };
  return { root, order: builder.order, placeholders: builder.placeholders, paragraphs: paragraphs ? flowParagraphs(root, width, paragraphs.apart) : [] };
}

export function emitComponent(input: EmitInput): Emitted {
  const { name, sink = inlineSink(), exact = false } = input;
  const tolerance = exact ? EXACT : LOOSE;
  const { root, order, placeholders, paragraphs } = buildRoot(input);
  const centre = input.centred !== false && !exact;
  if (centre) pageColumn(root, input.width);
  stretchWidths(root, input.width, centre);
  if (centre) paddedButtons(root);
  formSemantics(root, name);
  headingOrder(root);
  // Before the runs are found: copies of a part are siblings, so each keeps or loses the declaration alike.
  looseShrink(root, input.width);
  const { parts, data } = repeatRuns(root, name, tolerance);
  // After the runs: copies told apart only by it (a row centred, its twin a pixel off) would be no run.
  defaultStretch(root);
  for (const part of parts) defaultStretch(part.body);
  evenGaps(root, tolerance);
  plainFonts(root, sink.preflight);
  for (const part of parts) plainFonts(part.body, sink.preflight, { weight: 400, family: get(root, 'fontFamily') as string });
  // The sink sees every element before printing any: a colour that repeats is defined once, on the root.
  sink.prepare?.([root, ...parts.map((p) => p.body)].flatMap((el) => [...walk(el)]).map((el) => ({ entries: el.style, role: el.role })));
  const print = (el: El, indent: string) => printEl(el, indent, sink);
  const imports = sink.imports(name);
  const code = [
    ...(imports.length ? [...imports, ''] : []),
    ...data.flatMap((d) => [d, '']),
    ...parts.flatMap((p) => [...partLines(p, print), '']),
    `export default function ${name}() {`,
    '  return (',
    ...print(root, '    '),
    '  );',
    '}',
    '',
  ].join('\n');
  return { code, css: sink.css(), order, placeholders, paragraphs };
}

/**
 * The tree of one width of a responsive design printed as the merged component draws that width: without the
 * structure passes (gaps, repeated parts, landmarks), which the merge does not apply. Corrections measured on a render
 * with them (a loose gap moves a line by a pixel) would move the merged lines by what they do not have.
 */
export function emitTree(input: EmitInput): Emitted {
  const { name, sink = inlineSink() } = input;
  const { root, order, placeholders, paragraphs } = buildRoot(input, { landmarks: false, groupWidths: false });
  sink.prepare?.([...walk(root)].map((el) => ({ entries: el.style, role: el.role })));
  const imports = sink.imports(name);
  const code = [...(imports.length ? [...imports, ''] : []), `export default function ${name}() {`, '  return (', ...printEl(root, '    ', sink), '  );', '}', ''].join('\n');
  return { code, css: sink.css(), order, placeholders, paragraphs };
}
