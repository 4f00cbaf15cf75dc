// The grid level of the local engine: edges snapped onto the 4 px grid where they are, so the lengths the layout derives
// from them (margins, gaps, paddings, sizes) are on the grid and no rounding error adds up along a flow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FittedText } from '../src/generate/local/fit.js';
import { emitComponent } from '../src/generate/local/emit.js';
import { containmentTree, gridItems, gridLine, layoutContent, steadyLine, type Node } from '../src/generate/local/layout.js';
import type { Region } from '../src/generate/local/segment.js';
import { wholeLine } from '../src/generate/local/tokens.js';

const text = (s: string, left: number, top: number, lineHeight: number, fontSize = 14): FittedText => ({
  text: s, confidence: 95, color: [17, 24, 39], background: [255, 255, 255], ink: 0.2,
  x: left + 1, y: top + Math.round((lineHeight - fontSize * 0.72) / 2), width: s.length * fontSize * 0.5, height: Math.round(fontSize * 0.72),
  fontFamily: 'Arimo', fontWeight: 400, fontSize, left, top, lineHeight,
});

const box = (x: number, y: number, width: number, height: number, border = 0): Region => ({
  kind: 'box', x, y, width, height, fill: [249, 250, 251], radius: 8, children: [], ...(border ? { border: { color: [229, 231, 235], width: border } } : {}),
});

/** Every margin of a laid-out tree, depth first. */
function margins(nodes: Node[]): number[] {
  return nodes.flatMap((n) => [n.marginTop, n.marginLeft, ...(n.kind === 'free' ? [] : margins(n.children))]);
}

