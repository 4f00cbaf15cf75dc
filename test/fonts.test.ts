// The render page declares only the font families a component names (fontFaceCssFor): the rules for those names are
// there, no others, and the families still draw from the bundled web fonts (Cyrillic and Greek exist only there; the
// fontconfig fallback holds Latin only).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fontFaceCss, fontFaceCssFor } from '../src/render/fonts.js';
import { testRenderer } from './support/render.js';

const families = (css: string) => new Set([...css.matchAll(/font-family: '([^']+)'/g)].map((m) => m[1]));

describe('font faces per component', () => {
  it('declares the families and aliases the code names, and no other', () => {
    const named = families(fontFaceCssFor(`<p style={{ fontFamily: "Arial, Helvetica, sans-serif" }}>a</p><h1 className="x">b</h1>.x{font-family:'Inter',system-ui}`));
    assert.deepEqual([...named].sort(), ['Arial', 'Helvetica', 'Inter']);
    assert.equal(fontFaceCssFor('<div style={{ fontFamily: "sans-serif" }}>generic only</div>'), '');
    const all = families(fontFaceCss());
    for (const name of named) assert.ok(all.has(name), `${name} is one of the bundled names`);
  });

  const renderer = testRenderer();

  it('renders a named family from its web font, subsets beyond Latin included', async () => {
    const width = async (family: string) => {
      const code = `export default function A() { return <div style={{ fontSize: 32 }}><span style={{ fontFamily: "${family}" }}>Привет, мир и Ελληνικά</span></div>; }`;
      const { texts } = await renderer.render(code, { width: 800, height: 100, deviceScaleFactor: 1 });
      return texts[0].width;
    };
    const roboto = await width('Roboto');
    const unknown = await width('NoSuchFont');
    assert.ok(Math.abs(roboto - unknown) > 10, `Roboto ${roboto} px against the fallback's ${unknown} px`);
  });
});
