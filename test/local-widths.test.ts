// Widths in the local engine's element tree: what fills its container across a column stretches instead of carrying
// the container's width, so it follows the container as people's code does; what does not fill it keeps its width.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paddedButtons, stretchWidths } from '../src/generate/local/emit.js';
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

  it('a sidebar beside a clearly wider panel: the panel takes what the sidebar leaves, the sidebar keeps its width', () => {
    const side = box(24, 200, 0), main = box(240, 536, 16);
    const row: El = { tag: 'div', role: 'row', attrs: [], style: [['marginLeft', 24], ['display', 'flex'], ['flexDirection', 'row']], children: [side, main], direction: 'row', box: { x: 24, y: 0, width: 752, height: 40 } };
    stretchWidths(root([row]), 800);
    assert.deepEqual([get(side, 'width'), get(side, 'flexShrink')], [200, 0]);
    assert.deepEqual([get(main, 'width'), get(main, 'flex'), get(main, 'flexShrink'), get(main, 'marginLeft')], [undefined, 1, undefined, 16]);
    assert.deepEqual([get(row, 'alignSelf'), get(row, 'marginRight')], ['stretch', 24]);
    // Two panels of about one width are copies of a part: neither is the main one.
    const a = box(24, 360, 0), b = box(400, 376, 16);
    const pair: El = { ...row, children: [a, b], style: [...row.style] };
    stretchWidths(root([pair]), 800);
    assert.deepEqual([get(a, 'width'), get(b, 'width')], [360, 376]);
  });

  it('a band across most of its container, ending near its edge, stretches with its own right margin; other boxes keep their widths', () => {
    const short = box(21, 776, 21), wide = box(24, 742, 24), half = box(24, 400, 24), left = box(24, 480, 24);
    stretchWidths(root([short, wide, half, left]), 800);
    assert.deepEqual([get(short, 'width'), get(short, 'alignSelf'), get(short, 'marginRight')], [undefined, 'stretch', 3], '3 px short of the edge');
    assert.deepEqual([get(wide, 'width'), get(wide, 'marginRight')], [undefined, 34], 'about as far from the edge as from the other');
    assert.deepEqual([get(half, 'width'), get(half, 'alignSelf')], [400, undefined], 'half the page: a box of its own width');
    assert.deepEqual([get(left, 'width'), get(left, 'alignSelf')], [480, undefined], 'a wide gap on one side only');
  });
});

describe('padded buttons', () => {
  const button = (label: string, width: number, advance: number): El => ({ tag: 'button', role: 'button', attrs: [['type', 'button']], style: [['width', width], ['height', 36], ['padding', 0]], children: [label], label: advance, box: { x: 0, y: 0, width, height: 36 } });
  const column = (children: El[], direction: 'row' | 'column' = 'column'): El => ({ ...root(children), direction });

  it('a centred label sizes its button by padding; buttons of one width with other labels keep it, and so does one followed in a row', () => {
    const save = button('Save changes', 144, 106.4), prev = button('Previous', 96, 62.2), next = button('Next', 96, 33.8);
    const buy = button('Buy', 80, 28.3), more = button('More', 70, 35);
    paddedButtons(column([save, prev, next, column([buy, more], 'row')]));
    assert.deepEqual([get(save, 'width'), get(save, 'padding')], [undefined, '0 19px'], '(144 - 106.4) / 2, whole');
    assert.deepEqual([get(prev, 'width'), get(next, 'width')], [96, 96], 'a pager shares one width');
    assert.equal(get(buy, 'width'), 80, 'what follows it would start between pixels');
    assert.deepEqual([get(more, 'width'), get(more, 'padding')], [undefined, '0 18px'], 'last in its row');
  });

  it('a label that fills its button leaves the width', () => {
    const tight = button('OK', 40, 37);
    paddedButtons(column([tight]));
    assert.equal(get(tight, 'width'), 40);
  });
});
