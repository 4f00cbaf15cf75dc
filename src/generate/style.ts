// The contract between the output styles and everything that writes code in them: the engines (local emitter, model
// prompt), the writer (one or two files) and the renderer (CSS module, Tailwind). Shared here so that each side can be
// built on its own.

/** How a component carries its styles. `auto` is resolved from the user's project before any engine runs. */
export type OutputStyle = 'inline' | 'css-modules' | 'tailwind';
export type OutputStyleOption = OutputStyle | 'auto';
export const OUTPUT_STYLES: readonly OutputStyleOption[] = ['auto', 'tailwind', 'css-modules', 'inline'];

/** Design tokens from the user's theme (Tailwind v4 `@theme`, v3 `tailwind.config.*`), or Tailwind's defaults. */
export interface Theme {
  /** Token name → CSS colour (`slate-900` → `#0f172a`). */
  colors: Record<string, string>;
  /** Token name → CSS length (`4` → `1rem`); Tailwind's spacing scale. */
  spacing: Record<string, string>;
  /** Token name → font size (`sm` → `0.875rem`). */
  fontSize: Record<string, string>;
  /** Token name → radius (`md` → `0.375rem`). */
  radius: Record<string, string>;
  /** Token name → font stack (`sans` → ['Inter', 'sans-serif']). */
  fontFamily: Record<string, string[]>;
  /** Where the theme came from: a file of the user's project, or 'tailwind defaults'. */
  source: string;
  /**
   * Whether the project's stylesheet includes Tailwind's base styles (preflight), which already reset margins,
   * paddings, borders and box sizing: classes restating them are left out. Unset: not known, so they are written.
   */
  preflight?: boolean;
}

/**
 * Camel-cased CSS properties and their values as the local emitter produces them; a number is px where CSS needs a
 * unit (React's own rule for style objects). `undefined` entries are dropped.
 */
export type StyleEntries = Array<[property: string, value: string | number | undefined]>;

/**
 * Where an element's styles go. The emitter asks the sink for each element's attribute text; the sink for `inline`
 * writes `style={{...}}`, the one for `css-modules` a class of its module, the one for `tailwind` utility classes.
 * `role` names what the element is (`card`, `title`, `price`), for readable class names.
 * `dynamic` are entries whose values are JS expressions (for `.map` over data: `['color', 'item.color']`).
 */
export interface StyleSink {
  readonly style: OutputStyle;
  /** The page has Tailwind's preflight: headings and controls inherit their font, margins and paddings are reset. */
  readonly preflight?: boolean;
  /** `hint`: the element's first words of text, for a class name a reader recognises (`.searchResults`, not `.title2`). */
  attr(entries: StyleEntries, role: string, dynamic?: Array<[property: string, expression: string]>, hint?: string): string;
  /**
   * Every element's entries before any is printed (the emitter calls it once), so a sink can see which colours repeat
   * and define them once on the root.
   */
  prepare?(elements: Array<{ entries: StyleEntries; role: string }>): void;
  /** Import lines the component needs (none for inline and tailwind). */
  imports(componentName: string): string[];
  /** The CSS module's text, for `css-modules`; undefined otherwise. */
  css(): string | undefined;
}

/** A component as the engines produce it: its TSX and, for `css-modules`, its module's CSS. */
export interface ComponentSource {
  code: string;
  css?: string;
}

/** The CSS module beside a component: `Pricing.tsx` → `Pricing.module.css`, imported as `./Pricing.module.css`. */
export const styleModuleName = (componentName: string) => `${componentName}.module.css`;
