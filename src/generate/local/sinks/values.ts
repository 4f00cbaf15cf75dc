// Measured values made into the values a developer writes: lengths on the 4 px grid (Tailwind's spacing scale), font
// sizes on whole pixels or the theme's scale, colours from the theme's palette, radii from its scale. Shared by the
// sinks. How far a value may move is a level (`Snap`); the local engine renders the levels and keeps the roundest one
// that still draws the design within the clean-or-exact budget (0.003 mismatch), so a snap never costs fidelity.
import { colorDistance, parseColor, toHex, type Rgba } from '../../color.js';
import type { StyleEntries, Theme } from '../../style.js';

/**
 * Roundest first. `grid`: places and sizes as the emitter wrote them from edges it snapped onto the 4 px grid itself
 * (layout.ts `gridItems`: snapping each length here would add up its errors along a flow), font sizes and radii to the
 * theme's scale (else whole px), colours to the palette. `scale`: every length to the 4 px grid on its own (what a
 * sink can do without the layout). `tokens`: what does not move a text or a box: colours to the palette, radii to the scale; lengths as
 * the emitter wrote them. `whole`: the emitter's clean values (whole-pixel places, clean font sizes), near-identical
 * colours to the palette. `exact`: as measured.
 */
export type Snap = 'grid' | 'scale' | 'tokens' | 'whole' | 'exact';
/**
 * The candidates the engine tries, roundest first: a level, and whether the layout puts edges on the grid. The grid is
 * tried again with `whole` colours, since a palette colour over a large area can cost the budget alone. `scale` is not
 * one: snapped margin by margin, texts drift too far to pass the guard.
 */
export const SNAP_LEVELS: ReadonlyArray<{ snap: Snap; grid: boolean }> = [
  { snap: 'grid', grid: true },
  { snap: 'tokens', grid: false },
  { snap: 'whole', grid: true },
  { snap: 'whole', grid: false },
  { snap: 'exact', grid: false },
];

/** React's unitless properties: a number there is not px. */
const UNITLESS = new Set(['fontWeight', 'lineHeight', 'opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'order', 'zoom', 'columnCount', 'aspectRatio']);

export const kebab = (prop: string) => (prop.startsWith('--') ? prop : prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^(webkit|moz|ms)-/, '-$1-'));

/**
 * OKLab distance within which a measured colour becomes a palette colour, per level: 0.02 is about the smallest
 * difference people notice side by side (Tailwind v3's and v4's blue-600 are 0.03 apart: not the same colour).
 */
export const COLOR_TOLERANCE: Record<Snap, number> = { grid: 0.02, scale: 0.02, tokens: 0.02, whole: 0.01, exact: 1e-9 };
/** How far a font size or radius may move onto a theme token at the `scale` level, in px. */
const TOKEN_SLACK = { fontSize: 1, radius: 2 };

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** A length on the 4 px grid; below 4 px (hairlines, small offsets) whole pixels, which Tailwind's scale also has. */
export function snapLength(px: number): number {
  if (Math.abs(px) < 4) return Math.round(px);
  return Math.round(px / 4) * 4;
}

/**
 * Properties whose numbers are positions or sizes (the grid); font sizes and line heights go to whole pixels. The
 * root's `maxWidth` and `minHeight` are the design's own size, never snapped: a 150 px design is not 152 px tall.
 */
const SNAPPED = /^(margin|padding|gap|rowGap|columnGap|width|height|minWidth|maxHeight|top|left|right|bottom)/;
const WHOLE = /^(fontSize|lineHeight|borderRadius|border\w*Radius)$/;

/** The theme token (as px) within `slack` of `value`, nearest first. */
function nearestOnScale(value: number, table: Record<string, string> | undefined, slack: number): number | undefined {
  let best: number | undefined;
  for (const v of Object.values(table ?? {})) {
    const p = px(v);
    if (p !== undefined && Math.abs(p - value) <= slack && (best === undefined || Math.abs(p - value) < Math.abs(best - value))) best = p;
  }
  return best;
}

/** A length in px for one property at one level. */
export function cleanLength(prop: string, value: number, snap: Snap = 'scale', theme?: Theme): number {
  if (snap === 'exact' || snap === 'whole') return round(value, 1);
  if (/Radius$/.test(prop) && value < 9999) return nearestOnScale(value, theme?.radius, TOKEN_SLACK.radius) ?? Math.round(value);
  if (snap === 'tokens' || (snap === 'grid' && SNAPPED.test(prop))) return round(value, 1);
  if (SNAPPED.test(prop)) return snapLength(value);
  if (prop === 'fontSize') return nearestOnScale(value, theme?.fontSize, TOKEN_SLACK.fontSize) ?? Math.round(value);
  if (WHOLE.test(prop)) return Math.round(value);
  return value;
}

/** The CSS text of one entry at one level: lengths snapped, colours onto the palette. */
export function cssValue(prop: string, value: string | number, snap: Snap = 'scale', theme?: Theme): string {
  if (typeof value === 'number') return UNITLESS.has(prop) ? String(value) : value === 0 ? '0' : `${cleanLength(prop, value, snap, theme)}px`;
  // Shorthands written as text ('12.4px 0 0 7.8px', '19px'): each length snapped.
  const lengths = SNAPPED.test(prop) || WHOLE.test(prop) ? value.replace(/(-?[\d.]+)px/g, (_, n: string) => `${cleanLength(prop, Number(n), snap, theme)}px`) : value;
  return lengths.replace(COLOR_PATTERN, (c) => cleanColor(c, theme, snap)?.hex ?? c);
}

/** The entries as CSS declarations `[kebab-property, value]`, undefined dropped, values cleaned at the level. */
export function declarations(entries: StyleEntries, snap: Snap = 'scale', theme?: Theme): Array<[string, string]> {
  return entries.filter((e): e is [string, string | number] => e[1] !== undefined).map(([prop, value]) => [kebab(prop), cssValue(prop, value, snap, theme)]);
}

export const COLOR_PATTERN = /rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}\b/g;

