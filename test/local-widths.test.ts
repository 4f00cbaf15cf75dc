// Widths in the local engine's element tree: what fills its container across a column stretches instead of carrying
// the container's width, so it follows the container as people's code does; what does not fill it keeps its width.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stretchWidths } from '../src/generate/local/emit.js';
import { get, type El } from '../src/generate/local/jsx.js';

const box = (x: number, width: number, marginLeft: number, children: El[] = [], extra: El['style'] = []): El => ({
  tag: 'div', role: children.length ? 'card' : 'box', attrs: [], box: { x, y: 0, width, height: 40 },
  style: [['flexShrink', 0], ['marginLeft', marginLeft || undefined], ['width', width], ['height', 40], ...extra, ...(children.length ? ([['display', 'flex'], ['flexDirection', 'column']] as El['style']) : [])],
  children, direction: children.length ? 'column' : undefined,
});
const root = (children: El[]): El => ({ tag: 'div', role: 'root', attrs: [], style: [['width', '100%'], ['maxWidth', 800]], children, direction: 'column' });

describe('stretched widths', () => {
  it('a band as wide as the page, and a box inset equally on both sides, stretch; a narrower box keeps its width', () => {
    const band = box(0, 800, 0), inset = box(24, 752, 24), narrow = box(24, 300, 24);
    stretchWidths(root([band, inset, narrow]), 800);
    assert.equal(get(band, 'width'), undefined);
    assert.equal(get(band, 'alignSelf'), 'stretch');
    assert.equal(get(inset, 'width'), undefined);
    assert.equal(get(inset, 'marginRight'), 24, 'the right inset as a margin');
    assert.equal(get(narrow, 'width'), 300);
    assert.equal(get(narrow, 'alignSelf'), undefined);
  });

  it("inside a bordered card, a child reaching the card's content edge stretches; a checkbox never does", () => {
    const field = box(41, 358, 16);
    const check: El = { ...box(17, 382, 0), tag: 'input', attrs: [['type', 'checkbox']] };
    const card = box(24, 376, 24, [field, check], [['border', '1px solid #e5e7eb'], ['boxSizing', 'border-box']]);
    stretchWidths(root([card]), 800);
    assert.equal(get(card, 'width'), 376, 'the card does not reach the page edge');
    assert.equal(get(field, 'width'), undefined, '41 + 358 = 399: the content edge of a card ending at 400 with a 1 px border');
    assert.equal(get(check, 'width'), 382);
  });

  it('in a stack of no width, children keep theirs (stretched, they would shrink it to its content)', () => {
    const child = box(0, 800, 0);
    const stack: El = { tag: 'div', role: 'stack', attrs: [], style: [['display', 'flex'], ['flexDirection', 'column']], children: [child], direction: 'column', box: { x: 0, y: 0, width: 800, height: 40 } };
    stretchWidths(root([stack]), 800);
    assert.equal(get(child, 'width'), 800);
  });

  it('a row of equal columns spanning the page stretches, its columns flex: 1; unequal ones keep their widths', () => {
    const cols = [box(24, 240, 0), box(288, 240, 24), box(552, 224, 24)];
    const row = (children: El[]): El => ({ tag: 'div', role: 'row', attrs: [], style: [['marginLeft', 24], ['display', 'flex'], ['flexDirection', 'row']], children, direction: 'row', box: { x: 24, y: 0, width: 752, height: 40 } });
    const unequal = row(cols);
    stretchWidths(root([unequal]), 800);
    assert.deepEqual(cols.map((c) => get(c, 'width')), [240, 240, 224]);
    const equal = [box(24, 240, 0), box(280, 240, 16), box(536, 240, 16)];
    const even = row(equal);
    stretchWidths(root([even]), 800);
    assert.equal(get(even, 'alignSelf'), 'stretch');
    assert.equal(get(even, 'marginRight'), 24);
    assert.deepEqual(equal.map((c) => [get(c, 'width'), get(c, 'flex'), get(c, 'flexShrink')]), [[undefined, 1, undefined], [undefined, 1, undefined], [undefined, 1, undefined]], '(752 - 32) / 3 = 240 each');
  });
});
