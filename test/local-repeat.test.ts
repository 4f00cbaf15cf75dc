// Repetition in the local engine's element tree: runs of three or more siblings of one structure become data and one
// `.map`, also where the copies carry no text (icons, swatches) and where each copy holds a run of its own (a card's
// list of features becomes a field of the card's data, not an array per card).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printEl, walk, type El } from '../src/generate/local/jsx.js';
import { evenGaps, LOOSE, partLines, repeatRuns } from '../src/generate/local/repeat.js';
import { inlineSink } from '../src/generate/local/sinks/inline.js';

const column = (children: El[], style: El['style'] = []): El => ({ tag: 'div', role: 'stack', attrs: [], style: [['display', 'flex'], ['flexDirection', 'column'], ...style], children, direction: 'column' });
const line = (text: string, marginTop = 8): El => ({ tag: 'li', role: 'item', attrs: [], style: [['margin', 0], ['marginTop', marginTop], ['fontSize', 14], ['color', '#334155']], children: [text] });
const icon = (marginLeft: number): El => ({ tag: 'div', role: 'image', attrs: [['role', 'img'], ['aria-label', 'Image placeholder']], style: [['flexShrink', 0], ['marginLeft', marginLeft], ['width', 24], ['height', 24], ['backgroundColor', '#94a3b8']], children: [] });
const card = (title: string, features: string[], marginLeft: number): El => ({
  tag: 'div', role: 'card', attrs: [], direction: 'column',
  style: [['flexShrink', 0], ['marginLeft', marginLeft], ['width', 200], ['height', 240], ['backgroundColor', '#ffffff'], ['display', 'flex'], ['flexDirection', 'column']],
  children: [
    { tag: 'h2', role: 'title', attrs: [], style: [['margin', 0], ['fontSize', 20], ['color', '#0f172a']], children: [title] },
    { tag: 'ul', role: 'list', attrs: [], style: [['margin', 0], ['marginTop', 12], ['padding', 0], ['display', 'flex'], ['flexDirection', 'column']], children: features.map((f, i) => line(f, i ? 8 : 0)), direction: 'column' },
  ],
});

/** The component's code as the emitter prints it (data, parts, root), inline styles. */
function code(root: El): string {
  const { data, parts } = repeatRuns(root, 'Test', LOOSE);
  const sink = inlineSink();
  const print = (el: El, indent: string) => printEl(el, indent, sink);
  return [...data, ...parts.flatMap((p) => partLines(p, print)), ...print(root, '')].join('\n');
}

describe('repeated runs', () => {
  it('three icons alike in every value are one .map over ids', () => {
    const row: El = { tag: 'div', role: 'row', attrs: [], style: [['display', 'flex'], ['flexDirection', 'row']], children: [icon(0), icon(16), icon(16)], direction: 'row' };
    const out = code(column([row]));
    assert.equal(out.match(/\.map\(/g)?.length, 1, out);
    assert.match(out, /const images = \[\n {2}\{ id: 1 \},\n {2}\{ id: 2 \},\n {2}\{ id: 3 \},\n\];/);
    assert.match(out, /key=\{image\.id\}/);
    assert.match(out, /gap: 16/);
  });

  it("a list inside each of three cards becomes a field of the cards' data, mapped inside the card", () => {
    const cards: El = { tag: 'div', role: 'row', attrs: [], direction: 'row', style: [['display', 'flex'], ['flexDirection', 'row']], children: [
      card('Basic', ['One seat', 'Email support', '1 GB'], 0),
      card('Team', ['Ten seats', 'Chat support', '10 GB'], 24),
      card('Scale', ['Any seats', 'Phone support', '1 TB'], 24),
    ] };
    const root = column([cards]);
    const out = code(root);
    assert.equal(out.match(/\.map\(/g)?.length, 2, out);
    assert.match(out, /function \w*Card\(\{ title, items \}: \w*CardProps\)/, out);
    assert.match(out, /items: Array<\{ label: string \}>;/);
    assert.match(out, /\{ title: "Basic", items: \[\{ label: "One seat" \}, \{ label: "Email support" \}, \{ label: "1 GB" \}\] \}/);
    assert.doesNotMatch(out, /const items2|const items3/, 'no array per card');
    assert.match(out, /\{items\.map\(\(item\) => <li key=\{item\.label\}/);
    // Every text of the design is still in the tree once: three titles and nine features.
    const texts = [...walk(root)].flatMap((e) => e.children.filter((c) => typeof c === 'string'));
    assert.equal(texts.length, 0, 'the texts moved into data');
  });

  it('lists that print differently in each card are not merged: each keeps its own array', () => {
    const odd = card('Scale', ['Any seats', 'Phone support', '1 TB'], 24);
    // The third card's features are another colour each: its run has a colour field the others lack.
    (odd.children[1] as El).children.forEach((c, i) => ((c as El).style = (c as El).style.map(([k, v]) => [k, k === 'color' ? ['#ff0000', '#00ff00', '#0000ff'][i] : v])));
    const cards: El = { tag: 'div', role: 'row', attrs: [], direction: 'row', style: [['display', 'flex'], ['flexDirection', 'row']], children: [card('Basic', ['One seat', 'Email support', '1 GB'], 0), card('Team', ['Ten seats', 'Chat support', '10 GB'], 24), odd] };
    const out = code(column([cards]));
    assert.doesNotMatch(out, /Array<\{/, out);
    assert.ok(out.includes('"Any seats"') && out.includes('"One seat"') && out.includes('"Ten seats"'), 'every card keeps its own features');
  });

  it('an even gap moves no line by more than its drift, and what follows the list stays where it was', () => {
    const list = column([line('Pietro', 0), line('Juan', 4), line('Carlos', 4), line('Enrique', 3)]);
    const after = line('C.K. Toh', 94);
    const last = column([line('One', 0), line('Two', 4), line('Three', 4), line('Four', 3)]);
    const page = column([list, after, last]);
    const grown = evenGaps(page, LOOSE);
    assert.equal(list.style.find(([k]) => k === 'gap')?.[1], 4, 'margins 4, 4, 3: a gap of 4, a pixel longer');
    assert.equal(after.style.find(([k]) => k === 'marginTop')?.[1], 93, 'the list ends where it ended: the next line takes the pixel back');
    assert.equal(grown, 1, 'a list last in its flow hands its growth on to its own container');
  });
});
