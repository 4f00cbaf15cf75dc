// The UI2Code prompt, versioned: a change of wording is a change of output, so PROMPT_VERSION is part of the cache key.
import type { Hints, Scores } from '../types.js';
import { styleModuleName, type OutputStyle, type Theme } from './style.js';

export const PROMPT_VERSION = 'ui2code-prompt-3';

/** What the prompts need to know about the output style: the style, the component's name (its module's name) and the theme. */
export interface StylePrompt {
  style?: OutputStyle;
  name?: string;
  theme?: Theme;
}

const px = (value: string) => {
  const m = /^(-?[\d.]+)(rem|px)$/.exec(value.trim());
  return m ? `${Number((Number(m[1]) * (m[2] === 'rem' ? 16 : 1)).toFixed(2))}px` : value;
};

/** The theme as the model needs it: the project's own colour tokens in full, Tailwind's default palette by name. */
export function themeLines(theme: Theme, defaults?: Theme): string[] {
  const own = Object.entries(theme.colors).filter(([name, value]) => defaults?.colors[name] !== value);
  const families = [...new Set(Object.keys(theme.colors).filter((n) => defaults?.colors[n] !== undefined).map((n) => n.replace(/-\d+$/, '')))];
  const lines = [`Theme (from ${theme.source}):`];
  if (own.length) lines.push(`- colour tokens: ${own.slice(0, 120).map(([n, v]) => `${n} ${v}`).join(', ')}`);
  if (families.length) lines.push(`- Tailwind's default palette: ${families.join(', ')} (shades 50-950)`);
  lines.push(`- font sizes: ${Object.entries(theme.fontSize).map(([n, v]) => `text-${n} ${px(v)}`).join(', ')}`);
  lines.push(`- radii: ${Object.entries(theme.radius).map(([n, v]) => `rounded-${n} ${px(v)}`).join(', ')}`);
  const step = theme.spacing['1'];
  if (step) lines.push(`- spacing: p-1 = ${px(step)}; any whole or half step (p-4 = ${px(theme.spacing['4'] ?? '1rem')}, w-70, mt-2.5)`);
  const fonts = Object.entries(theme.fontFamily).map(([n, v]) => `font-${n} (${v[0]})`);
  if (fonts.length) lines.push(`- font families: ${fonts.join(', ')}`);
  return lines;
}

/** The rules for where styles go, per output style. */
function styleRules({ style = 'inline', name = 'Component' }: StylePrompt): string[] {
  if (style === 'css-modules') {
    const module = styleModuleName(name);
    return [
      `- a default-exported function component in TypeScript named ${name}; its only imports: "react" and its CSS module, exactly \`import styles from './${module}';\` (no other packages, no assets);`,
      '- styles in that CSS module: each element gets `className={styles.role}`, one class per role named for what the element is (card, title, price; camelCase), identical rule sets share one class; colours used more than once are custom properties on the root class (`--color-accent: #2563eb;` then `var(--color-accent)`);',
      '- the module styles only its own classes: no element, id, `*`, `:root` or `:global` selectors, no @import, no @font-face, no url() other than data:image;',
    ];
  }
  if (style === 'tailwind') {
    return [
      '- a default-exported function component in TypeScript; no imports except from "react" (no other packages, no CSS files, no assets);',
      '- styles as Tailwind CSS v4 utility classes in className, from the theme below: its colour tokens (`bg-brand`, `text-slate-900`), its spacing scale, font sizes and radii; an arbitrary value (`w-[123px]`, `bg-[#1e2a3b]`) only where no token fits; no inline style objects, no CSS-in-JS;',
      '- never url(), image-set() or @import inside a class;',
    ];
  }
  return [
    '- a default-exported function component in TypeScript; no imports except from "react" (no other packages, no CSS files, no assets);',
    '- styles as inline style objects only (no class names, no CSS-in-JS libraries, no Tailwind);',
  ];
}

