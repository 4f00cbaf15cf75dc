// Semantic elements from pixels: fixtures/local/signup.tsx draws a real menu, field, select, button, list, table,
// checkbox and radio buttons; the engine sees only its PNG and must write the same kinds of elements, with the same
// words, and no more of them where the picture shows none. Real OCR, real Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import type { FittedText } from '../src/generate/local/fit.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import type { Node } from '../src/generate/local/layout.js';
import { listRuns, tableRuns } from '../src/generate/local/semantics.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import type { Design, RenderResult } from '../src/types.js';
import { fixturesDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui2code-semantics-'));
after(async () => {
  await closeLocalEngine();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Renders a fixture component to a PNG design, as a designer's export would be. */
async function designOf(name: string): Promise<Design> {
  const source = fs.readFileSync(path.join(fixturesDir, 'local', `${name}.tsx`), 'utf8');
  const shot = await renderer.render(source, { width: 800, height: 600, deviceScaleFactor: 1 }, { name });
  const file = path.join(tmp, `${name}.png`);
  fs.writeFileSync(file, encodePng(shot.image));
  return readDesign(file);
}

async function convert(design: Design): Promise<{ code: string; render: RenderResult }> {
  const { code } = await createLocalProvider().generate({ design, renderer });
  return { code, render: await renderer.render(code, { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: 1 }) };
}

const count = (render: RenderResult, tag: string) => render.elements.filter((e) => e.tag === tag).length;
const textsIn = (render: RenderResult, tag: string) => render.texts.filter((t) => t.tag === tag).map((t) => t.text);

describe('local engine: semantic elements', () => {
  it('writes a field, a select, a button, two lists, a table, a checkbox and radio buttons where the design draws them', async () => {
    const design = await designOf('signup');
    const { code, render } = await convert(design);
    assert.deepEqual(render.consoleErrors, [], "the page reports no errors");
    assert.equal(count(render, 'input'), 4, code);
    assert.deepEqual(textsIn(render, 'input'), ['Email address'], 'the grey line in the field is its placeholder');
    // A repeated colour is a variable on the root: read its value there.
    const resolved = code.replace(/var\((--[\w-]+)\)/g, (m, name: string) => code.match(new RegExp(`"${name}": "(#[0-9a-f]{6})"`))?.[1] ?? m);
    const field = resolved.match(/<input type="\w+"[^>]*borderRadius: (\d+)[^>]*border: "1px solid #([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})"/);
    assert.ok(field, `the field keeps its 1 px border: ${code}`);
    assert.ok(Math.abs(Number(field[1]) - 4) <= 1, `radius ${field[1]} for 4`);
    assert.ok(Math.abs(parseInt(field[2], 16) - 0x9c) <= 12, `border colour ${field.slice(2)} for #9ca3af`);
    // The checkbox and the second radio button are drawn checked; the radio buttons are one choice.
    assert.match(code, /<input\s+type="checkbox"\s+defaultChecked/);
    const radios = [...code.matchAll(/<input\s+type="radio"\s+name="([^"]+)"(\s+defaultChecked)?/g)];
    assert.equal(radios.length, 2, code);
    assert.equal(radios[0][1], radios[1][1]);
    assert.deepEqual(radios.map((r) => Boolean(r[2])), [false, true]);
    assert.equal(count(render, 'select'), 1, code);
    assert.deepEqual(textsIn(render, 'select'), ['Europe'], 'the field with an arrow is a select showing its option');
    assert.equal(count(render, 'button'), 1, code);
    assert.match(code, /<button\s+type="button"/);
    assert.equal(count(render, 'ul'), 2, code);
    assert.deepEqual(textsIn(render, 'li'), ['Home', 'Pricing', 'Docs', 'Contact', 'Unlimited projects', 'Priority support', 'Custom domains']);
    assert.equal(count(render, 'table'), 1, code);
    assert.deepEqual(textsIn(render, 'th'), ['Plan', 'Seats', 'Price'], 'the bold first row is the header');
    assert.deepEqual(textsIn(render, 'td'), ['Starter', '1', '$9', 'Team', '10', '$49', 'Business', '50', '$199']);
    // The elements change tags, not places: the picture still matches.
    const { scores } = compare(design.image, render);
    assert.ok(scores.mismatch <= 0.02, `mismatch ${scores.mismatch}`);
    assert.ok(scores.fgMismatch <= 0.3, `fgMismatch ${scores.fgMismatch}`);
  });

  it("writes a field framed by the browser's own inset border as that border, not as a strip above it", async () => {
    // flame-34's search box: an input whose only style is its size keeps the browser's fallback frame, 2px inset
    // #767676, which Chromium draws #212121 above and left. Read as one colour all round, no frame was found and only
    // its dark top line was written, a 770x2 strip.
    const source = `export default function Search() {
  return (
    <div style={{ position: 'relative', width: 800, height: 300, background: '#f9f9f9', fontFamily: 'Arimo' }}>
      <h1 style={{ position: 'absolute', left: 0, top: 30, width: 800, margin: 0, textAlign: 'center', fontFamily: 'Tinos', fontSize: 32 }}>Recipes</h1>
      <div style={{ position: 'absolute', left: 28, top: 108, width: 740, height: 39, boxSizing: 'border-box', border: '2px inset #767676', background: '#fff', padding: '10px', fontSize: 13.33, color: '#757575' }}>Search recipes...</div>
      <div style={{ position: 'absolute', left: 28, top: 200, width: 360, height: 60, boxSizing: 'border-box', border: '2px solid #000', background: '#fff' }} />
    </div>
  );
}`;
    const shot = await renderer.render(source, { width: 800, height: 300, deviceScaleFactor: 1 }, { name: 'search' });
    const file = path.join(tmp, 'search.png');
    fs.writeFileSync(file, encodePng(shot.image));
    const design = await readDesign(file);
    const { code, render } = await convert(design);
    // Its colour as measured or the palette's nearest (stone-500 is 3 levels off #767676).
    const inset = /border: "2px inset #([0-9a-f]{6})"/.exec(code);
    assert.ok(inset, code);
    const rgb = [0, 2, 4].map((i) => parseInt(inset[1].slice(i, i + 2), 16));
    assert.ok(rgb.every((v) => Math.abs(v - 118) <= 12), `inset colour #${inset[1]}`);
    assert.doesNotMatch(code, /height: 2,/, 'no strip for the frame');
    // A black frame is its own dark shade by Chromium's formula: one colour, not inset.
    assert.equal(code.match(/inset/g)?.length, 1, code);
    assert.match(code, /border: "2px solid #000000"/);
    const field = render.elements.find((e) => Math.abs(e.x - 28) <= 1 && Math.abs(e.y - 108) <= 1);
    assert.ok(field && Math.abs(field.width - 740) <= 1 && Math.abs(field.height - 39) <= 1, JSON.stringify(render.elements.map(({ x, y, width, height }) => [x, y, width, height])));
    assert.ok(compare(design.image, render).scores.mismatch <= 0.01, `mismatch ${compare(design.image, render).scores.mismatch}`);
  });

  it('finds no list or table in columns of headings and paragraphs, and buttons only where a box holds a centred line', async () => {
    const columns = await convert(await readDesign(path.join(fixturesDir, 'local', 'columns.png')));
    for (const tag of ['ul', 'table', 'input', 'button']) assert.equal(count(columns.render, tag), 0, `${tag} in ${columns.code}`);
    const card = await convert(await readDesign(path.join(fixturesDir, 'local', 'card.png')));
    assert.deepEqual(card.render.texts.filter((t) => t.tag === 'span').map((t) => t.text), ['Save now', 'Cancel'], card.code);
    assert.equal(count(card.render, 'button'), 2);
    assert.equal(count(card.render, 'ul') + count(card.render, 'table'), 0, card.code);
  });
});

describe('local engine: list and table rules', () => {
  const line = (text: string, x: number, y: number, width = text.length * 8): Node => {
    const t: FittedText = {
      text, x, y, width, height: 12, confidence: 90, color: [17, 24, 39], background: [255, 255, 255], ink: 0.2,
      fontFamily: 'Arimo', fontWeight: 400, fontSize: 16, left: x, top: y - 4, lineHeight: 21,
    };
    const rect = { x, y: y - 4, width, height: 21 };
    return { kind: 'item', item: { kind: 'text', text: t, index: 0, ...rect, core: { x, y, width, height: 12 } }, marginTop: 0, marginLeft: 0, children: [] };
  };

  it('takes short lines with one left edge and an even rhythm for a list', () => {
    assert.deepEqual(listRuns([line('Apples', 10, 10), line('Pears', 10, 40), line('Plums', 10, 70)], 'column'), [[0, 3]]);
  });

  it('does not take a wrapped paragraph, an uneven column or fewer than three lines for a list', () => {
    assert.deepEqual(listRuns([line('Our plans', 10, 10), line('include support', 10, 40), line('and updates', 10, 70)], 'column'), []);
    assert.deepEqual(listRuns([line('Apples', 10, 10), line('Pears', 10, 40), line('Plums', 10, 95)], 'column'), []);
    assert.deepEqual(listRuns([line('Apples', 10, 10), line('Pears', 10, 40)], 'column'), []);
    assert.deepEqual(listRuns([line('Apples', 10, 10), line('Pears', 30, 40), line('Plums', 10, 70)], 'column'), []);
  });

  it('takes three or more evenly spaced rows of aligned cells for a table, not two rows or an uneven column', () => {
    // A row: cells at x = 0, 120, 240 (margins accumulate along the row), `gap` below the previous row.
    const row = (gap: number): Node => ({
      kind: 'group', direction: 'row', marginTop: gap, marginLeft: 0,
      children: [0, 1, 2].map((i) => ({ ...line(`Cell ${i}`, 0, 0, 40), marginLeft: i ? 80 : 0 }) as Node),
    });
    assert.deepEqual(tableRuns([row(10), row(12), row(12), row(12)], 'column'), [[0, 4]]);
    assert.deepEqual(tableRuns([row(10), row(12)], 'column'), []);
    assert.deepEqual(tableRuns([row(10), row(12), row(60)], 'column'), []);
    assert.deepEqual(tableRuns([row(10), row(12), row(12)], 'row'), []);
  });

  it('takes a row of short words on one baseline with even gaps for a menu', () => {
    assert.deepEqual(listRuns([line('Home', 10, 10, 40), line('Docs', 90, 10, 40), line('Blog', 170, 10, 40)], 'row'), [[0, 3]]);
    assert.deepEqual(listRuns([line('Home', 10, 10, 40), line('Docs', 60, 10, 40), line('Blog', 400, 10, 40)], 'row'), []);
  });
});
