// Tokens and clean values in every output style: components of our own, rendered to PNG, come back with their colours
// from the palette, a repeated colour defined once (a CSS variable, or a theme class in Tailwind), values on the scale
// where that costs nothing, and measured values kept where snapping would move the design (the clean-or-exact guard).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { closeLocalEngine, createLocalProvider, styleRenderOptions } from '../src/generate/local/index.js';
import { cleanLength, cleanColor, repeatedColors } from '../src/generate/local/sinks/values.js';
import type { OutputStyle } from '../src/generate/style.js';
import { defaultTheme } from '../src/generate/theme.js';
import type { Design } from '../src/types.js';
import { checkCssPolicy } from '../src/validate/css.js';
import { checkPolicy } from '../src/validate/policy.js';
import { lintProblems } from './support/lint.js';
import { tempDir } from './support/paths.js';
import { designOf as designFromFixture } from './support/design-of.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 2 });
after(() => closeLocalEngine());
const dir = tempDir();
const STYLES: OutputStyle[] = ['inline', 'css-modules', 'tailwind'];

const designOf = (name: string, width: number, height: number): Promise<Design> => designFromFixture(renderer, dir, name, width, height);

/** The component in each style, as the local engine writes it, with its render's scores against the design. */
async function inEachStyle(name: string, width: number, height: number) {
  const design = await designOf(name, width, height);
  const provider = createLocalProvider();
  const out = new Map<OutputStyle, { code: string; css?: string; mismatch: number; fgMismatch: number }>();
  for (const style of STYLES) {
    const { code, css } = await provider.generate({ design, renderer, style, name, root: dir });
    if (process.env.UI2CODE_SHOW_CODE) console.log(code, css ?? '');
    const render = await renderer.render(code, { width, height, deviceScaleFactor: 1 }, styleRenderOptions({ code, css }, name, style, dir));
    out.set(style, { code, css, ...compare(design.image, render).scores });
  }
  return out;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('clean values', () => {
  it('lengths go to the 4 px grid, font sizes to the theme scale, colours to the palette only when close', () => {
    const theme = defaultTheme();
    assert.equal(cleanLength('marginTop', 21, 'scale'), 20);
    assert.equal(cleanLength('width', 213, 'scale'), 212);
    assert.equal(cleanLength('marginTop', 3, 'scale'), 3, 'below the grid: whole pixels');
    assert.equal(cleanLength('fontSize', 15.6, 'scale', theme), 16, 'text-base');
    assert.equal(cleanLength('fontSize', 22, 'scale', theme), 22, 'no token within 1 px: whole');
    assert.equal(cleanLength('borderRadius', 7, 'tokens', theme), 6, 'rounded-md');
    assert.equal(cleanLength('marginTop', 21.3, 'tokens'), 21.3, 'tokens: places are left as the emitter wrote them');
    assert.equal(cleanLength('marginTop', 21.34, 'exact'), 21.3);
    assert.equal(cleanColor('#0f172a', theme, 'tokens')?.token, 'slate-900', '0.002 from v4 slate-900');
    assert.equal(cleanColor('#2563eb', theme, 'tokens')?.token, undefined, "v3's blue-600 is 0.03 from v4's: another colour");
    assert.equal(cleanColor('#0f172a', theme, 'exact')?.token, undefined);
  });
  it('a colour used more than once gets one variable, named for its token or the first role using it', () => {
    const theme = defaultTheme();
    const names = repeatedColors([
      { role: 'title', entries: [['color', '#0f172a']] },
      { role: 'button', entries: [['backgroundColor', '#0f172a'], ['color', '#123456']] },
      { role: 'price', entries: [['color', '#123456'], ['border', '1px solid #123456']] },
      { role: 'note', entries: [['color', '#654321']] },
    ], { snap: 'tokens', theme });
    assert.deepEqual([...names], [['#0f172b', '--color-slate-900'], ['#123456', '--color-button']]);
  });
});

describe('tokens in each style', () => {
  it('three cards on a palette: palette classes in Tailwind, a repeated colour defined once, every style within 0.005 of inline', async () => {
    const out = await inEachStyle('ThreePlans', 800, 480);
    const inline = out.get('inline')!, modules = out.get('css-modules')!, tailwind = out.get('tailwind')!;
    for (const [style, r] of out) {
      assert.ok(r.mismatch <= 0.02, `${style} mismatch ${r.mismatch}`);
      assert.ok(r.mismatch <= inline.mismatch + 0.005 && r.fgMismatch <= inline.fgMismatch + 0.005, `${style} ${r.mismatch}/${r.fgMismatch} against inline ${inline.mismatch}/${inline.fgMismatch}`);
      assert.deepEqual(checkPolicy(r.code, r.css === undefined ? {} : { styleModule: 'ThreePlans.module.css' }), [], style);
      assert.deepEqual(await lintProblems(r.code), [], `${style}: ESLint's recommended rules`);
      assert.equal(r.code.match(/\.map\(/g)?.length, 1, `${style}: the three cards are one .map`);
      assert.match(r.code, /^function PlanCard\(\{ [\w, ]+ \}: PlanCardProps\)/m, `${style}: a named sub-component with typed props`);
    }
    // slate-900 (h1 and each card's title) and slate-600, slate-300, slate-50 are the palette's; v3's blue-600 is not.
    for (const cls of ['text-slate-900', 'text-slate-600', 'border-slate-300', 'bg-slate-50']) assert.match(tailwind.code, new RegExp(`\\b${cls}\\b`), cls);
    assert.doesNotMatch(tailwind.code, /\[#0f172[ab]\]/, 'no literal for a palette colour');
    assert.match(tailwind.code, /text-\[#2563eb\]/, 'an arbitrary value where no token is close');
    // Inline and css-modules: slate-900 is written once, as a variable on the root, and used through it.
    assert.equal(count(inline.code, '#0f172b'), 1, inline.code);
    assert.match(inline.code, /"--color-slate-900": "#0f172b"[^\n]* as CSSProperties/);
    assert.ok(count(inline.code, 'var(--color-slate-900)') >= 2);
    assert.match(inline.code, /^import type \{ CSSProperties \} from 'react';/m);
    assert.equal(count(modules.css!, '#0f172b'), 1, modules.css);
    assert.match(modules.css!, /\.root \{\n {2}--color-slate-900: #0f172b;/);
    assert.deepEqual(await checkCssPolicy(modules.css!), []);
  });

  it('tiles on a 37 px pitch keep their measured sizes (the grid would move them) but take the palette colour', async () => {
    const out = await inEachStyle('Stripes', 480, 200);
    for (const [style, r] of out) assert.ok(r.mismatch <= 0.005, `${style} mismatch ${r.mismatch}`);
    const inline = out.get('inline')!.code, tailwind = out.get('tailwind')!.code, css = out.get('css-modules')!.css!;
    assert.match(inline, /width: 30, height: 30/);
    assert.match(inline, /gap: 7/);
    assert.doesNotMatch(inline, /width: (28|32)\b/, 'not snapped onto the grid');
    assert.match(tailwind, /\bw-7\.5 h-7\.5\b/, "30 px is a quarter step of Tailwind's scale");
    assert.match(tailwind, /\bgap-1\.75\b/);
    assert.match(tailwind, /\bbg-blue-600\b/, '#165efb is a hair off blue-600');
    assert.match(css, /width: 30px;/);
    assert.match(inline, /var\(--color-blue-600\)/);
  });
});
