// Semantic elements where the picture makes them evident: fields, selects, buttons, checkboxes and radio buttons, lists
// and tables, landmarks on pages. Each rule reads only the geometry and colours the analysis measured, so the same design gives the same
// tags; where a rule is unsure the element stays a div or a paragraph, which renders the same.
import type { FittedText } from './fit.js';
import type { Item, Node } from './layout.js';
import type { RgbaImage } from '../../types.js';
import { get, isEl, walk, type El } from './jsx.js';
import { colorDistance, dominantIn, pixel, type Rect, type Region, type Rgb } from './segment.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const luma = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
/** A placeholder's colour: a neutral grey, lighter than body text on the field's fill. */
const placeholderGrey = (line: FittedText, fill: Rgb) => colorDistance(line.color, fill) < 170 && Math.max(...line.color) - Math.min(...line.color) < 24;

/**
 * A box is a control when it is control-sized, stands out from what is behind it and holds at most one line:
 * - a field (`input`): light, wider than tall, with its line (a placeholder: grey, not black) at the left, or empty
 *   with a border;
 * - a button: a short line centred both ways;
 * - a select: a field with a chevron at its right end (found by the analysis), its line the chosen option;
 * - a text area: a taller light box with a border and one grey line (its placeholder) in its top left corner.
 */
export function controlOf(item: Item, behind: Rgb): 'button' | 'input' | 'select' | 'textarea' | null {
  if (item.kind !== 'region' || item.region.kind !== 'box' || item.region.children.length) return null;
  const r = item.region;
  if (r.height > 64 && r.height <= 400 && r.border && luma(r.fill) >= 200 && item.content.length === 1 && item.content[0].kind === 'text') {
    const line = item.content[0].text;
    return placeholderGrey(line, r.fill) && line.x - r.x <= 24 && line.y - r.y <= 24 ? 'textarea' : null;
  }
  if (r.chevron) {
    const only = item.content.length <= 1 && item.content.every((c) => c.kind === 'text' && c.text.x - r.x <= 24);
    return only && r.height >= 18 && r.height <= 64 && r.width >= 2.5 * r.height ? 'select' : null;
  }
  if (r.height < 18 || r.height > 64 || item.content.some((c) => c.kind !== 'text') || item.content.length > 1) return null;
  if (!r.border && colorDistance(r.fill, behind) < 12) return null;
  const line = item.content[0]?.kind === 'text' ? item.content[0].text : undefined;
  const light = luma(r.fill) >= 200;
  if (!line) return r.border && light && r.width >= 4 * r.height ? 'input' : null;
  if (line.height > r.height * 0.75) return null;
  const leftGap = line.x - r.x, rightGap = r.x + r.width - (line.x + line.width);
  const centredY = Math.abs(line.y + line.height / 2 - (r.y + r.height / 2)) <= Math.max(3, r.height * 0.15);
  if (!centredY) return null;
  if (Math.abs(leftGap - rightGap) <= Math.max(6, r.width * 0.12) && words(line.text) <= 4 && r.width <= 400) return 'button';
  if (light && placeholderGrey(line, r.fill) && r.width >= 2.5 * r.height && leftGap <= 24 && rightGap > leftGap + r.width * 0.2) return 'input';
  return null;
}

const textOf = (node: Node): FittedText | null => (node.kind === 'item' && node.item.kind === 'text' ? node.item.text : null);

/**
 * Runs of at least three sibling lines that read as a list: short lines of one style, in a column with one left edge
 * and an even rhythm, or in a row on one baseline with even gaps (a menu). In a column, a line starting in lower case
 * continues the one before it, so wrapped paragraphs are not lists. Returns [start, end) index pairs into `nodes`.
 */
export function listRuns(nodes: Node[], direction: 'row' | 'column'): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  // Style is compared with the run's first line (fitted sizes of short words wander), places with the line before.
  const fits = (first: FittedText, a: FittedText, b: FittedText, c: FittedText | null) => {
    if (words(b.text) > 5 || b.text.length > 40 || (direction === 'column' && /^\p{Ll}/u.test(b.text))) return false;
    if (Math.abs(first.fontSize - b.fontSize) > 0.1 * first.fontSize || first.fontWeight !== b.fontWeight || colorDistance(first.color, b.color) > 30) return false;
    if (direction === 'column') {
      if (Math.abs(a.x - b.x) > 3) return false;
      return !c || Math.abs(b.y - a.y - (c.y - b.y)) <= 4;
    }
    if (Math.abs(a.y + a.height - (b.y + b.height)) > 3) return false;
    const gap = b.x - (a.x + a.width);
    if (gap < 8) return false;
    if (!c) return true;
    const next = c.x - (b.x + b.width);
    return Math.max(gap, next) <= 1.5 * Math.min(gap, next) + 4;
  };
  let i = 0;
  while (i < nodes.length) {
    const first = textOf(nodes[i]);
    if (!first || words(first.text) > 5 || first.text.length > 40) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < nodes.length) {
      const prev = textOf(nodes[end - 1])!, cur = textOf(nodes[end]);
      if (!cur || !fits(first, prev, cur, null)) break;
      // The rhythm is checked on each triple: the gap before an item must match the gap after it.
      if (end - i >= 2 && !fits(first, textOf(nodes[end - 2])!, prev, cur)) break;
      end++;
    }
    if (end - i >= 3) runs.push([i, end]);
    i = Math.max(end, i + 1);
  }
  return runs;
}

