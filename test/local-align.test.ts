// Alignment as layout, not as margins: a page's centred content column, a bar's links pushed to its far end, centred
// titles and buttons, and one colour per grey. The component then draws the design at its width and keeps the
// alignment at another, as people's code does (a margin measured from the page's left edge would not).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import { oneColourPerShade, oneSizePerRow } from '../src/generate/local/tokens.js';
import { defaultStretch, looseShrink, plainFonts, stretchWidths } from '../src/generate/local/emit.js';
import { get, type El } from '../src/generate/local/jsx.js';
import type { FittedText } from '../src/generate/local/fit.js';
import { checkPolicy } from '../src/validate/policy.js';
import { tempDir } from './support/paths.js';
import { designOf } from './support/design-of.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();

const line = (text: string, color: [number, number, number]): FittedText => ({
  text, confidence: 95, color, background: [255, 255, 255], ink: 0.2, x: 0, y: 0, width: 80, height: 12,
  fontFamily: 'Arimo', fontWeight: 400, fontSize: 16, left: 0, top: 0, lineHeight: 24,
});

describe('alignment and shades', () => {
  it('a centred page column, pushed links and centred lines are layout; the page stays centred at another width', async () => {
    const design = await designOf(renderer, dir, 'Centred', 900, 560);
    const { code } = await createLocalProvider().generate({ design, renderer });
    if (process.env.UI2CODE_SHOW_CODE) console.log(code);
    assert.deepEqual(checkPolicy(code), []);
    const scores = compare(design.image, await renderer.render(code, { width: 900, height: 560, deviceScaleFactor: 1 })).scores;
    assert.ok(scores.mismatch <= 0.01 && scores.fgMismatch <= 0.08, `mismatch ${scores.mismatch} / ${scores.fgMismatch}`);
    // The column: as wide as the content at most, centred; nothing inside it is placed from the page's edge.
    assert.match(code, /alignSelf: "center", width: "100%", maxWidth: 640/);
    assert.doesNotMatch(code, /marginLeft: 1\d\d\b/, 'no margin of the 130 px page inset');
    assert.match(code, /marginLeft: "auto"[^>]*>\s*Sign in/, 'the bar\'s last link takes what is left before it');
    for (const text of ['Simple pricing', 'Start free']) assert.match(code, new RegExp(`alignSelf: "center"[^>]*>\\s*${text}`), `${text} is centred`);
    // One grey for the text set in two (#374151 for the bar's links, #3a4354 for the line under the title).
    const colourOf = (pattern: RegExp) => pattern.exec(code)?.[1];
    const under = colourOf(/\bcolor: ("[^"]+")[^>]*>\s*One plan/), link = colourOf(/\bcolor: ("[^"]+")[^>]*>\s*Sign in/);
    assert.ok(under && under === link, `${under} and ${link}`);
    // At 700 px the column, the title and the button stay centred; the links stay at the column's right end.
    const narrow = await renderer.render(code, { width: 700, height: 560, deviceScaleFactor: 1 });
    const at = (text: string) => narrow.texts.find((t) => t.text.trim() === text)!;
    for (const text of ['Simple pricing', 'Start free']) {
      const t = at(text);
      assert.ok(Math.abs(t.x + t.width / 2 - 350) <= 2, `${text} centred at 700 px: ${t.x} + ${t.width} / 2`);
    }
    // `flexShrink: 0` only in the bar, whose row ends at the column's edge; nothing else could shrink at 900 px.
    assert.ok((code.match(/flexShrink/g) ?? []).length <= 3, 'flexShrink outside the bar');
    assert.doesNotMatch(code, /flexShrink[^>]*>\s*(Simple pricing|One plan|Start free)/);
    const signIn = at('Sign in');
    assert.ok(Math.abs(signIn.x + signIn.width - (350 + 320)) <= 3, `Sign in ends at the column's right edge: ${signIn.x + signIn.width}`);
  });

  it('a row whose items sit exactly on its middle line centres them; a pixel off, it keeps their margins', () => {
    const item = (tag: string, y: number, height: number, marginTop: number): El => ({ tag, role: 'box', attrs: [], style: [['flexShrink', 0], ['marginTop', marginTop || undefined], ['height', height]], children: [], box: { x: 0, y, width: 40, height } });
    const row = (items: El[]): El => ({ tag: 'div', role: 'row', attrs: [], style: [['display', 'flex'], ['flexDirection', 'row'], ['alignItems', 'flex-start']], children: items, direction: 'row', box: { x: 0, y: 0, width: 200, height: 40 } });
    const root = (child: El): El => ({ tag: 'div', role: 'root', attrs: [], style: [], children: [child], direction: 'column' });
    const centred = [item('div', 0, 40, 0), item('p', 10, 20, 10), item('button', 4, 32, 4)];
    const bar = row(centred);
    stretchWidths(root(bar), 800, true);
    assert.equal(get(bar, 'alignItems'), 'center');
    assert.deepEqual(centred.map((c) => get(c, 'marginTop')), [undefined, undefined, undefined]);
    // A line measured a pixel above the middle: its line box is the engine's, so centring it would move its glyphs.
    const off = [item('div', 0, 40, 0), item('p', 9, 20, 9)];
    const other = row(off);
    stretchWidths(root(other), 800, true);
    assert.equal(get(other, 'alignItems'), 'flex-start');
    assert.equal(get(off[1], 'marginTop'), 9);
    // Not at the exact level.
    const again = row([item('div', 0, 40, 0), item('p', 10, 20, 10)]);
    stretchWidths(root(again), 800, false);
    assert.equal(get(again, 'alignItems'), 'flex-start');
  });

  it('flexShrink stays only where a flow could be squeezed: a row ending at its edge, a column of set height filled', () => {
    const box = (x: number, y: number, width: number, height: number, extra: El['style'] = []): El => ({ tag: 'div', role: 'box', attrs: [], style: [['flexShrink', 0], ['width', width], ['height', height], ...extra], children: [], box: { x, y, width, height } });
    const flow = (direction: 'row' | 'column', children: El[], style: El['style'] = []): El => ({ tag: 'div', role: 'card', attrs: [], style: [['display', 'flex'], ['flexDirection', direction], ...style], children, direction, box: { x: 0, y: 0, width: 300, height: 100 } });
    const shrinks = (el: El) => el.children.map((c) => get(c as El, 'flexShrink'));
    // A column of no set height grows with its content: nothing in it shrinks.
    const column = flow('column', [box(0, 0, 100, 60), box(0, 60, 100, 60)]);
    looseShrink(column, 300);
    assert.deepEqual(shrinks(column), [undefined, undefined]);
    // The same in a column of 100 px: 120 px of boxes would be squeezed.
    const full = flow('column', [box(0, 0, 100, 60), box(0, 60, 100, 60)], [['height', 100]]);
    looseShrink(full, 300);
    assert.deepEqual(shrinks(full), [0, 0]);
    // A row that ends 100 px before the edge it may take has room; one that ends at it does not.
    const roomy = flow('row', [box(0, 0, 100, 20), box(100, 0, 100, 20)]);
    looseShrink(roomy, 300);
    assert.deepEqual(shrinks(roomy), [undefined, undefined]);
    const tight = flow('row', [box(0, 0, 150, 20), box(150, 0, 149, 20)]);
    looseShrink(tight, 300);
    assert.deepEqual(shrinks(tight), [0, 0]);
  });

  it('a flow keeps flex\'s own stretch where stretching moves nothing: items of set width, or boxes that show nothing', () => {
    const el = (tag: string, style: El['style'], children: El[] = []): El => ({ tag, role: 'box', attrs: [], style, children, box: { x: 0, y: 0, width: 10, height: 10 } });
    const column = (children: El[]): El => ({ ...el('div', [['display', 'flex'], ['flexDirection', 'column'], ['alignItems', 'flex-start']], children), direction: 'column' });
    const line = el('p', [['fontSize', 16]]), card = el('div', [['width', 200], ['height', 40], ['backgroundColor', '#eee']]), rule = el('div', [['height', 1], ['backgroundColor', '#ddd'], ['alignSelf', 'stretch']]);
    const plain = column([line, card, rule]);
    defaultStretch(plain);
    assert.equal(get(plain, 'alignItems'), undefined);
    assert.equal(get(rule, 'alignSelf'), undefined, 'stretch is the flow\'s own now');
    // A filled box of no width would be drawn across the whole column: the flow stays flex-start.
    const bare = el('div', [['height', 40], ['backgroundColor', '#eee']]);
    const shown = column([line, bare]);
    defaultStretch(shown);
    assert.equal(get(shown, 'alignItems'), 'flex-start');
  });

  it('a font weight is written only where the element would not have it anyway, with and without preflight', () => {
    const text = (tag: string, weight: number, children: El[] = []): El => ({ tag, role: 'text', attrs: [], style: [['fontWeight', weight]], children: children.length ? children : ['x'] });
    const tree = () => {
      const els = { p: text('p', 400), bold: text('p', 700), h1: text('h1', 700), quiet: text('h2', 400), inTh: text('p', 400), button: text('button', 400) };
      const th: El = { tag: 'th', role: 'cell', attrs: [], style: [], children: [els.inTh] };
      const root: El = { tag: 'div', role: 'root', attrs: [], style: [], children: [els.p, els.bold, els.h1, els.quiet, th, els.button] };
      return { root, els };
    };
    const weights = (els: Record<string, El>) => Object.fromEntries(Object.entries(els).map(([k, el]) => [k, get(el, 'fontWeight')]));
    const plain = tree();
    plainFonts(plain.root);
    // The browser's own: headings bold, a header cell bold (its lines inherit it), controls normal.
    assert.deepEqual(weights(plain.els), { p: undefined, bold: 700, h1: undefined, quiet: 400, inTh: 400, button: undefined });
    // Preflight makes headings and controls inherit: a bold heading must say so, a normal one need not.
    const reset = tree();
    plainFonts(reset.root, true);
    assert.deepEqual(weights(reset.els), { p: undefined, bold: 700, h1: 700, quiet: undefined, inTh: 400, button: undefined });
  });

  it('the words of one row set alike take one size; another row, another family or a size far off keep theirs', () => {
    const word = (text: string, fontSize: number, y: number, height: number, more: Partial<FittedText> = {}): FittedText => ({ ...line(text, [255, 255, 255]), fontSize, y, height, ...more });
    const texts = [
      word('Home', 17, 24, 12), word('About', 19, 24, 12), word('Contact', 18, 24, 12), word('Shop', 17.5, 24, 15),
      word('Sale', 26, 24, 18), word('Blog', 17, 24, 12, { fontFamily: 'Tinos' }), word('Footer', 14, 90, 10), word('Help', 17, 24, 12, { keepSize: true }),
    ];
    assert.deepEqual(oneSizePerRow(texts).map((t) => t.fontSize), [18, 18, 18, 18, 26, 17, 14, 17]);
  });

  it('a control names its family unless preflight makes it inherit the page\'s', () => {
    const tree = () => {
      const label: El = { tag: 'span', role: 'label', attrs: [], style: [['fontFamily', 'Arial, sans-serif']], children: ['Go'] };
      const button: El = { tag: 'button', role: 'button', attrs: [], style: [['fontFamily', 'Arial, sans-serif']], children: ['Open'] };
      const other: El = { tag: 'button', role: 'button', attrs: [], style: [['fontFamily', 'Georgia, serif']], children: ['x'] };
      const plain: El = { tag: 'button', role: 'button', attrs: [], style: [], children: [label] };
      const root: El = { tag: 'div', role: 'root', attrs: [], style: [['fontFamily', 'Arial, sans-serif']], children: [button, other, plain] };
      return { root, label, button, other };
    };
    const families = (t: ReturnType<typeof tree>) => [t.root, t.button, t.other, t.label].map((el) => get(el, 'fontFamily'));
    const system = tree();
    plainFonts(system.root);
    assert.deepEqual(families(system), ['Arial, sans-serif', 'Arial, sans-serif', 'Georgia, serif', 'Arial, sans-serif'], 'controls take the system font');
    const reset = tree();
    plainFonts(reset.root, true);
    assert.deepEqual(families(reset), ['Arial, sans-serif', undefined, 'Georgia, serif', undefined]);
  });

  it('text colours a few levels apart become the more used one; distinct colours stay', () => {
    const texts = [line('Body text that is long', [55, 65, 81]), line('Other body', [58, 67, 84]), line('Title', [17, 24, 39]), line('Link', [79, 70, 229])];
    const out = oneColourPerShade(texts).map((t) => (t.cssColor ?? t.color).join(','));
    assert.deepEqual(out, ['55,65,81', '55,65,81', '17,24,39', '79,70,229']);
  });
});
