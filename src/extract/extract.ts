// From a model's answer to the code in it. Reasoning is never code: it is stripped first (hosted GLM streams it apart;
// self-hosted GLM inlines <think>…</think>); then the answer (<answer>, box markers), then its last code fence.
import { Ui2CodeError } from '../errors.js';

const CODE_LANGS = /^(tsx|jsx|ts|typescript|javascript|js|react)?$/i;

export function extractCode(answer: { content: string; reasoning?: string }, file: string): string {
  let text = answer.content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  // An unclosed <think> swallows everything after it: there is no answer yet.
  if (/<think>/i.test(text)) text = text.replace(/<think>[\s\S]*$/i, '');
  const tagged = /<answer>([\s\S]*?)(<\/answer>|$)/i.exec(text);
  if (tagged) text = tagged[1];
  text = text.replace(/<\|begin_of_box\|>/g, '').replace(/<\|end_of_box\|>/g, '').trim();
  if (!text) throw new Ui2CodeError('INCOMPLETE_REPLY', 'the model gave an empty answer', { file });

  const fences = [...text.matchAll(/^[ \t]*(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm)];
  const code = fences.filter((m) => CODE_LANGS.test(m[2])).map((m) => m[3]);
  if (code.length) return `${code[code.length - 1].trimEnd()}\n`;
  // An opening fence with no closing one: the reply was cut off.
  if (/^[ \t]*(`{3,}|~{3,})/m.test(text)) throw new Ui2CodeError('INCOMPLETE_REPLY', 'the answer has an unterminated code block', { file });
  // No fence: front-end code sometimes comes bare. Take it from its first line of code.
  const start = text.search(/^(import|export|function|const|'use client'|"use client")\b/m);
  if (start < 0) throw new Ui2CodeError('INCOMPLETE_REPLY', 'the answer contains no component code', { file });
  return `${text.slice(start).trimEnd()}\n`;
}