/**
 * Runs of rows in a column flow that read as a table: three or more rows, evenly spaced, with the same number of text
 * cells whose left edges line up from row to row. Returns [start, end) index pairs.
 */
export function tableRuns(nodes: Node[], direction: 'row' | 'column'): Array<[number, number]> {
  if (direction !== 'column') return [];
  const runs: Array<[number, number]> = [];
  const row = (n: Node) => (n.kind === 'group' && n.direction === 'row' && n.children.length >= 2 && n.children.every(isCell) ? cellLefts(n) : null);
  let i = 0;
  while (i < nodes.length) {
    const first = row(nodes[i]);
    let end = i + 1;
    while (first && end < nodes.length) {
      const next = row(nodes[end]);
      if (!next || next.length !== first.length || next.some((x, j) => Math.abs(x - first[j]) > 4)) break;
      end++;
    }
    // Rows come at an even pace (the gaps between rows agree); two rows side by side are more often two headings over
    // columns of cards than a table.
    const gaps = nodes.slice(i + 1, end).map((n) => n.marginTop);
    const even = gaps.every((g) => Math.abs(g - gaps[0]) <= Math.max(4, 0.3 * Math.abs(gaps[0])));
    if (first && end - i >= 3 && even) runs.push([i, end]);
    i = end;
  }
  return runs;
}

/** A cell holds text: a line, or a plain box of lines (a form's rows of fields are not a table). */
const isCell = (node: Node): boolean =>
  node.kind === 'item' && (node.item.kind === 'text' || (node.item.region.kind === 'box' && node.item.content.every((c) => c.kind === 'text') && node.item.content.length > 0));

/** Left edge of each cell of a row, relative to the row (margins accumulate along it). */
function cellLefts(row: Extract<Node, { kind: 'group' }>): number[] {
  let cursor = row.marginLeft;
  const out: number[] = [];
  for (const cell of row.children) {
    cursor += cell.marginLeft;
    out.push(cursor);
    cursor += widthOf(cell);
  }
  return out;
}

function widthOf(node: Node): number {
  if (node.kind === 'item') return node.item.width;
  if (node.kind === 'free') return node.width;
  if (node.direction === 'row') return node.children.reduce((w, c) => w + c.marginLeft + widthOf(c), 0);
  return Math.max(0, ...node.children.map((c) => c.marginLeft + widthOf(c)));
}

/**
 * A small square mark is a checkbox when its edge is a frame and its inside one flat colour: light when unchecked, the
 * accent colour when checked. A frame that meets its box only around the middle of each side is round: a radio button.
 */
export function markControl(image: RgbaImage, mark: Rect, behind: Rgb, noise = 0): { control: NonNullable<Region['control']>; rect: Rect } | undefined {
  // The mark was cut at a strong threshold; its frame's anti-aliased edge is fainter. A lossy design's ringing around
  // the frame is as faint: beyond the codec's noise only the frame is (grown over its halo, the mark's edge was ringing).
  let { x, y, width: w, height: h } = mark;
  const faint = (px: number, py: number) => colorDistance(pixel(image, px, py), behind) > 16 + noise;
  const rowHas = (py: number) => Array.from({ length: w }, (_, i) => faint(x + i, py)).some(Boolean);
  const colHas = (px: number) => Array.from({ length: h }, (_, j) => faint(px, y + j)).some(Boolean);
  for (let k = 0; k < 2 && rowHas(y - 1); k++) (y -= 1), (h += 1);
  for (let k = 0; k < 2 && rowHas(y + h); k++) h += 1;
  for (let k = 0; k < 2 && colHas(x - 1); k++) (x -= 1), (w += 1);
  for (let k = 0; k < 2 && colHas(x + w); k++) w += 1;
  if (w < 10 || h < 10 || w > 26 || h > 26 || Math.abs(w - h) > 3) return undefined;
  // Lossy, a checkbox's rounded corners fade below the noise: the frame is judged along its sides, short of the
  // corners (a radio's circle still meets them only around the middle), and on the ring a pixel further in as well
  // (the codec spreads a 1 px frame over two, and the mark's edge may be the fainter one).
  const corner = noise ? 2 : 0;
  const end = Math.max(1, corner);
  // Pixels of one side's line `k` px in that are frame, and how many were looked at.
  const side = (s: number, k: number): [number, number] => {
    let n = 0, of = 0;
    const along = s < 2 ? w : h;
    for (let i = s < 2 ? corner : end; i < along - (s < 2 ? corner : end); i++, of++) {
      if (s === 0 ? faint(x + i, y + k) : s === 1 ? faint(x + i, y + h - 1 - k) : s === 2 ? faint(x + k, y + i) : faint(x + w - 1 - k, y + i)) n++;
    }
    return [n, of];
  };
  const sides = [0, 1, 2, 3].map((s) => (noise ? [side(s, 0), side(s, 1)].reduce((a, b) => (b[0] > a[0] ? b : a)) : side(s, 0)));
  const framed = sides.reduce((a, [n]) => a + n, 0) / sides.reduce((a, [, of]) => a + of, 0);
  const type = framed >= 0.75 ? 'checkbox' : framed >= 0.25 ? 'radio' : null;
  if (!type) return undefined;
  const inner = { x: x + 3, y: y + 3, width: w - 6, height: h - 6 };
  const { color, share } = dominantIn(image, inner);
  if (share < 0.5) return undefined;
  const checked = luma(color) < 170 || (colorDistance(color, behind) > 60 && Math.max(...color) - Math.min(...color) > 60);
  return { control: { type, checked, ...(checked ? { accent: color } : {}) }, rect: { x, y, width: w, height: h } };
}

