// The breakpoint layer on its own: what an element's styles at each width become in each output style.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cssModuleBreakpointSink, splitByWidth, tailwindBreakpointSink, type PerWidth } from '../src/generate/breakpoints.js';
import { inlineBreakpointSink } from '../src/generate/local/sinks/inline.js';

// A row of cards on desktop (960) that is a column on a phone (375), and a menu only the desktop shows.
const row: PerWidth = [
  [['display', 'flex'], ['flexDirection', 'column'], ['margin', 0], ['marginTop', 16]],
  [['display', 'flex'], ['flexDirection', 'row'], ['margin', 0], ['marginTop', 24]],
];
const menu: PerWidth = [null, [['display', 'flex'], ['fontSize', 16]]];
const title: PerWidth = [[['fontSize', 22], ['color', '#0f172a']], [['fontSize', 22], ['color', '#0f172a']]];

describe('breakpoints', () => {
  it('keeps what all widths share apart from what changes; a hidden width changes display', () => {
    const { shared, varying } = splitByWidth(row);
    // `margin: 0` goes with its changing longhand: inline it would outrank the rule.
    assert.deepEqual(shared, [['display', 'flex']]);
    assert.deepEqual([...varying.keys()], ['margin', 'flexDirection', 'marginTop']);
    assert.deepEqual(splitByWidth(menu).varying.get('display'), ['none', 'flex']);
    assert.equal(splitByWidth(title).varying.size, 0);
  });

  it('inline: shared values in style={{}}, the rest as scoped classes, mobile first', () => {
    const sink = inlineBreakpointSink('PricingPage', [375, 960]);
    assert.equal(sink.attr(title, 'title'), ' style={{ fontSize: 22, color: "#0f172a" }}');
    assert.equal(sink.attr(row, 'row'), ' className="pricing-page-row-1" style={{ display: "flex" }}');
    assert.equal(sink.attr(menu, 'menu'), ' className="pricing-page-menu-2" style={{ fontSize: 16 }}');
    assert.equal(sink.attr(row, 'row'), ' className="pricing-page-row-1" style={{ display: "flex" }}', 'elements that change alike share a class');
    assert.equal(
      sink.css(),
      [
        '.pricing-page-row-1 { margin: 0; flex-direction: column; margin-top: 16px; }',
        '.pricing-page-menu-2 { display: none; }',
        '@media (min-width: 960px) {',
        '  .pricing-page-row-1 { flex-direction: row; margin-top: 24px; }',
        '  .pricing-page-menu-2 { display: flex; }',
        '}',
      ].join('\n'),
    );
  });

  it('css-modules: every styled element gets a module class, changes in media blocks of the module', () => {
    const sink = cssModuleBreakpointSink([375, 960]);
    assert.equal(sink.attr(row, 'row'), ' className={styles.row1}');
    assert.equal(sink.attr(menu, 'menu'), ' className={styles.menu2}');
    assert.deepEqual(sink.imports('Pricing'), ["import styles from './Pricing.module.css';"]);
    assert.equal(
      sink.css(),
      [
        '.row1 { display: flex; margin: 0; flex-direction: column; margin-top: 16px; }',
        '.menu2 { font-size: 16px; display: none; }',
        '@media (min-width: 960px) {',
        '  .row1 { flex-direction: row; margin-top: 24px; }',
        '  .menu2 { display: flex; }',
        '}',
      ].join('\n'),
    );
  });

  it('tailwind: mobile-first utilities, min-[width]: prefixes at the wider designs\' widths, hidden where missing', () => {
    // A stand-in for the tailwind sink's own mapping of one property's value to utilities.
    const utilities = (p: string, v: string | number) => [p === 'flexDirection' ? `flex-${v === 'column' ? 'col' : v}` : p === 'display' ? String(v) : `${p}-${v}`];
    const sink = tailwindBreakpointSink([375, 960], utilities);
    assert.equal(sink.attr(row, 'row'), ' className="flex margin-0 flex-col min-[960px]:flex-row marginTop-16 min-[960px]:marginTop-24"');
    assert.equal(sink.attr(menu, 'menu'), ' className="fontSize-16 hidden min-[960px]:flex"');
    // A property a wider width no longer sets is unset there; the default mapping writes arbitrary properties.
    const plain = tailwindBreakpointSink([375, 960]);
    assert.equal(plain.attr([[['marginTop', 16]], [['marginLeft', 8]]], 'text'), ' className="[margin-top:16px] min-[960px]:[margin-top:unset] min-[960px]:[margin-left:8px]"');
    assert.equal(sink.css(), undefined);
  });

  it('keeps longhands after their shorthand, and writes them again where the shorthand changes', () => {
    const sink = cssModuleBreakpointSink([375, 960]);
    // marginTop is the same at both widths, the margin shorthand is not: in one rule set only order decides.
    sink.attr([[['marginTop', 24], ['margin', 0], ['marginLeft', 24]], [['marginTop', 24], ['margin', 4], ['marginLeft', 40]]], 'button');
    assert.equal(sink.css(), ['.button1 { margin: 0; margin-left: 24px; margin-top: 24px; }', '@media (min-width: 960px) {', '  .button1 { margin: 4px; margin-left: 40px; margin-top: 24px; }', '}'].join('\n'));
  });
});