describe('grid layout', () => {
  it('a line box goes onto the grid with its middle within a pixel of where it was', () => {
    for (const [top, lineHeight] of [[13, 19], [22.5, 20], [7, 17], [40, 24], [101, 29]]) {
      const line = gridLine({ left: 17, top, lineHeight }, { x: 0, y: 0 });
      assert.equal(line.top % 4, 0, `top ${line.top}`);
      assert.equal(line.lineHeight % 4, 0, `line height ${line.lineHeight}`);
      assert.ok(Math.abs(line.lineHeight - lineHeight) <= 4, `line height ${line.lineHeight} for ${lineHeight}`);
      assert.ok(Math.abs(line.dy) <= 1, `the glyphs move ${line.dy} for ${top}/${lineHeight}`);
      assert.equal(line.top + line.lineHeight / 2 - (top + lineHeight / 2), line.dy);
    }
    // A line box already on the grid stays.
    assert.deepEqual(gridLine({ left: 24, top: 40, lineHeight: 20 }, { x: 0, y: 0 }), { left: 24, top: 40, lineHeight: 20, dx: 0, dy: 0 });
  });

  it('cards measured a pixel off the grid get margins on it, and no card moves more than 2 px', () => {
    // Three cards on a 4 px layout (y 24, 88, 152; 48 px tall; 16 px apart), each measured up to a pixel off.
    const cards = [box(23, 25, 353, 47, 1), box(25, 87, 351, 49, 1), box(24, 153, 352, 47, 1)];
    const items = gridItems(containmentTree(cards, []), { x: 0, y: 0 });
    const nodes = layoutContent(items, { x: 0, y: 0 });
    for (const m of margins(nodes)) assert.equal(m % 4, 0, `margin ${m} in ${JSON.stringify(margins(nodes))}`);
    items.forEach((item, i) => {
      assert.ok(Math.abs(item.x - cards[i].x) <= 2 && Math.abs(item.y - cards[i].y) <= 2, `card ${i} at ${item.x},${item.y}`);
      assert.equal(item.width % 4, 0);
      assert.equal(item.height % 4, 0);
    });
    // Measured, the margins were 25, 15 and 17: each off the grid.
    assert.deepEqual(items.map((i) => i.y), [24, 88, 152]);
  });

  it("a text in a bordered card sits on the grid of the card's content edge, within a pixel", () => {
    const card = box(24, 24, 200, 100, 1);
    const title = text('Settings', 24 + 1 + 16, 24 + 1 + 16, 20);
    const [item] = gridItems(containmentTree([card], [title]), { x: 0, y: 0 });
    assert.equal(item.kind, 'region');
    const [line] = item.kind === 'region' ? item.content : [];
    assert.equal(line.kind === 'text' && line.text.left, 41, 'left edge 16 px into the content');
    assert.equal(line.kind === 'text' && line.text.top, 41);
    const [node] = layoutContent([item], { x: 0, y: 0 });
    assert.deepEqual(margins(node.kind === 'item' ? node.children : []), [16, 16]);
  });

  it('a line height 2 px off the grid goes onto it with the top moved the other way, so the glyphs stay', () => {
    assert.deepEqual(steadyLine({ top: 13, lineHeight: 22 }, { y: 0 }), { top: 12, lineHeight: 24 });
    assert.deepEqual(steadyLine({ top: 15, lineHeight: 22 }, { y: 0 }), { top: 16, lineHeight: 20 }, 'the way that puts the top on the grid');
    assert.deepEqual(steadyLine({ top: 13, lineHeight: 19 }, { y: 0 }), { top: 13, lineHeight: 19 }, 'an odd one would move them half a pixel');
    for (const [top, lineHeight] of [[13, 22], [15, 22], [40, 18]]) {
      const line = steadyLine({ top, lineHeight }, { y: 0 });
      assert.equal(line.lineHeight % 4, 0);
      assert.equal(line.top + line.lineHeight / 2, top + lineHeight / 2, 'the middle stays');
    }
  });

  it('an odd line height becomes even where the glyphs land no further off than rounding the top puts them', () => {
    assert.deepEqual(wholeLine(13.3, 21), { top: 13, lineHeight: 22 }, 'middle 23.8: 24 against 23.5 kept');
    assert.deepEqual(wholeLine(13, 21), { top: 13, lineHeight: 21 }, 'middle 23.5: an even height would move the glyphs half a pixel');
    assert.deepEqual(wholeLine(12.6, 20), { top: 13, lineHeight: 20 });
  });

  it('moves are bought within the budget, cheapest first; a text not moved still takes a steady line height', () => {
    const lines = [text('A long line of body text that moves', 21, 10, 22), text('Hi', 41, 50, 22)];
    const free = gridItems(containmentTree([], lines), { x: 0, y: 0 });
    assert.deepEqual(free.map((i) => i.x), [20, 40], 'without a budget both move');
    const tight = gridItems(containmentTree([], lines), { x: 0, y: 0 }, { budget: 60 });
    assert.deepEqual(tight.map((i) => i.x), [21, 40], 'within 60 px only the short word moves');
    assert.equal(tight[0].kind === 'text' && tight[0].text.lineHeight, 24, 'the long line keeps its glyphs, its line height on the grid');
    assert.equal(tight[0].y, 9);
  });

  it('a text that would move more than a pixel keeps its place', () => {
    const centred = text('OK', 22, 10, 20);
    const [item] = gridItems(containmentTree([], [centred]), { x: 0, y: 0 });
    assert.equal(item.kind === 'text' && item.text.left, 22, 'two pixels from the grid: left as measured');
    assert.equal(item.x, 22);
  });

  it('a form control keeps its size; a rule keeps its thickness', () => {
    const check: Region = { kind: 'image', x: 17, y: 31, width: 13, height: 13, fill: [0, 0, 0], radius: 0, children: [], control: { type: 'checkbox', checked: false } };
    const rule = box(0, 61, 400, 1);
    const [c, r] = gridItems(containmentTree([check, rule], []), { x: 0, y: 0 });
    assert.deepEqual([c.x, c.y, c.width, c.height], [16, 32, 13, 13]);
    assert.deepEqual([r.y, r.height], [60, 1]);
  });

  it('a button moved onto the grid still centres the label it centred as measured, written as its text', () => {
    // A green button as flame-08's, its label centred as measured (64,101 105x35): on the grid the box's edges move
    // unevenly, its middle moves 1.5 px from the label's, and the button was written with a span and margins instead.
    const button: Region = { kind: 'box', x: 64, y: 101, width: 105, height: 35, fill: [76, 175, 80], radius: 4, children: [] };
    const label = { ...text('Add record', 83, 109, 18, 13), x: 84, width: 65, color: [255, 255, 255] as [number, number, number] };
    const { code } = emitComponent({ name: 'Record', width: 800, height: 200, background: [255, 255, 255], regions: [button], texts: [label], grid: { budget: Infinity } });
    assert.match(code, /<button[^>]*>\s*Add record\s*<\/button>/, code);
    assert.doesNotMatch(code, /<span/, code);
  });

  it('columns side by side whose lines do not line up are read column by column; a table whose cells line up stays rows', () => {
    // News at x 40, contact at x 620; the right column's lines fall between the left one's.
    const left = [0, 1, 2, 3].map((i) => text(`News line number ${i}`, 40, 100 + 40 * i, 20));
    const right = [0, 1, 2].map((i) => text(`Contact ${i}`, 620, 112 + 40 * i, 18));
    const items = containmentTree([], [...left, ...right]);
    const columns = layoutContent(items, { x: 0, y: 0 }, 'side-by-side');
    assert.equal(columns.length, 1, 'one band holding both columns');
    const [row] = columns;
    assert.ok(row.kind === 'group' && row.direction === 'row' && row.children.length === 2, JSON.stringify(row));
    assert.deepEqual(row.children.map((c) => (c.kind === 'group' ? [c.direction, c.children.length] : c.kind)), [['column', 4], ['column', 3]]);
    assert.ok(layoutContent(items, { x: 0, y: 0 }, 'rows').length > 1, 'read by rows, the lines pair up across the gutter');
    // Cells in line: a table is read row by row whichever the reading.
    const cells = [0, 1, 2].flatMap((i) => [text(`Name ${i}`, 40, 100 + 30 * i, 20), text(`Value ${i}`, 620, 100 + 30 * i, 20)]);
    assert.equal(layoutContent(containmentTree([], cells), { x: 0, y: 0 }, 'side-by-side').length, 3);
  });
});
