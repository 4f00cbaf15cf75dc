// Matching a responsive design's widths (src/generate/local/responsive.ts) on element trees built from known lines, no
// OCR and no renders: link columns read row by row on desktop and stacked on a phone, and a menu that is a list at one
// width and two lines at another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRoot, type EmitInput } from '../src/generate/local/emit.js';
import type { FittedText } from '../src/generate/local/fit.js';
import type { El } from '../src/generate/local/jsx.js';
import { breakpointSinkFor } from '../src/generate/local/sinks/index.js';
import { defaultTheme } from '../src/generate/theme.js';
import { chooseReadings, commonOrder, hiddenCount, leftOutEverywhere, mergeTrees, plainMergedFonts, tagResets, type Merged } from '../src/generate/local/responsive.js';

const line = (text: string, x: number, y: number, size = 15, weight = 400): FittedText => ({
  text, x, y: y + 3, width: text.length * 8, height: 11, confidence: 95, color: [71, 85, 105], background: [241, 245, 249], ink: 0.2,
  fontFamily: 'Arimo', fontWeight: weight, fontSize: size, left: x, top: y, lineHeight: 20,
});

const input = (width: number, height: number, texts: FittedText[]): EmitInput => ({ name: 'Footer', width, height, background: [241, 245, 249], regions: [], texts });

const columns = [['Company', 'About', 'Careers'], ['Product', 'Features', 'Pricing'], ['Support', 'Help center', 'Contact']];
/** Three link columns side by side, each a heading over two links, 150 px apart. */
const desktop = input(900, 200, columns.flatMap((col, c) => col.map((t, r) => line(t, 40 + 150 * c, 40 + 30 * r, r ? 15 : 16, r ? 400 : 700))));
/** The same columns one under the other. */
const phone = input(375, 400, columns.flat().map((t, i) => line(t, 24, 24 + 30 * i + 14 * Math.floor(i / 3), i % 3 ? 15 : 16, i % 3 ? 400 : 700)));

const textsOf = (el: Merged | El): string[] => el.children.flatMap((c) => (typeof c === 'string' ? [c] : 'perWidth' in c || 'style' in c ? textsOf(c as Merged) : []));
const readings = (design: EmitInput) => (['rows', 'columns'] as const).map((reading) => buildRoot({ ...design, reading }, { landmarks: false }).root);