/** How the answer is fenced, per output style. */
const answerRule = (style: OutputStyle = 'inline') =>
  style === 'css-modules'
    ? 'Answer with two code blocks and nothing after them: the whole component in one ```tsx block, then the whole CSS module in one ```css block.'
    : 'Answer with the whole file in one ```tsx code block and nothing after it.';

export function systemPrompt(options: StylePrompt = {}): string {
  return [
    'You are an expert front-end engineer who turns UI screenshots into React components, pixel for pixel.',
    options.style === 'css-modules' ? 'Write exactly one .tsx file and its CSS module:' : 'Write exactly one self-contained .tsx file:',
    ...styleRules(options),
    '- the root element has exactly the screenshot\'s CSS width and height (given below), position: relative, overflow: hidden, and the screenshot\'s background colour;',
    '- reproduce the screenshot exactly: every text verbatim (same wording, case and punctuation), the same colours (hex), font sizes, weights, line heights, spacing, borders, radii and shadows;',
    '- write out every repeated item (list rows, cards, tabs, table cells) in full; never "...", never a comment standing in for content;',
    '- photos, illustrations, icons and logos become neutral placeholder boxes (a <div role="img" aria-label="what it shows"> with the region\'s average colour and exact size); never an external URL, never an <img> with a remote src;',
    '- static markup only: no network, storage, timers, window, document or global access, no dangerouslySetInnerHTML, no script, iframe or link tags.',
    answerRule(options.style),
  ].join('\n');
}

function hintLines(hints: Hints): string[] {
  const lines = [`Background: ${hints.background}.`];
  if (hints.palette.length) lines.push(`Palette: ${hints.palette.join(', ')}.`);
  if (hints.texts.length) {
    lines.push('Texts found in the screenshot by local analysis (verbatim text; x,y width x height in CSS px; font size; colour; weight). Use them for exact wording and placement:');
    for (const t of hints.texts.slice(0, 200)) {
      const weight = t.fontWeight ? `, weight ${t.fontWeight}` : '';
      lines.push(`- ${JSON.stringify(t.text)} at ${Math.round(t.x)},${Math.round(t.y)} ${Math.round(t.width)}x${Math.round(t.height)}, ${Math.round(t.fontSize)}px, ${t.color}${weight}`);
    }
    if (hints.texts.length > 200) lines.push(`- (${hints.texts.length - 200} more texts not listed)`);
  }
  return lines;
}

/** The first request: the design (sent as the first image) and its size. */
export function userPrompt({ width, height, hints, theme, defaults, style }: { width: number; height: number; hints?: Hints; theme?: Theme; defaults?: Theme; style?: OutputStyle }): string {
  const lines = [
    `The image is the design. Its CSS size is ${width}x${height} px: the root element must be exactly width ${width}px and height ${height}px.`,
    'Write the component.',
  ];
  if (theme && style === 'tailwind') lines.push('', ...themeLines(theme, defaults));
  if (hints) lines.push('', ...hintLines(hints));
  return lines.join('\n');
}

/**
 * The first request for a responsive design: one image per viewport (each labelled with its width before it), and one
 * component for all of them. The layout switches with `@media (min-width)` rules in a `<style>` element of the
 * component's own (the safety policy allows exactly that stylesheet: its own class names, width queries, no url()).
 */