/** The theme colour (token name) nearest to `color`, when within `tolerance` (OKLab) and opaque. */
export function nearestToken(color: Rgba, theme: Theme | undefined, tolerance = COLOR_TOLERANCE.scale): string | undefined {
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

/** A colour as hex, or the theme's token colour when one is within the level's distance. */
export function cleanColor(text: string, theme?: Theme, snap: Snap = 'scale'): { hex: string; token?: string } | undefined {
  const color = parseColor(text);
  if (!color) return undefined;
  const token = nearestToken(color, theme, COLOR_TOLERANCE[snap]);
  return token ? { hex: theme!.colors[token], token } : { hex: toHex(color) };
}

export const px = (value: string): number | undefined => {
  const m = /^(-?[\d.]+)(px|rem)?$/.exec(value.trim());
  return m ? Number(m[1]) * (m[2] === 'rem' ? 16 : 1) : undefined;
};

/**
 * Colours written more than once across the component (after cleaning at the level) that `keep` lets through, each
 * with a custom property name: the theme's token name when the colour is one (`--color-slate-900`), else the role of
 * the first element that uses it (`--color-title`). A developer changes such a colour in one place.
 */
export function repeatedColors(elements: Array<{ entries: StyleEntries; role: string }>, { snap, theme, keep = () => true }: { snap: Snap; theme?: Theme; keep?: (hex: string, token?: string) => boolean }): Map<string, string> {
  const uses = new Map<string, { count: number; role: string; token?: string }>();
  for (const { entries, role } of elements) {
    for (const [prop, value] of entries) {
      if (typeof value !== 'string' || prop.startsWith('--')) continue;
      for (const c of value.match(COLOR_PATTERN) ?? []) {
        const clean = cleanColor(c, theme, snap);
        if (!clean) continue;
        const hex = clean.hex.toLowerCase();
        const entry = uses.get(hex) ?? { count: 0, role, token: clean.token };
        entry.count++;
        uses.set(hex, entry);
      }
    }
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const [hex, { count, role, token }] of uses) {
    if (count < 2 || !keep(hex, token)) continue;
    const base = `--color-${(token ?? role).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/[^a-z0-9-]+/gi, '-')}`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    names.set(hex, name);
  }
  return names;
}

/** The value with each colour that has a variable written as `var(--name)` (colours cleaned at the level first). */
export const withVariables = (value: string, variables: Map<string, string>, snap: Snap, theme?: Theme) =>
  value.replace(COLOR_PATTERN, (c) => {
    const hex = cleanColor(c, theme, snap)?.hex.toLowerCase();
    return hex && variables.has(hex) ? `var(${variables.get(hex)})` : c;
  });
