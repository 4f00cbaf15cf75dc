import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { extractCode, findFences, stripReasoning } from '../src/extract/extract.js';

const CODE = 'export default function A() {\n  return <p>a</p>;\n}\n';
const extract = (content: string, reasoning?: string) => extractCode({ content, reasoning }, 'd.png');
const incomplete = (pattern: RegExp) => (e: unknown) => isUi2CodeError(e, 'INCOMPLETE_REPLY') && /d\.png/.test((e as Error).message) && pattern.test((e as Error).message);

describe('extractCode', () => {
  it('takes the last tsx/jsx/ts fence of the answer, skipping other languages', () => {
    assert.equal(extract('```css\np{}\n```\n```tsx\nold\n```\n```jsx\n' + CODE + '```\n```bash\nnpm i\n```'), CODE);
    for (const lang of ['tsx', 'jsx', 'ts', 'typescript', 'javascript', 'TSX', '']) assert.equal(extract(`Here:\n\`\`\`${lang}\n${CODE}\`\`\``), CODE, lang);
    assert.equal(extract('~~~tsx\n' + CODE + '~~~'), CODE);
    assert.equal(extract('````tsx\n' + CODE + '```\nstill code\n````').includes('still code'), true, 'a longer fence is closed only by one as long');
  });

  it('never takes code from the reasoning, streamed apart or inline', () => {
    assert.equal(extract('<think>```tsx\nbad\n```</think><answer>```tsx\n' + CODE + '```</answer>', '```tsx\nworse\n```'), CODE);
    assert.equal(extract('<think>```tsx\nbad\n```</think>\n' + CODE), CODE);
    assert.equal(extract('reasoning with ```tsx\nbad\n```\n</think>\n```tsx\n' + CODE + '```'), CODE, 'only the closing tag (template opened it)');
  });

  it('takes the answer tag, and unwraps box markers', () => {
    assert.equal(extract('preamble\n<answer>\n```tsx\n' + CODE + '```\n</answer>\ntrailer ```tsx\nno\n```'), CODE);
    assert.equal(extract(`<answer><|begin_of_box|>${CODE}<|end_of_box|></answer>`), CODE);
    assert.equal(extract(`<|begin_of_box|>Here:\n${CODE}<|end_of_box|>`), CODE);
  });

  it('takes unfenced code from its first line of code, without the prose around it', () => {
    const withImport = `import React from 'react';\n\n${CODE}`;
    assert.equal(extract(`Sure! Here is the component:\n${withImport}\nThis uses inline styles.`), withImport);
    assert.equal(extract(`const s = { a: 1 };\n${CODE}`), `const s = { a: 1 };\n${CODE}`);
  });

  it('calls an empty answer, an answer without code and an unterminated fence incomplete', () => {
    assert.throws(() => extract(''), incomplete(/empty/));
    assert.throws(() => extract('<think>only thinking</think>'), incomplete(/empty/));
    assert.throws(() => extract('<think>never closed ```tsx\nx\n```'), incomplete(/empty/));
    assert.throws(() => extract('I cannot do that.'), incomplete(/no component code/));
    assert.throws(() => extract('```tsx\nexport default function A() {'), incomplete(/unterminated tsx/));
    assert.throws(() => extract('```tsx\n' + CODE + '```\nA fix:\n```tsx\nexport default function B() {'), incomplete(/unterminated/));
    assert.throws(() => extract('```tsx\n\n```'), incomplete(/empty/));
    assert.throws(() => extract('```css\np {}\n```'), incomplete(/no tsx\/jsx code block \(only css\)/));
  });

  it('handles CRLF line ends', () => {
    assert.equal(extract('```tsx\r\n' + CODE.replace(/\n/g, '\r\n') + '```\r\n'), CODE);
  });
});

describe('pieces', () => {
  it('finds fences with their languages and whether they closed', () => {
    assert.deepEqual(findFences('a\n```ts title="x"\nb\n```\n```\nc'), [
      { lang: 'ts', body: 'b', closed: true },
      { lang: '', body: 'c', closed: false },
    ]);
  });
  it('strips reasoning', () => {
    assert.equal(stripReasoning('<think>a</think>b<THINK>c</THINK>d'), 'bd');
    assert.equal(stripReasoning('a</think>b'), 'b');
    assert.equal(stripReasoning('b<think>open'), 'b');
  });
});
