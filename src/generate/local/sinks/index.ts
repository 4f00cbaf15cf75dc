// The sink for each output style: where the local emitter's element styles go.
import type { OutputStyle, StyleSink, Theme } from '../../style.js';
import { defaultTheme } from '../../theme.js';
import { createCssModuleSink } from './css-modules.js';
import { inlineSink } from './inline.js';
import { createTailwindSink, utilities } from './tailwind.js';
import { cssModuleBreakpointSink, tailwindBreakpointSink, type BreakpointSink } from '../../breakpoints.js';
import { inlineBreakpointSink } from './inline.js';
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

/**
 * The breakpoint sink of a responsive design in each output style (breakpoints.ts): inline rules in a scoped
 * `<style>`, media blocks in the CSS module, or `min-[<width>px]:` utilities from the tailwind sink's own mapping.
 * `widths` narrowest first.
 */
export function breakpointSinkFor(style: OutputStyle, component: string, widths: readonly number[], { theme, snap = 'exact' }: { theme?: Theme; snap?: Snap } = {}): BreakpointSink & { imports?(component: string): string[] } {
  if (style === 'tailwind') {
    const tokens = { ...(theme ?? defaultTheme()), snap };
    return { ...tailwindBreakpointSink(widths, (property, value) => utilities(property, value, tokens)), preflight: tokens.preflight };
  }
  if (style === 'css-modules') return cssModuleBreakpointSink(widths);
  return inlineBreakpointSink(component, widths);
}
