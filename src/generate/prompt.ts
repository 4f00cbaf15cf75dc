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

/** A refinement round: design, render of the current code (and the diff), the code and its scores; a complete file back. */
export function refinePrompt({ code, css, style, scores, round, hasDiff, refused, typography }: { code: string; css?: string; style?: OutputStyle; scores: Scores; round: number; hasDiff: boolean; refused?: string[]; typography?: string[] }): string {
  const terms = [`mismatch ${scores.mismatch.toFixed(4)}`, `foreground mismatch ${scores.fgMismatch.toFixed(4)}`];
  if (scores.textRecall !== undefined) terms.push(`text recall ${scores.textRecall.toFixed(3)}`);
  if (scores.textPosition !== undefined) terms.push(`text position ${scores.textPosition.toFixed(3)}`);
  if (scores.blockMatch !== undefined) terms.push(`block match ${scores.blockMatch.toFixed(3)}`);
  if (scores.typography !== undefined) terms.push(`typography ${scores.typography.toFixed(3)}`);
  return [
    `Refinement round ${round}. The first image is the design; the next one is a screenshot of how the current code renders${hasDiff ? '; the last one marks the pixels that differ in red' : ''}.`,
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