describe('matching link columns across widths', () => {
  it('reads a desktop grid of links by columns when the phone stacks them, and merges them without hiding any', () => {
    const [rows, cols] = readings(desktop);
    assert.deepEqual(textsOf(rows).slice(0, 3), ['Company', 'Product', 'Support'], 'by rows the headings come first');
    assert.deepEqual(textsOf(cols), columns.flat(), 'by columns each heading is followed by its links');
    const [narrow, wide] = chooseReadings([readings(phone).slice(0, 1), [rows, cols]]);
    assert.equal(wide, cols);
    const merged = mergeTrees([narrow, wide]);
    assert.equal(hiddenCount(merged), 0, 'every element shows at both widths');
    assert.deepEqual(textsOf(merged), columns.flat(), 'each text is written once');
  });

  it('keeps the rows reading when the other widths read rows too (figures two by two, then one per line)', () => {
    const grid = input(600, 200, [line('Users', 40, 40), line('Teams', 300, 40), line('Uptime', 40, 100), line('Regions', 300, 100)]);
    const column = input(360, 300, [line('Users', 20, 20), line('Teams', 20, 80), line('Uptime', 20, 140), line('Regions', 20, 200)]);
    const options = readings(grid);
    assert.notDeepEqual(textsOf(options[0]), textsOf(options[1]));
    assert.equal(chooseReadings([readings(column).slice(0, 1), options])[1], options[0]);
  });

  it('counts the texts two orders share', () => {
    assert.equal(commonOrder(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd']), 3);
    assert.equal(commonOrder([], ['a']), 0);
  });
});

describe('matching a menu across widths', () => {
  const text = (tag: string, t: string): El => ({ tag, role: tag === 'li' ? 'item' : 'text', attrs: [], style: [['margin', 0], ['fontSize', 16]], children: [t] });
  const button: El = { tag: 'button', role: 'button', attrs: [['type', 'button']], style: [['padding', 0]], children: [{ tag: 'span', role: 'label', attrs: [], style: [], children: ['Sign up'] }], direction: 'column' };
  const bar = (children: El[]): El => ({ tag: 'div', role: 'row', attrs: [], style: [['display', 'flex'], ['flexDirection', 'row']], children, direction: 'row' });
  const root = (children: El[]): El => ({ tag: 'div', role: 'root', attrs: [], style: [], children, direction: 'column' });
  const logo = () => text('h2', 'Northwind');
  const menu = (items: string[]): El => ({ tag: 'ul', role: 'list', attrs: [], style: [['margin', 0], ['padding', 0], ['listStyle', 'none'], ['display', 'flex']], children: items.map((t) => text('li', t)), direction: 'row' });

  it('matches two lines at one width with the list of four the wider width shows, keeping the bar one element', () => {
    const tablet = root([bar([logo(), text('p', 'Product'), text('p', 'Pricing'), button])]);
    const desktop = root([bar([logo(), menu(['Product', 'Pricing', 'Customers', 'Blog']), button])]);
    const merged = mergeTrees([tablet, desktop]);
    assert.deepEqual(textsOf(merged), ['Northwind', 'Product', 'Pricing', 'Customers', 'Blog', 'Sign up'], 'each text once');
    const list = (merged.children[0] as Merged).children[1] as Merged;
    assert.equal(list.tag, 'ul');
    assert.deepEqual(list.children.map((c) => (c as Merged).perWidth.map((p) => p !== null)), [[true, true], [true, true], [false, true], [false, true]]);
    // On the tablet the two lines sit in a row as they did, in a list without its markers and indent.
    assert.deepEqual(list.perWidth[0]!.filter(([k]) => ['flexDirection', 'padding', 'listStyle', 'margin'].includes(k)), [['margin', 0], ['padding', 0], ['listStyle', 'none'], ['flexDirection', 'row']]);
  });

  it('matches the bar whose menu is gone on a phone, its logo left', () => {
    const phone = root([bar([logo()])]);
    const tablet = root([bar([logo(), text('p', 'Product'), text('p', 'Pricing'), button])]);
    const merged = mergeTrees([phone, tablet]);
    assert.deepEqual(textsOf(merged), ['Northwind', 'Product', 'Pricing', 'Sign up']);
  });

  it('resets what another tag brings only where a width printed its element with another tag', () => {
    const p = text('p', 'Product');
    assert.equal(tagResets('p', p), p.style);
    assert.deepEqual(tagResets('ul', { tag: 'div', role: 'row', attrs: [], style: [['display', 'flex']], children: [] }), [['margin', 0], ['padding', 0], ['listStyle', 'none'], ['display', 'flex']]);
  });
});

describe('fonts of a merged component', () => {
  const el = (tag: string, perWidth: Merged['perWidth'], children: Merged['children'] = []): Merged => ({ tag, role: tag, attrs: [], perWidth, children });
  const weights = (m: Merged): unknown[] => m.perWidth.map((style) => style?.find(([k]) => k === 'fontWeight')?.[1]);

  it('leaves out a weight or family every width has anyway, and keeps one any width needs', () => {
    const body = el('p', [[['fontWeight', 400], ['fontFamily', 'Arimo']], [['fontWeight', 400], ['fontFamily', 'Arimo']]]);
    const title = el('h2', [[['fontWeight', 700]], [['fontWeight', 700]]]);
    // Bold on the phone only: left out there, the phone would print `unset`, which inherits the page's 400 where
    // the heading's own weight is bold.
    const mixed = el('h2', [[['fontWeight', 400]], [['fontWeight', 700]]]);
    const hiddenOnPhone = el('span', [null, [['fontWeight', 400]]]);
    const bold = el('p', [[['fontWeight', 700]], [['fontWeight', 700]]], [el('span', [[['fontWeight', 700]], [['fontWeight', 400]]])]);
    const root = el('div', [[['fontFamily', 'Arimo']], [['fontFamily', 'Arimo']]], [body, title, mixed, hiddenOnPhone, bold]);
    plainMergedFonts(root);
    assert.deepEqual(body.perWidth, [[], []]);
    assert.deepEqual(weights(title), [undefined, undefined]);
    assert.deepEqual(weights(mixed), [400, 700]);
    assert.deepEqual(hiddenOnPhone.perWidth, [null, []]);
    assert.deepEqual(weights(bold), [700, 700], 'bold inside a normal page says so');
    // Left out at one width alone, that width would print `unset` in its place: no shorter.
    assert.deepEqual(weights(bold.children[0] as Merged), [700, 400]);
    assert.deepEqual(root.perWidth, [[['fontFamily', 'Arimo']], [['fontFamily', 'Arimo']]], 'the root sets the family');
  });

  it('puts back a declaration a pass left out at one width where another width keeps it', () => {
    const raw = el('div', [[['flexShrink', 0], ['alignItems', 'flex-start']], [['flexShrink', 0], ['alignItems', 'flex-start']]], [el('p', [[['flexShrink', 0]], [['flexShrink', 0]]])]);
    const cleaned = el('div', [[['flexShrink', 0]], [['alignItems', 'flex-start']]], [el('p', [[], []])]);
    const merged = leftOutEverywhere(raw, cleaned);
    assert.deepEqual(merged.perWidth, [[['flexShrink', 0], ['alignItems', 'flex-start']], [['alignItems', 'flex-start'], ['flexShrink', 0]]]);
    assert.deepEqual((merged.children[0] as Merged).perWidth, [[], []], 'left out at every width, it stays out');
  });

  it("takes preflight from the project's theme: a Tailwind project without it keeps a normal heading's weight", () => {
    const normal = () => el('h2', [[['fontWeight', 400]], [['fontWeight', 400]]]);
    for (const [preflight, want] of [[true, [undefined, undefined]], [false, [400, 400]]] as const) {
      const sink = breakpointSinkFor('tailwind', 'Plans', [375, 960], { theme: { ...defaultTheme(), preflight } });
      assert.equal(sink.preflight, preflight);
      const title = normal();
      plainMergedFonts(el('div', [[], []], [title]), sink.preflight);
      assert.deepEqual(weights(title), want);
    }
  });

  it('keeps a heading bold under Tailwind\'s preflight, where headings inherit their weight', () => {
    const title = el('h2', [[['fontWeight', 700]], [['fontWeight', 700]]]);
    plainMergedFonts(el('div', [[], []], [title]), true);
    assert.deepEqual(weights(title), [700, 700]);
  });
});