const PLACE = ['flexShrink', 'marginTop', 'marginLeft'];
const menuWord = (c: El) => (c.tag === 'p' || c.tag === 'li') && c.children.length === 1 && typeof c.children[0] === 'string' && c.children[0].length <= 24 && c.children[0].split(/\s+/).length <= 3;

/**
 * The band with its menu in a `nav`: a list in a row, or three or more short lines at the end of a row (their styles
 * may differ more than a list's), which become the nav's list. Undefined when the band holds no menu.
 */
function withMenu(band: El): El | undefined {
  const ul = [...walk(band)].find((x) => x.tag === 'ul' && x.direction === 'row');
  let nav: El | undefined, replaced: El[] = [];
  if (ul) {
    nav = { tag: 'nav', role: 'nav', attrs: [], style: ul.style.filter(([k]) => PLACE.includes(k)), children: [{ ...ul, style: ul.style.filter(([k]) => !PLACE.includes(k)) }], box: ul.box };
    replaced = [ul];
  } else {
    const row = [...walk(band)].find((x) => x.direction === 'row' && x.children.length >= 3 && x.children.slice(-3).every((c) => isEl(c) && menuWord(c)));
    if (!row) return undefined;
    const kids = row.children as El[];
    let start = kids.length - 3;
    while (start > 0 && isEl(kids[start - 1]) && menuWord(kids[start - 1] as El) && start > 1) start--;
    replaced = kids.slice(start);
    const [first, ...rest] = replaced;
    // The nav takes the first item's place along the row; the items keep their offsets across it.
    const items = [{ ...first, style: first.style.filter(([k]) => k !== 'marginLeft') }, ...rest].map((c) => ({ ...c, tag: 'li', role: 'item' }));
    const list: El = { tag: 'ul', role: 'list', attrs: [], style: [['margin', 0], ['padding', 0], ['listStyle', 'none'], ['display', 'flex'], ['flexDirection', 'row'], ['alignItems', 'flex-start']], children: items, direction: 'row' };
    nav = { tag: 'nav', role: 'nav', attrs: [], style: [['flexShrink', 0], ['marginLeft', get(first, 'marginLeft')]], children: [list] };
  }
  const swap = (e: El): El => {
    const kids: El['children'] = [];
    for (const c of e.children) {
      if (isEl(c) && replaced.includes(c)) {
        if (c === replaced[0]) kids.push(nav!);
      } else kids.push(isEl(c) ? swap(c) : c);
    }
    return { ...e, children: kids };
  };
  return swap(band);
}

/**
 * Landmarks where a page makes them evident (pages 960 px wide or more): a band across the top holding a menu (a list in
 * a row) is the `header`, its menu a `nav`; a band with a fill across the bottom of a tall page is the `footer`; what
 * lies between is `main`. Each wrapper takes its content's place in the flow, so nothing moves.
 */
