// From a model's answer to the code in it. Reasoning is never code: hosted GLM streams it apart (and it is never looked
// at here); self-hosted GLM inlines <think>…</think>, which is stripped first. Then the answer (<answer>, box markers),
// then the last tsx/jsx/ts code fence in it, or bare code when there is no fence.
import { Ui2CodeError } from '../errors.js';
import type { ComponentSource, OutputStyle } from '../generate/style.js';

const CODE_LANGS = new Set(['', 'tsx', 'jsx', 'ts', 'typescript', 'javascript', 'js', 'react', 'typescriptreact', 'javascriptreact']);

interface Fence {
  lang: string;
  body: string;
  closed: boolean;
}

/** Markdown code fences (``` or ~~~, closed by the same character at least as long, CommonMark style), in order. */
export function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  let open: { marker: string; lang: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (!open) {
      // Models also open a fence at the end of a prose line ("Here is the code: ```tsx").
      const start = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/.exec(line) ?? /^.*?\S[ \t]*(`{3,})([\w+-]+)[ \t]*$/.exec(line);
      if (start) open = { marker: start[1], lang: start[2].toLowerCase(), lines: [] };
      continue;
    }
    const end = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    // ...and close it at the end of the last code line ("}```").
    const glued = open.marker[0] === '`' ? /^(.*\S)(`{3,})[ \t]*$/.exec(line) : null;
    if (end && end[1][0] === open.marker[0] && end[1].length >= open.marker.length) {
      fences.push({ lang: open.lang, body: open.lines.join('\n'), closed: true });
      open = undefined;
    } else if (glued && glued[2].length >= open.marker.length && !glued[1].endsWith('`')) {
      fences.push({ lang: open.lang, body: [...open.lines, glued[1]].join('\n'), closed: true });
      open = undefined;
    } else {
      open.lines.push(line.replace(/\r$/, ''));
    }
  }
  if (open) fences.push({ lang: open.lang, body: open.lines.join('\n'), closed: false });
  return fences;
}

/** The answer without the reasoning: <think> blocks removed, an unclosed one cuts the rest, a lone </think> ends it. */
export function stripReasoning(content: string): string {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  // Chat templates that open <think> in the prompt leave only the closing tag in the reply.
  const close = text.search(/<\/think>/i);
  if (close >= 0) text = text.slice(text.toLowerCase().lastIndexOf('</think>') + '</think>'.length);
  // An unclosed <think> swallows everything after it: there is no answer yet.
  return text.replace(/<think>[\s\S]*$/i, '');
}

/** Bare code: from its first line that starts a module (import/export/function/const/type/interface) to its last line of code. */
function bareCode(text: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^(import\s|export\s|(async\s+)?function\s|const\s|let\s|type\s+\w+(<[^>]*>)?\s*=|interface\s+\w+|['"]use client['"])/.test(line));
  if (start < 0) return undefined;
  // Prose after the code (an explanation) is dropped: the code ends at its last line closing a statement or element.
  let end = lines.length - 1;
  while (end > start && !/[;})>\]]\s*$/.test(lines[end])) end--;
  return lines.slice(start, end + 1).join('\n');
}

/** The answer's text: reasoning stripped, `<answer>` taken, box markers removed. */
function answerText(answer: { content: string }): string {
  let text = stripReasoning(answer.content.replace(/\r\n/g, '\n'));
  const tagged = /<answer>([\s\S]*?)(?:<\/answer>|$)/i.exec(text);
  if (tagged) text = tagged[1];
  return text.replace(/<\|begin_of_box\|>|<\|end_of_box\|>/g, '').trim();
}

/**
 * The component and, for the css-modules style, its module: the last tsx fence and the last css fence. A reply without
 * a css fence keeps its code (it may style inline); the policy decides whether what it imports exists.
 */
export function extractComponent(answer: { content: string; reasoning?: string }, file: string, { style }: { style?: OutputStyle } = {}): ComponentSource {
  const code = extractCode(answer, file);
  if (style !== 'css-modules') return { code };
  const css = findFences(answerText(answer)).filter((fence) => fence.lang === 'css' && fence.closed).pop()?.body.trim();
  return css ? { code, css: `${css}\n` } : { code };
}

export function extractCode(answer: { content: string; reasoning?: string }, file: string): string {
  const incomplete = (why: string) => new Ui2CodeError('INCOMPLETE_REPLY', why, { file });
  const text = answerText(answer);
  if (!text) throw incomplete('the model gave an empty answer');

  const fences = findFences(text);
  const last = fences[fences.length - 1];
  // A fence opened and never closed: the reply was cut off in the middle of a code block.
  if (last && !last.closed) throw incomplete(`the answer ends inside an unterminated ${last.lang || 'code'} block (the reply was cut off)`);
  const code = fences.filter((fence) => CODE_LANGS.has(fence.lang));
  if (code.length) {
    const body = code[code.length - 1].body.trim();
    if (!body) throw incomplete('the answer\'s code block is empty');
    return `${body}\n`;
  }
  if (fences.length) throw incomplete(`the answer has no tsx/jsx code block (only ${[...new Set(fences.map((f) => f.lang || 'plain'))].join(', ')})`);
  const bare = bareCode(text);
  if (!bare) throw incomplete('the answer contains no component code');
  return `${bare.trim()}\n`;
}
