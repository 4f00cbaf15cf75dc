// Measured values made into the values a developer writes: lengths on the 4 px grid, whole pixels, colours from the
// theme's palette. Shared by the CSS-module and Tailwind sinks.
import { colorDistance, parseColor, toHex, type Rgba } from '../../color.js';
import type { StyleEntries, Theme } from '../../style.js';

/** React's unitless properties: a number there is not px. */
const UNITLESS = new Set(['fontWeight', 'lineHeight', 'opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'order', 'zoom', 'columnCount', 'aspectRatio']);

export const kebab = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^(webkit|moz|ms)-/, '-$1-');

/** A measured length within this many px of the 4 px grid is snapped onto it (measurement noise, not design). */
export const GRID_TOLERANCE = 0.5;
/** Colours within this OKLab distance of a theme colour become that colour (about the smallest visible difference). */
export const COLOR_TOLERANCE = 0.02;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** A length in px: onto the 4 px grid when close, else to whole px when close, else as measured (to 0.1 px). */
export function snapLength(px: number): number {
  const grid = Math.round(px / 4) * 4;
  if (Math.abs(px - grid) <= GRID_TOLERANCE) return grid;
  const whole = Math.round(px);
  return Math.abs(px - whole) < 0.15 ? whole : round(px, 1);
}

/** Properties whose numbers are positions or sizes (snapped); font sizes and line heights go to whole pixels only. */
const SNAPPED = /^(margin|padding|gap|rowGap|columnGap|width|height|minWidth|minHeight|maxWidth|maxHeight|top|left|right|bottom|borderRadius)/;
const WHOLE = /^(fontSize|lineHeight)$/;

/** `12px` or a number in px, snapped per property; other values unchanged (`exact`: to a tenth of a px, as measured). */
export function cleanLength(prop: string, value: number, exact = false): number {
  if (exact) return round(value, 1);
  if (SNAPPED.test(prop)) return snapLength(value);
  if (WHOLE.test(prop)) return Math.abs(value - Math.round(value)) <= 0.25 ? Math.round(value) : value;
  return value;
}

/** The CSS text of one entry, lengths snapped; undefined entries are dropped by the caller. */
export function cssValue(prop: string, value: string | number, exact = false): string {
  if (typeof value === 'number') return UNITLESS.has(prop) ? String(value) : value === 0 ? '0' : `${cleanLength(prop, value, exact)}px`;
  // Shorthands written as text ('12.4px 0 0 7.8px', '19px'): each length snapped.
  if (SNAPPED.test(prop) || WHOLE.test(prop)) return value.replace(/(-?[\d.]+)px/g, (_, n: string) => `${cleanLength(prop, Number(n), exact)}px`);
  return value;
}

/** The entries as CSS declarations `[kebab-property, value]`, undefined dropped, lengths snapped. */
export function declarations(entries: StyleEntries, exact = false): Array<[string, string]> {
  return entries.filter((e): e is [string, string | number] => e[1] !== undefined).map(([prop, value]) => [kebab(prop), cssValue(prop, value, exact)]);
}

export const COLOR_PATTERN = /rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}\b/g;

/** The theme colour (token name) nearest to `color`, when within `tolerance` (OKLab) and opaque. */
export function nearestToken(color: Rgba, theme: Theme | undefined, tolerance = COLOR_TOLERANCE): string | undefined {
  if (!theme || color[3] < 1) return undefined;
  let best: string | undefined, bestDistance = tolerance;
  for (const [name, value] of Object.entries(theme.colors)) {
    const token = parseColor(value);
    if (!token || token[3] < 1) continue;
    const distance = colorDistance(color, token);
    if (distance <= bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** A colour as hex, or onto the theme's token colour when one is that close (`exact`: only a token of the very colour). */
export function cleanColor(text: string, theme?: Theme, exact = false): { hex: string; token?: string } | undefined {
  const color = parseColor(text);
  if (!color) return undefined;
  const token = nearestToken(color, theme, exact ? 1e-9 : COLOR_TOLERANCE);
  return token ? { hex: theme!.colors[token], token } : { hex: toHex(color) };
}

export const px = (value: string): number | undefined => {
  const m = /^(-?[\d.]+)(px|rem)?$/.exec(value.trim());
  return m ? Number(m[1]) * (m[2] === 'rem' ? 16 : 1) : undefined;
};