export function landmarks(children: El[], page: { width: number; height: number }): El[] {
  if (page.width < 960 || page.height < 500 || children.length < 2) return children;
  const band = (e: El) => !!e.box && e.box.width >= 0.85 * page.width && e.tag === 'div';
  const first = children[0], last = children[children.length - 1];
  const header = band(first) && first.box!.y <= 0.05 * page.height && first.box!.height <= 200 && withMenu(first) ? withMenu(first) : undefined;
  const footer = last !== first && band(last) && get(last, 'backgroundColor') !== undefined && last.box!.y >= 0.6 * page.height ? last : undefined;
  if (!header && !footer) return children;
  const middle = children.slice(header ? 1 : 0, footer ? -1 : undefined);
  const out: El[] = [];
  if (header) out.push({ ...header, tag: 'header', role: 'header' });
  if (middle.length) {
    const [top] = middle;
    out.push({ tag: 'main', role: 'main', attrs: [], style: [['flexShrink', 0], ['display', 'flex'], ['flexDirection', 'column'], ['alignItems', 'flex-start']], children: middle, box: top.box, direction: 'column' });
  }
  if (footer) out.push({ ...footer, tag: 'footer', role: 'footer' });
  return out;
}

const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const onlyText = (e: El) => (e.children.length === 1 && typeof e.children[0] === 'string' ? e.children[0] : undefined);
const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32) || 'field';
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * What a field holds, read from its caption and placeholder: the type a browser and a password manager need. A
 * placeholder of bullets is a masked password as the design shows it.
 */
export function fieldType(caption: string, placeholder: string): string {
  const both = `${caption} ${placeholder}`;
  if (/pass(word|code)|\bpin\b/i.test(both) || /^[•●∙·*]{4,}$/u.test(placeholder.replace(/\s/g, ''))) return 'password';
  if (/e-?mail/i.test(both) || /^\S+@\S+\.\w{2,}$/.test(placeholder)) return 'email';
  if (/\b(phone|mobile|tel)\b/i.test(both) || /^\+?[\d\s().-]{7,}$/.test(placeholder)) return 'tel';
  if (/\b(website|url)\b/i.test(both) || /^https?:\/\//.test(placeholder)) return 'url';
  if (/^search\b/i.test(placeholder) || /^search$/i.test(caption)) return 'search';
  return 'text';
}

/** A caption for a field: a short line just above it, starting at its left edge, or just before it on its line. */
function captions(caption: El, field: El): boolean {
  const text = onlyText(caption), a = caption.box, b = field.box;
  if (!text || !a || !b || !['p', 'span'].includes(caption.tag) || text.split(/\s+/).length > 5 || /[.!?]$/.test(text)) return false;
  const above = Math.abs(a.x - b.x) <= 6 && b.y - (a.y + a.height) >= -1 && b.y - (a.y + a.height) <= 16;
  const before = Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) <= 4 && b.x - (a.x + a.width) >= 0 && b.x - (a.x + a.width) <= 40;
  return above || before;
}

/**
 * Forms as a browser and a screen reader need them: the caption of a field is its `<label htmlFor>`, the field has
 * the type its caption or placeholder says (email, password, tel, url, search), and a field with no caption is named by
 * its placeholder. Ids are the component's name and the caption's words, unique in the file: a form is placed once in
 * a page. Tags and attributes change, the layout does not (the elements are flex items either way).
 */
export function formSemantics(root: El, name: string): void {
  const used = new Set<string>();
  const idFor = (caption: string) => {
    const base = `${kebab(name)}-${slug(caption)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  for (const parent of walk(root)) {
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const field = kids[i];
      if (!isEl(field) || !FIELD_TAGS.has(field.tag) || field.role === 'checkbox' || field.role === 'radio') continue;
      const prev = kids[i - 1];
      const caption = isEl(prev) && captions(prev, field) ? prev : undefined;
      const placeholder = field.attrs.find(([k]) => k === 'placeholder')?.[1];
      const hint = typeof placeholder === 'string' ? placeholder : '';
      if (field.tag === 'input') {
        const type = fieldType(caption ? onlyText(caption)! : '', hint);
        field.attrs = field.attrs.map(([k, v]) => (k === 'type' ? [k, type] : [k, v]));
      }
      if (caption) {
        const id = idFor(onlyText(caption)!);
        caption.tag = 'label';
        caption.role = 'label';
        caption.attrs = [...caption.attrs, ['htmlFor', id]];
        field.attrs = [['id', id], ...field.attrs];
      } else if (hint) field.attrs = [...field.attrs, ['aria-label', hint]];
    }
  }
}

/**
 * Headings in the page's order of importance: sizes rank the levels (the largest is h1, the next h2, then h3, none
 * skipped), and there is one top heading: later ones of the top size step down to h2.
 */
export function headingOrder(root: El): void {
  const headings = [...walk(root)].filter((e) => /^h[1-6]$/.test(e.tag));
  const size = (e: El) => Number(get(e, 'fontSize')) || 0;
  const sizes = [...new Set(headings.map(size))].sort((a, b) => b - a);
  let top = false;
  for (const h of headings) {
    let level = Math.min(3, sizes.indexOf(size(h)) + 1);
    if (level === 1 && top) level = 2;
    top ||= level === 1;
    h.tag = `h${level}`;
  }
}
