// The analysis as a React component: one default-exported function, inline styles, React the only import. Boxes are
// placed where they were found, texts where their ink was found; the output is the same for the same analysis.
import type { Region, Rgb } from './segment.js';
import type { FittedText } from './fit.js';

export interface EmitInput {
  name: string;
  width: number;
  height: number;
  background: Rgb;
  regions: Region[];
  texts: FittedText[];
}

const rgb = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
const num = (n: number) => String(Math.round(n * 10) / 10);
const str = (s: string) => JSON.stringify(s);

function styleObject(entries: Array<[string, string | number | undefined]>): string {
  return `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? num(v) : str(v as string)}`)
    .join(', ')} }`;
}

function regionJsx(region: Region, indent: string): string[] {
  const style = styleObject([
    ['position', 'absolute'],
    ['left', region.x],
    ['top', region.y],
    ['width', region.width],
    ['height', region.height],
    ['background', rgb(region.fill)],
    ['borderRadius', region.radius || undefined],
    ['border', region.border ? `${region.border.width}px solid ${rgb(region.border.color)}` : undefined],
    ['boxSizing', region.border ? 'border-box' : undefined],
  ]);
  if (region.kind === 'image') return [`${indent}<div role="img" aria-label="Image placeholder" style={${style}} />`];
  return [`${indent}<div style={${style}} />`, ...region.children.flatMap((child) => regionJsx(child, indent))];
}

/** A heading for large text, a paragraph otherwise. */
const tagFor = (text: FittedText) => (text.fontSize >= 28 ? 'h1' : text.fontSize >= 21 ? 'h2' : 'p');

function textJsx(text: FittedText, indent: string): string {
  const tag = tagFor(text);
  const style = styleObject([
    ['position', 'absolute'],
    ['left', text.left],
    ['top', text.top],
    ['margin', 0],
    ['fontFamily', `'${text.fontFamily}'`],
    ['fontSize', text.fontSize],
    ['fontWeight', text.fontWeight],
    ['lineHeight', `${text.lineHeight}px`],
    ['color', rgb(text.color)],
    ['whiteSpace', 'pre'],
  ]);
  return `${indent}<${tag} style={${style}}>{${str(text.text)}}</${tag}>`;
}

export function emitComponent({ name, width, height, background, regions, texts }: EmitInput): string {
  const indent = '      ';
  const root = styleObject([
    ['position', 'relative'],
    ['width', width],
    ['height', height],
    ['background', rgb(background)],
    ['overflow', 'hidden'],
  ]);
  return [
    "import React from 'react';",
    '',
    `export default function ${name}() {`,
    '  return (',
    `    <div style={${root}}>`,
    ...regions.flatMap((r) => regionJsx(r, indent)),
    ...texts.map((t) => textJsx(t, indent)),
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n');
}
