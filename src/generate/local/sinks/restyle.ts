// GLUE until the rewritten emitter calls a StyleSink itself: today's emitter prints inline `style={{ … }}` objects of
// numbers and JSON strings; this reads them back and hands each to the sink, so the local engine honours every style.
import type { ComponentSource, OutputStyle, StyleEntries, StyleSink, Theme } from '../../style.js';
import { defaultTheme } from '../../theme.js';
import { createCssModuleSink } from './css-modules.js';
import { createTailwindSink } from './tailwind.js';

const ROLES: Record<string, string> = { div: 'box', p: 'text', span: 'text', h1: 'heading', h2: 'subheading', h3: 'subheading', button: 'button', input: 'field', textarea: 'textArea', select: 'select', ul: 'list', li: 'item', table: 'table', tr: 'row', td: 'cell', th: 'headerCell', thead: 'head', tbody: 'body', label: 'label' };

/** `{ position: "absolute", left: 12, top: 4.5 }` as entries; undefined when the object is not a plain literal one. */
export function parseStyleObject(text: string): StyleEntries | undefined {
  const entries: StyleEntries = [];
  // Also as Prettier prints it: one entry a line, trailing comma.
  const body = text.replace(/\s+/g, ' ').trim().replace(/,$/, '');
  const rest = body.replace(/(\w+): (-?[\d.]+|"(?:[^"\\]|\\.)*")(?:, |\s*$)/g, (_, key: string, value: string) => {
    entries.push([key, value.startsWith('"') ? (JSON.parse(value) as string) : Number(value)]);
    return '';
  });
  return rest.trim() === '' ? entries : undefined;
}

export function sinkFor(style: Exclude<OutputStyle, 'inline'>, theme?: Theme): StyleSink {
  if (style === 'tailwind') return createTailwindSink({ theme: theme ?? defaultTheme() });
  return createCssModuleSink({ theme });
}

/** The inline component in `style` (inline is returned as it is). */
export function restyle(code: string, { style, name, theme }: { style: OutputStyle; name: string; theme?: Theme }): ComponentSource {
  if (style === 'inline') return { code };
  const sink = sinkFor(style, theme);
  let first = true;
  const body = code.replace(/<(\w+)([^<>]*?)\s+style=\{\{([^{}]*)\}\}/g, (whole, tag: string, before: string, object: string) => {
    const entries = parseStyleObject(object);
    if (!entries) return whole;
    const role = first ? 'root' : (ROLES[tag] ?? tag);
    first = false;
    return `<${tag}${before} ${sink.attr(entries, role)}`;
  });
  const imports = sink.imports(name);
  const withImports = imports.length ? body.replace(/^(import React from ['"]react['"];\n)/m, `$1${imports.join('\n')}\n`) : body;
  const css = sink.css();
  return css === undefined ? { code: withImports } : { code: withImports, css };
}
