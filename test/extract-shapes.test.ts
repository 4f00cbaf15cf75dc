// Answer shapes seen from GLM and other chat models that a strict Markdown reading would miss: a fence opened at the
// end of a prose line, closed at the end of the last code line, and bare code that begins with its types.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { extractCode } from '../src/extract/extract.js';

const CODE = 'export default function A() {\n  return <p>a</p>;\n}\n';
const extract = (content: string) => extractCode({ content }, 'd.png');

describe('extractCode: loose fences and typed bare code', () => {
  it('takes a fence opened at the end of a prose line', () => {
    assert.equal(extract(`Here is the component: \`\`\`tsx\n${CODE}\`\`\`\nDone.`), CODE);
  });

  it('takes a fence closed at the end of the last code line', () => {
    assert.equal(extract(`\`\`\`tsx\n${CODE.trimEnd()}\`\`\``), CODE);
    assert.equal(extract(`<answer><|begin_of_box|>\`\`\`jsx\n${CODE.trimEnd()}\`\`\`<|end_of_box|></answer>`), CODE);
  });

  it('keeps a shorter backtick run inside a longer fence', () => {
    const body = `${CODE}// \`\`\`x\`\`\`\n`;
    assert.equal(extract(`\`\`\`\`tsx\n${body}\`\`\`\``), body);
  });

  it('keeps the types that come before bare code', () => {
    assert.equal(extract(`Sure:\n\ntype Props = { title?: string };\n\n${CODE}\nThis renders a card.`), `type Props = { title?: string };\n\n${CODE}`);
    assert.equal(extract(`interface P { a: number }\n${CODE}`), `interface P { a: number }\n${CODE}`);
  });

  it('still calls a fence that never closes incomplete', () => {
    assert.throws(() => extract(`Here: \`\`\`tsx\n${CODE}`), (e: unknown) => isUi2CodeError(e, 'INCOMPLETE_REPLY') && /unterminated/.test((e as Error).message));
  });
});
