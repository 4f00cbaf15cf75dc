// The UI2Code prompt, versioned: a change of wording is a change of output, so PROMPT_VERSION is part of the cache key.
import type { Hints, Scores } from '../types.js';

export const PROMPT_VERSION = 'ui2code-prompt-2';

export function systemPrompt(): string {
  return [
    'You are an expert front-end engineer who turns UI screenshots into React components, pixel for pixel.',
    'Write exactly one self-contained .tsx file:',
    '- a default-exported function component in TypeScript; no imports except from "react" (no other packages, no CSS files, no assets);',
    '- styles as inline style objects only (no class names, no CSS-in-JS libraries, no Tailwind);',
    '- the root element has exactly the screenshot\'s CSS width and height (given below), position: relative, overflow: hidden, and the screenshot\'s background colour;',
    '- reproduce the screenshot exactly: every text verbatim (same wording, case and punctuation), the same colours (hex), font sizes, weights, line heights, spacing, borders, radii and shadows;',
    '- write out every repeated item (list rows, cards, tabs, table cells) in full; never "...", never a comment standing in for content;',
    '- photos, illustrations, icons and logos become neutral placeholder boxes (a <div role="img" aria-label="what it shows"> with the region\'s average colour and exact size); never an external URL, never an <img> with a remote src;',
    '- static markup only: no network, storage, timers, window, document or global access, no dangerouslySetInnerHTML, no script, iframe or link tags.',
    'Answer with the whole file in one ```tsx code block and nothing after it.',
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
export function userPrompt({ width, height, hints }: { width: number; height: number; hints?: Hints }): string {
  const lines = [
    `The image is the design. Its CSS size is ${width}x${height} px: the root element must be exactly width ${width}px and height ${height}px.`,
    'Write the component.',
  ];
  if (hints) lines.push('', ...hintLines(hints));
  return lines.join('\n');
}

/**
 * The first request for a responsive design: one image per viewport (each labelled with its width before it), and one
 * component for all of them. The layout switches with `@media (min-width)` rules in a `<style>` element of the
 * component's own (the safety policy allows exactly that stylesheet: its own class names, width queries, no url()).
 */
export function responsivePrompt({ widths, hints }: { widths: Array<{ width: number; height: number }>; hints?: Hints }): string {
  const list = widths.map((w) => `${w.width}x${w.height}`).join(', ');
  const narrowest = widths[widths.length - 1].width;
  const lines = [
    `The images are one responsive design at ${widths.length} viewport widths (CSS px, widest first: ${list}); each image is labelled with its width just before it.`,
    'Write ONE component that reproduces each image exactly when the page is that wide. For this responsive design the root is not of fixed size:',
    `- the root element has width: 100% and fills the viewport; at each viewport width its height is that image's height;`,
    `- write the layout mobile first: the ${narrowest}px design's styles as the base, and the styles of each wider design in \`@media (min-width: <its width>px)\` blocks;`,
    "- put those rules in one <style> element rendered by the component, as one constant template string (<style>{`...`}</style>), with no attributes; selectors are single class names used on the component's own elements (prefix them with the component's name), no other at-rules, no url(), no @import;",
    '- styles that are the same at every width may stay inline; a property that changes between widths must only be set in the class rules (an inline style would override the media queries);',
    "- an element that one design shows and another does not is hidden there (display: none in that width's rule): keep every text of every image.",
    'Write the component.',
  ];
  if (hints) lines.push('', 'Hints for the widest image:', ...hintLines(hints));
  return lines.join('\n');
}

/** A refinement round: design, render of the current code (and the diff), the code and its scores; a complete file back. */
export function refinePrompt({ code, scores, round, hasDiff, refused, widths }: { code: string; scores: Scores; round: number; hasDiff: boolean; refused?: string[]; widths?: Array<{ width: number; scores: Scores }> }): string {
  const terms = [`mismatch ${scores.mismatch.toFixed(4)}`, `foreground mismatch ${scores.fgMismatch.toFixed(4)}`];
  if (scores.textRecall !== undefined) terms.push(`text recall ${scores.textRecall.toFixed(3)}`);
  if (scores.textPosition !== undefined) terms.push(`text position ${scores.textPosition.toFixed(3)}`);
  if (scores.blockMatch !== undefined) terms.push(`block match ${scores.blockMatch.toFixed(3)}`);
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
    ...(refused?.length ? [`Your previous answer was refused by the safety policy (${refused.join('; ')}); the code below is the last accepted one. Do not break these rules again.`] : []),
    'Keep every rule from before. Answer with the complete corrected file (not a diff, not a fragment) in one ```tsx code block.',
    'Current code:',
    '```tsx',
    code.trimEnd(),
    '```',
  ].join('\n');
}
