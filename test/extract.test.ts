import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { extractCode } from '../src/extract/extract.js';

const CODE = 'export default function A() {\n  return <p>a</p>;\n}\n';

describe('extractCode', () => {
  it('takes the last tsx fence of the answer', () => {
    assert.equal(extractCode({ content: '```css\np{}\n```\n```tsx\nold\n```\n```jsx\n' + CODE + '```' }, 'd.png'), CODE);
  });
  it('never takes code from the reasoning', () => {
    assert.equal(extractCode({ content: '<think>```tsx\nbad\n```</think><answer>```tsx\n' + CODE + '```</answer>', reasoning: '```tsx\nworse\n```' }, 'd.png'), CODE);
  });
  it('unwraps box markers and takes unfenced code', () => {
    assert.equal(extractCode({ content: `<|begin_of_box|>Here:\n${CODE}<|end_of_box|>` }, 'd.png'), CODE);
  });
  it('calls an empty answer, an answer without code and an unterminated fence incomplete', () => {
    for (const content of ['', '<think>only thinking</think>', 'I cannot do that.', '```tsx\nexport default function A() {']) {
      assert.throws(() => extractCode({ content }, 'd.png'), (e: unknown) => isUi2CodeError(e, 'INCOMPLETE_REPLY') && /d\.png/.test((e as Error).message), content);
    }
  });
});
