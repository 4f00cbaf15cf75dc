// The UI2Code prompt, versioned: a change of wording is a change of output, so PROMPT_VERSION is part of the cache key.
import type { Hints, Scores } from '../types.js';

export const PROMPT_VERSION = 'ui2code-prompt-1';

export function systemPrompt(): string {
  return [
    'You are an expert front-end engineer who turns UI screenshots into React components.',
    'Write exactly one self-contained .tsx file:',
    '- a default-exported function component, TypeScript, no imports except from "react";',
    '- styles as inline style objects only (no CSS files, no class names, no styled-components, no Tailwind);',
    '- reproduce the screenshot exactly: the same texts (verbatim), colours, font sizes and weights, spacing, borders and radii;',
    '- write out every repeated item (no placeholders like "..."), using real text, never an image of text;',
    '- images, photos, icons and illustrations become neutral placeholder boxes of their average colour with an aria-label; never an external URL;',
    '- no network, storage, timers, window or document access, no dangerouslySetInnerHTML, no script tags;',
    '- the root element has exactly the screenshot\'s CSS size.',
    'Answer with the file in one ```tsx code block and nothing after it.',
  ].join('\n');
}

export function userPrompt({ width, height, hints }: { width: number; height: number; hints?: Hints }): string {
  const lines = [`The screenshot is ${width}x${height} CSS pixels. Write the component.`];
  if (hints) {
    lines.push(`Background: ${hints.background}. Palette: ${hints.palette.join(', ')}.`);
    lines.push('Texts found in the screenshot (x, y, width, height in CSS px; font size; colour):');
    for (const t of hints.texts.slice(0, 200)) {
      lines.push(`- ${JSON.stringify(t.text)} at ${Math.round(t.x)},${Math.round(t.y)} ${Math.round(t.width)}x${Math.round(t.height)}, ${Math.round(t.fontSize)}px, ${t.color}`);
    }
  }
  return lines.join('\n');
}

export function refinePrompt({ code, scores, round, hasDiff }: { code: string; scores: Scores; round: number; hasDiff: boolean }): string {
  return [
    `Round ${round}: the first image is the design, the second is how your component renders${hasDiff ? ', the third marks the differing pixels in red' : ''}.`,
    `Current score ${scores.score.toFixed(3)} (mismatch ${scores.mismatch.toFixed(4)}, foreground mismatch ${scores.fgMismatch.toFixed(4)}).`,
    'Fix every difference you see (positions, sizes, colours, texts, fonts) and answer with the complete corrected file in one ```tsx code block.',
    'Current code:',
    '```tsx',
    code.trimEnd(),
    '```',
  ].join('\n');
}
