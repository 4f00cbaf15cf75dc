// The analysis as a React component: one default-exported function, inline styles, React the only import. The layout
// (layout.ts) is flexbox rows and columns whose margins reproduce the measured positions; the output is the same for
// the same analysis.
import type { Region, Rgb } from './segment.js';
import type { FittedText } from './fit.js';
import { containmentTree, layoutContent, type Item, type Node } from './layout.js';

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
  // Headings and paragraphs have default margins: they get all four, divs only the non-zero ones.
  if (margins === 'reset') return [['flexShrink', 0], ['margin', `${num(top)}px 0 0 ${num(left)}px`]];
  return [['flexShrink', 0], ['marginTop', top || undefined], ['marginLeft', left || undefined]];
};

const flex = (direction: 'row' | 'column'): Style => [['display', 'flex'], ['flexDirection', direction], ['alignItems', 'flex-start']];

/** A heading for large text, a paragraph otherwise. */
const tagFor = (text: FittedText) => (text.fontSize >= 28 ? 'h1' : text.fontSize >= 21 ? 'h2' : 'p');

class Writer {
  lines: string[] = [];
  order: number[] = [];

  item(item: Item, place: Place, children: Node[], indent: string): void {
    if (item.kind === 'text') {
      const t = item.text;
      const tag = tagFor(t);
      const style = styleObject([
        ...placement(place, 'reset'),
        ['width', item.width],
        ['fontFamily', `'${t.fontFamily}'`],
        ['fontSize', t.fontSize],
        ['fontWeight', t.fontWeight],
        ['lineHeight', `${t.lineHeight}px`],
        ['color', rgb(t.color)],
        ['whiteSpace', 'pre'],
      ]);
      this.order.push(item.index);
      this.lines.push(`${indent}<${tag} style={${style}}>{${str(t.text)}}</${tag}>`);
      return;
    }
    const r = item.region;
    const style = styleObject([
      ...placement(place),
      ['width', r.width],
      ['height', r.height],
      ['background', rgb(r.fill)],
      ['borderRadius', r.radius || undefined],
      ['border', r.border ? `${r.border.width}px solid ${rgb(r.border.color)}` : undefined],
      ['boxSizing', r.border ? 'border-box' : undefined],
      ...(children.length ? flex('column') : []),
    ]);
    if (r.kind === 'image') {
      this.lines.push(`${indent}<div role="img" aria-label="Image placeholder" style={${style}} />`);
      return;
    }
    if (!children.length) {
      this.lines.push(`${indent}<div style={${style}} />`);
      return;
    }
    this.lines.push(`${indent}<div style={${style}}>`);
    this.nodes(children, `${indent}  `);
    this.lines.push(`${indent}</div>`);
  }

  nodes(nodes: Node[], indent: string): void {
    for (const node of nodes) {
      if (node.kind === 'item') {
        this.item(node.item, node, node.children, indent);
      } else if (node.kind === 'group') {
        this.lines.push(`${indent}<div style={${styleObject([...placement(node), ...flex(node.direction)])}}>`);
        this.nodes(node.children, `${indent}  `);
        this.lines.push(`${indent}</div>`);
      } else {
        this.lines.push(`${indent}<div style={${styleObject([...placement(node), ['position', 'relative'], ['width', node.width], ['height', node.height]])}}>`);
        for (const free of node.items) this.item(free.item, { left: free.left, top: free.top }, free.children, `${indent}  `);
        this.lines.push(`${indent}</div>`);
      }
    }
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
  writer.nodes(layoutContent(containmentTree(regions, texts), { x: 0, y: 0 }), '      ');
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
  return { code, order: writer.order };
}
