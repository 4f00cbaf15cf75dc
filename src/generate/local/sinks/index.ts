// The sink for each output style: where the local emitter's element styles go.
import type { OutputStyle, StyleSink, Theme } from '../../style.js';
import { defaultTheme } from '../../theme.js';
import { createCssModuleSink } from './css-modules.js';
import { inlineSink } from './inline.js';
import { createTailwindSink } from './tailwind.js';
import type { Snap } from './values.js';

/**
 * A fresh sink (sinks collect rules, so one per emitted component), its values cleaned at `snap` (values.ts). Colours
 * snap to the project's theme, or to Tailwind's default palette when there is none.
 */
export function sinkFor(style: OutputStyle, { theme, snap = 'scale' }: { theme?: Theme; snap?: Snap } = {}): StyleSink {
  const tokens = theme ?? defaultTheme();
  if (style === 'tailwind') return createTailwindSink({ theme: tokens, snap });
  if (style === 'css-modules') return createCssModuleSink({ theme: tokens, snap });
  return inlineSink({ snap, theme: tokens, variables: true });
}
