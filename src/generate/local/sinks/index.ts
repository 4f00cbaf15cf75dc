// The sink for each output style: where the local emitter's element styles go.
import type { OutputStyle, StyleSink, Theme } from '../../style.js';
import { defaultTheme } from '../../theme.js';
import { createCssModuleSink } from './css-modules.js';
import { inlineSink } from './inline.js';
import { createTailwindSink } from './tailwind.js';

/**
 * A fresh sink (sinks collect rules, so one per emitted component). `exact`: values as measured, no snapping to a scale
 * or a palette; the provider falls back to it where the snapped code draws measurably worse.
 */
export function sinkFor(style: OutputStyle, { theme, exact = false }: { theme?: Theme; exact?: boolean } = {}): StyleSink {
  if (style === 'tailwind') return createTailwindSink({ theme: theme ?? defaultTheme(), exact });
  if (style === 'css-modules') return createCssModuleSink({ theme, exact });
  return inlineSink({ exact });
}
