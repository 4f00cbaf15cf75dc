// The analysis as a React component: one default-exported function, inline styles, React the only import. The layout
// (layout.ts) is flexbox rows and columns whose margins reproduce the measured positions; the output is the same for
// the same analysis.
import type { Region, Rgb } from './segment.js';
import type { FittedText } from './fit.js';
import { containmentTree, layoutContent, type Item, type Node } from './layout.js';
import { controlOf, listRuns, tableRuns } from './semantics.js';

export interface EmitInput {
  name: string;
  width: number;
  height: number;
  background: Rgb;
  regions: Region[];
  texts: FittedText[];
}

export interface Emitted {
  code: string;
  /** Index (into `texts`) of each text element in document order: the i-th DOM text is texts[order[i]]. */
  order: number[];
  /** Indexes of texts drawn as a field's placeholder or a select's option: the browser places those, not the component. */
  placeholders: number[];
}

const rgb = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const num = (n: number) => String(Math.round(n * 10) / 10 || 0);
const str = (s: string) => JSON.stringify(s);

type Style = Array<[string, string | number | undefined]>;

function styleObject(entries: Style): string {
  return `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? num(v) : str(v as string)}`)
    .join(', ')} }`;
}

/** Offsets in the flow (margins) or in a free group (absolute). */
type Place = { marginTop: number; marginLeft: number } | { left: number; top: number };
const placement = (p: Place, margins: 'set' | 'reset' = 'set'): Style => {
  if ('left' in p) return [['position', 'absolute'], ['left', p.left], ['top', p.top], ['margin', 0]];
  const top = Math.round(p.marginTop * 10) / 10 || 0, left = Math.round(p.marginLeft * 10) / 10 || 0;
  // Text elements may have default margins: they get all four, divs only the non-zero ones.
  if (margins === 'reset') return [['flexShrink', 0], ['margin', `${num(top)}px 0 0 ${num(left)}px`]];
  return [['flexShrink', 0], ['marginTop', top || undefined], ['marginLeft', left || undefined]];
};

const flex = (direction: 'row' | 'column'): Style => [['display', 'flex'], ['flexDirection', direction], ['alignItems', 'flex-start']];

/** A heading for large text, a paragraph otherwise. */
const tagFor = (text: FittedText) => (text.fontSize >= 28 ? 'h1' : text.fontSize >= 21 ? 'h2' : 'p');

/** Where an element sits: the fill behind it (for controls), and the tag its text takes in a list, table or button. */
interface Context {
  behind: Rgb;
  textTag?: 'li' | 'td' | 'th' | 'span';
  /** Radio buttons side by side in one flow are one choice: they share a name. */
  radioName?: string;
}

const textStyle = (t: FittedText): Style => [
  ['fontFamily', `'${t.fontFamily}'`],
  ['fontSize', t.fontSize],
  ['fontWeight', t.fontWeight],
  ['lineHeight', `${t.lineHeight}px`],
  ['letterSpacing', t.letterSpacing ? Math.round(t.letterSpacing * 100) / 100 : undefined],
  ['color', rgb(t.cssColor ?? t.color)],
];

class Writer {
  lines: string[] = [];
  order: number[] = [];
  placeholders: number[] = [];
  choices = 0;

  item(item: Item, place: Place, children: Node[], indent: string, ctx: Context): void {
    if (item.kind === 'text') {
      const t = item.text;
      const tag = ctx.textTag ?? tagFor(t);
      const style = styleObject([
        ...placement(place, 'reset'),
        // In a button the line is a span (a button holds phrasing content only), laid out as a block.
        ['display', tag === 'span' ? 'block' : undefined],
        ['padding', tag === 'td' || tag === 'th' ? 0 : undefined],
        ['width', item.width],
        ...textStyle(t),
        ['textAlign', tag === 'th' ? 'left' : undefined],
        ['whiteSpace', 'pre'],
      ]);
      this.order.push(item.index);
      this.lines.push(`${indent}<${tag} style={${style}}>{${str(t.text)}}</${tag}>`);
      return;
    }
    const r = item.region;
    if (r.control) {
      const { type, checked, accent } = r.control;
      const style = styleObject([...placement(place, 'reset'), ['width', r.width], ['height', r.height], ['accentColor', accent ? rgb(accent) : undefined]]);
      const name = type === 'radio' && ctx.radioName ? ` name="${ctx.radioName}"` : '';
      this.lines.push(`${indent}<input type="${type}"${name}${checked ? ' defaultChecked' : ''} style={${style}} />`);
      return;
    }
    const control = controlOf(item, ctx.behind);
    const box: Style = [
      ...placement(place),
      ['width', r.width],
      ['height', r.height],
      ['background', rgb(r.fill)],
      ['borderRadius', r.radius || undefined],
      ['border', r.border ? `${r.border.width}px solid ${rgb(r.border.color)}` : control && control !== 'button' ? 'none' : undefined],
    ];
    if (control && control !== 'button') return this.field(control, item, box, indent);
    const style = styleObject([
      ...box,
      ['border', control === 'button' && !r.border ? 'none' : undefined],
      ['boxSizing', r.border ? 'border-box' : undefined],
      ...(control === 'button' ? ([['padding', 0], ['textAlign', 'left'], ['cursor', 'pointer']] as Style) : []),
      ...(children.length ? flex('column') : []),
    ]);
    if (r.kind === 'image') {
      this.lines.push(`${indent}<div role="img" aria-label="Image placeholder" style={${style}} />`);
      return;
    }
    const tag = control === 'button' ? 'button' : 'div';
    const attrs = control === 'button' ? ' type="button"' : '';
    if (!children.length) {
      this.lines.push(`${indent}<${tag}${attrs} style={${style}} />`);
      return;
    }
    this.lines.push(`${indent}<${tag}${attrs} style={${style}}>`);
    this.nodes(children, `${indent}  `, 'column', { behind: r.fill, textTag: control === 'button' ? 'span' : undefined });
    this.lines.push(`${indent}</${tag}>`);
  }

  /**
   * A form field. Its line is the placeholder (a select's chosen option), which the browser places: centred in an
   * input or a select, at the top of a text area's padding; the insets and the font are ours to set. Chromium indents
   * a select's option by 4 px of its own.
   */
  field(control: 'input' | 'select' | 'textarea', item: Extract<Item, { kind: 'region' }>, box: Style, indent: string): void {
    const r = item.region;
    const line = item.content[0]?.kind === 'text' ? item.content[0] : undefined;
    const b = r.border?.width ?? 0;
    const own = control === 'select' ? 4 : 0;
    const inset = line ? Math.max(0, line.text.left - r.x - b - own) : 8 - own;
    const top = control === 'textarea' && line ? Math.max(0, line.text.top - r.y - b) : 0;
    const style = styleObject([
      ...box,
      ['boxSizing', 'border-box'],
      ['padding', `${top ? `${num(top)}px` : 0} 0 0 ${num(inset)}px`],
      ...(line ? textStyle(line.text) : []),
      ['resize', control === 'textarea' ? 'none' : undefined],
    ]);
    if (line) {
      this.order.push(line.index);
      this.placeholders.push(line.index);
    }
    const text = line ? `{${str(line.text.text)}}` : '';
    if (control === 'select') {
      this.lines.push(`${indent}<select style={${style}}>`, `${indent}  <option>${text}</option>`, `${indent}</select>`);
      return;
    }
    const placeholder = line ? ` placeholder=${text}` : '';
    this.lines.push(control === 'input' ? `${indent}<input type="text"${placeholder} style={${style}} />` : `${indent}<textarea${placeholder} style={${style}} />`);
  }

  nodes(nodes: Node[], indent: string, direction: 'row' | 'column', outer: Context): void {
    const radios = nodes.filter((n) => n.kind === 'item' && n.item.kind === 'region' && n.item.region.control?.type === 'radio').length;
    const ctx = radios >= 2 ? { ...outer, radioName: `choice-${++this.choices}` } : { ...outer, radioName: undefined };
    const tables = ctx.textTag ? [] : tableRuns(nodes, direction);
    const lists = ctx.textTag ? [] : listRuns(nodes, direction);
    for (let i = 0; i < nodes.length; i++) {
      const table = tables.find(([start]) => start === i);
      const list = lists.find(([start]) => start === i);
      if (table) this.table(nodes.slice(table[0], table[1]) as Array<Extract<Node, { kind: 'group' }>>, indent, ctx);
      else if (list) this.list(nodes.slice(list[0], list[1]), indent, direction, ctx);
      else {
        this.node(nodes[i], indent, ctx);
        continue;
      }
      i = (table ?? list)![1] - 1;
    }
  }

  node(node: Node, indent: string, ctx: Context): void {
    if (node.kind === 'item') {
      this.item(node.item, node, node.children, indent, ctx);
    } else if (node.kind === 'group') {
      this.lines.push(`${indent}<div style={${styleObject([...placement(node), ...flex(node.direction)])}}>`);
      this.nodes(node.children, `${indent}  `, node.direction, ctx);
      this.lines.push(`${indent}</div>`);
    } else {
      this.lines.push(`${indent}<div style={${styleObject([...placement(node), ['position', 'relative'], ['width', node.width], ['height', node.height]])}}>`);
      for (const free of node.items) this.item(free.item, { left: free.left, top: free.top }, free.children, `${indent}  `, ctx);
      this.lines.push(`${indent}</div>`);
    }
  }

  /** A run of lines as a list: the list takes the first item's offset along the flow, so every line stays in place. */
  list(items: Node[], indent: string, direction: 'row' | 'column', ctx: Context): void {
    const [first, ...rest] = items as Array<Extract<Node, { kind: 'item' }>>;
    const along = direction === 'column' ? { marginTop: first.marginTop, marginLeft: 0 } : { marginTop: 0, marginLeft: first.marginLeft };
    const firstPlace = direction === 'column' ? { marginTop: 0, marginLeft: first.marginLeft } : { marginTop: first.marginTop, marginLeft: 0 };
    this.lines.push(`${indent}<ul style={${styleObject([...placement(along, 'reset'), ['padding', 0], ['listStyle', 'none'], ...flex(direction)])}}>`);
    this.item(first.item, firstPlace, [], `${indent}  `, { ...ctx, textTag: 'li' });
    for (const node of rest) this.item(node.item, node, [], `${indent}  `, { ...ctx, textTag: 'li' });
    this.lines.push(`${indent}</ul>`);
  }

  /**
   * Rows of text cells as a table. The table and its rows keep the flex layout that places every cell where it was
   * measured (its sections generate no box of their own); a first row in bold is the header.
   */
  table(rows: Array<Extract<Node, { kind: 'group' }>>, indent: string, ctx: Context): void {
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
    this.lines.push(`${indent}<table style={${styleObject([...placement({ marginTop: first.marginTop, marginLeft: 0 }), ['borderCollapse', 'collapse'], ...flex('column')])}}>`);
    const section = (tag: 'thead' | 'tbody', part: typeof rows, cellTag: 'th' | 'td') => {
      this.lines.push(`${indent}  <${tag} style={{ display: "contents" }}>`);
      for (const row of part) {
        this.lines.push(`${indent}    <tr style={${styleObject([...placement(placeOf(row)), ...flex('row')])}}>`);
        for (const cell of row.children) {
          if (cell.kind === 'item' && cell.item.kind === 'text') this.item(cell.item, cell, [], `${indent}      `, { ...ctx, textTag: cellTag });
          else {
            // A box of lines: the cell generates no box, so the box is laid out in the row as measured.
            this.lines.push(`${indent}      <${cellTag} style={{ display: "contents" }}>`);
            this.node(cell, `${indent}        `, ctx);
            this.lines.push(`${indent}      </${cellTag}>`);
          }
        }
        this.lines.push(`${indent}    </tr>`);
      }
      this.lines.push(`${indent}  </${tag}>`);
    };
    if (header) section('thead', rows.slice(0, 1), 'th');
    section('tbody', header ? rows.slice(1) : rows, 'td');
    this.lines.push(`${indent}</table>`);
  }
}

export function emitComponent({ name, width, height, background, regions, texts }: EmitInput): Emitted {
  const root = styleObject([
    ['position', 'relative'],
    ['width', width],
    ['height', height],
    ['background', rgb(background)],
    ['overflow', 'hidden'],
    ...flex('column'),
  ]);
  const writer = new Writer();
  writer.nodes(layoutContent(containmentTree(regions, texts), { x: 0, y: 0 }), '      ', 'column', { behind: background });
  const code = [
    "import React from 'react';",
    '',
    `export default function ${name}() {`,
    '  return (',
    `    <div style={${root}}>`,
    ...writer.lines,
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n');
  return { code, order: writer.order, placeholders: writer.placeholders };
}