export function responsivePrompt({ widths, hints, style = 'inline' }: { widths: Array<{ width: number; height: number }>; hints?: Hints; style?: OutputStyle }): string {
  const list = widths.map((w) => `${w.width}x${w.height}`).join(', ');
  const narrowest = widths[widths.length - 1].width;
  const lines = [
    `The images are one responsive design at ${widths.length} viewport widths (CSS px, widest first: ${list}); each image is labelled with its width just before it.`,
    'Write ONE component that reproduces each image exactly when the page is that wide. For this responsive design the root is not of fixed size:',
    `- the root element has width: 100% and fills the viewport; at each viewport width its height is that image's height;`,
    `- write the layout mobile first: the ${narrowest}px design's styles as the base, and the styles of each wider design in \`@media (min-width: <its width>px)\` blocks;`,
    ...(style === 'tailwind'
      ? [`- in Tailwind, unprefixed utilities for the ${narrowest}px design and \`min-[<width>px]:\` prefixed ones for each wider design (arbitrary breakpoints at the designs' own widths);`]
      : style === 'css-modules'
        ? ["- in the CSS module, the base rules for the narrowest design and `@media (min-width: <width>px)` blocks for each wider one, for the module's own classes only;"]
        : [
            "- put those rules in one <style> element rendered by the component, as one constant template string (<style>{`...`}</style>), with no attributes; selectors are single class names used on the component's own elements (prefix them with the component's name), no other at-rules, no url(), no @import;",
            '- styles that are the same at every width may stay inline; a property that changes between widths must only be set in the class rules (an inline style would override the media queries);',
          ]),
    "- an element that one design shows and another does not is hidden there (display: none in that width's rule): keep every text of every image.",
    'Write the component.',
  ];
  if (hints) lines.push('', 'Hints for the widest image:', ...hintLines(hints));
  return lines.join('\n');
}

/** A refinement round: design, render of the current code (and the diff), the code and its scores; a complete file back. */
export function refinePrompt({ code, css, style, scores, round, hasDiff, refused, typography, widths }: { code: string; css?: string; style?: OutputStyle; scores: Scores; round: number; hasDiff: boolean; refused?: string[]; typography?: string[]; widths?: Array<{ width: number; scores: Scores }> }): string {
  const terms = [`mismatch ${scores.mismatch.toFixed(4)}`, `foreground mismatch ${scores.fgMismatch.toFixed(4)}`];
  if (scores.textRecall !== undefined) terms.push(`text recall ${scores.textRecall.toFixed(3)}`);
  if (scores.textPosition !== undefined) terms.push(`text position ${scores.textPosition.toFixed(3)}`);
  if (scores.blockMatch !== undefined) terms.push(`block match ${scores.blockMatch.toFixed(3)}`);
  if (scores.typography !== undefined) terms.push(`typography ${scores.typography.toFixed(3)}`);
  const intro = widths
    ? [
        `Refinement round ${round}. For each viewport width, labelled before its images, you see how the current code renders at that width${hasDiff ? ' and the pixels that differ from that width\'s design in red' : ''}; the designs are the images labelled above.`,
        ...widths.map((w) => `At ${w.width}px: score ${w.scores.score.toFixed(3)} (mismatch ${w.scores.mismatch.toFixed(4)}, foreground mismatch ${w.scores.fgMismatch.toFixed(4)}).`),
        'The component is as good as its worst width.',
      ]
    : [`Refinement round ${round}. The first image is the design; the next one is a screenshot of how the current code renders${hasDiff ? '; the last one marks the pixels that differ in red' : ''}.`];
  return [
    ...intro,
    `Current similarity score ${scores.score.toFixed(3)} of 1 (${terms.join(', ')}); rendered size ${scores.renderedWidth}x${scores.renderedHeight} CSS px against the design's ${scores.width}x${scores.height}.`,
    'Compare the design and the render carefully and fix every difference: missing or extra elements, positions, sizes, colours, texts, fonts, spacing.',
    ...(typography?.length ? ['Texts set in another font than the design (family, weight, size):', ...typography.map((t) => `- ${t}`)] : []),
    ...(refused?.length ? [`Your previous answer was refused by the safety policy (${refused.join('; ')}); the code below is the last accepted one. Do not break these rules again.`] : []),
    `Keep every rule from before. Answer with the complete corrected ${style === 'css-modules' ? 'files (not a diff, not a fragment): the component in one ```tsx block, then its CSS module in one ```css block.' : 'file (not a diff, not a fragment) in one ```tsx code block.'}`,
    'Current code:',
    '```tsx',
    code.trimEnd(),
    '```',
    ...(css !== undefined ? ['```css', css.trimEnd(), '```'] : []),
  ].join('\n');
}
