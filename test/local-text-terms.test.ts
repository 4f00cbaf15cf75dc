// The text terms of the score (Design2Code's text, block, position and colour): a render that loses a text loses
// recall, one that recolours a text loses colour agreement, one that moves it loses position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { textTerms } from '../src/compare/text-terms.js';
import type { Hints } from '../src/types.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const viewport = { width: 600, height: 300, deviceScaleFactor: 1 };

function page(texts: Array<{ text: string; left: number; top: number; color: string }>): string {
  const body = texts.map((t) => `<p style={{ position: 'absolute', margin: 0, left: ${t.left}, top: ${t.top}, fontSize: 20, color: '${t.color}' }}>${t.text}</p>`);
  return `import React from 'react';\nexport default function Page() {\n  return (<div style={{ position: 'relative', width: 600, height: 300, background: '#fff', fontFamily: 'Arimo' }}>${body.join('')}</div>);\n}\n`;
}

const TRUTH = [
  { text: 'Quarterly revenue report', left: 40, top: 40, color: '#111111' },
  { text: 'Download the spreadsheet', left: 40, top: 120, color: '#1d4ed8' },
  { text: 'Contact finance team', left: 320, top: 220, color: '#b91c1c' },
];

/** The design's texts as the analysis would give them: what the truth render laid out. */
async function designTexts(): Promise<Hints['texts']> {
  const render = await renderer.render(page(TRUTH), viewport);
  return render.texts.map((t) => ({ text: t.text, x: t.x, y: t.y, width: t.width, height: t.height, fontSize: t.fontSize, color: `rgb(${t.color.slice(0, 3).join(', ')})` }));
}

describe('text terms', () => {
  it('are all 1 for the same page, and compare folds them into the score', async () => {
    const texts = await designTexts();
    const design = await renderer.render(page(TRUTH), viewport);
    const same = await renderer.render(page(TRUTH), viewport);
    const { scores } = compare(design.image, same, { texts });
    assert.equal(scores.textRecall, 1);
    assert.equal(scores.blockMatch, 1);
    assert.equal(scores.textPosition, 1);
    assert.equal(scores.textColor, 1);
    assert.equal(scores.score, 1);
  });

  it('a missing text loses recall and block match, and the score drops', async () => {
    const texts = await designTexts();
    const design = await renderer.render(page(TRUTH), viewport);
    const missing = await renderer.render(page(TRUTH.slice(0, 2)), viewport);
    const { scores } = compare(design.image, missing, { texts });
    const words = 9, lost = 3;
    assert.ok(Math.abs(scores.textRecall! - (words - lost) / words) < 1e-9, `recall ${scores.textRecall}`);
    assert.ok(scores.blockMatch! < 0.8);
    const plain = compare(design.image, missing).scores.score;
    assert.ok(scores.score < plain, 'text terms lower the score of a page missing a text');
  });

  it('a recoloured text loses colour agreement, a moved one loses position', async () => {
    const texts = await designTexts();
    const recoloured = await renderer.render(page(TRUTH.map((t, i) => (i === 1 ? { ...t, color: '#f59e0b' } : t))), viewport);
    const moved = await renderer.render(page(TRUTH.map((t, i) => (i === 2 ? { ...t, left: 40, top: 260 } : t))), viewport);
    const c = textTerms(texts, recoloured.texts, viewport);
    const m = textTerms(texts, moved.texts, viewport);
    assert.equal(c.textRecall, 1);
    assert.ok(c.textColor < 0.8, `colour ${c.textColor}`);
    assert.equal(c.textPosition, 1);
    assert.equal(m.textRecall, 1);
    assert.ok(m.textPosition < 0.85, `position ${m.textPosition}`);
    assert.equal(m.textColor, 1);
  });

  it("a design's lines matched to one paragraph that wraps them stand where the paragraph's lines are", async () => {
    // Three lines set apart, as a design's analysis reads them, and the same words as one paragraph that wraps.
    const lines = ['Our team planted three hundred', 'young oaks along the river this', 'spring with the whole town.'];
    const apart = `export default () => <div style={{ width: 600, height: 300, padding: 40, fontFamily: 'Arimo', fontSize: 20, lineHeight: '28px' }}>${lines.map((l) => `<p style={{ margin: 0 }}>${l}</p>`).join('')}</div>;`;
    const together = `export default () => <div style={{ width: 600, height: 300, padding: 40, fontFamily: 'Arimo', fontSize: 20, lineHeight: '28px' }}><p style={{ margin: 0, width: 300 }}>${lines.join(' ')}</p></div>;`;
    const design = await renderer.render(apart, viewport);
    const paragraph = await renderer.render(together, viewport);
    const texts = design.texts.map((t) => ({ text: t.text, x: t.x, y: t.y, width: t.width, height: t.height, fontSize: t.fontSize, color: 'rgb(0, 0, 0)' }));
    assert.equal(paragraph.texts.length, 1);
    assert.equal(paragraph.texts[0].lines?.length, 3, 'the render measures each line of the paragraph');
    assert.deepEqual(paragraph.texts[0].lines!.map((l) => l.y), design.texts.map((t) => t.y));
    assert.deepEqual(textTerms(texts, paragraph.texts, viewport), { textRecall: 1, textPosition: 1, textColor: 1, blockMatch: 1 });
  });

  it('a page without text in the design scores text terms as perfect; a render without text scores recall 0', () => {
    assert.deepEqual(textTerms([], [], viewport), { textRecall: 1, textPosition: 1, textColor: 1, blockMatch: 1 });
    const t = textTerms([{ text: 'Hello world', x: 0, y: 0, width: 100, height: 20, fontSize: 16, color: '#000000' }], [], viewport);
    assert.equal(t.textRecall, 0);
    assert.equal(t.blockMatch, 0);
  });
});
