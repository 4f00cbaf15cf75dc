// The local engine on components we wrote ourselves (fixtures/local/*.tsx rendered to PNG): we know their texts,
// colours and boxes, so we can say how much of them the engine recovers. Real OCR, real Chromium, nothing mocked.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { textTerms } from '../src/compare/text-terms.js';
import { analyzeDesign, closeLocalEngine, createLocalProvider, designHints, hintsFromAnalysis } from '../src/generate/local/index.js';
import type { FittedText } from '../src/generate/local/fit.js';
import { containmentTree, layoutContent, type Node } from '../src/generate/local/layout.js';
import type { Region, Rgb } from '../src/generate/local/segment.js';
import { readDesign } from '../src/intake/decode.js';
import type { Design, RenderResult } from '../src/types.js';
import { fixturesDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
after(() => closeLocalEngine());

const fixture = (name: string) => readDesign(path.join(fixturesDir, 'local', `${name}.png`));
const hex = (s: string): Rgb => [parseInt(s.slice(1, 3), 16), parseInt(s.slice(3, 5), 16), parseInt(s.slice(5, 7), 16)];
const distance = (a: readonly number[], b: readonly number[]) => Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i])));
const allRegions = (rs: Region[]): Region[] => rs.flatMap((r) => [r, ...allRegions(r.children)]);

/** What fixtures/local/card.tsx draws: texts (ink starts at the DOM box's left), colours, boxes. */
const CARD = {
  background: '#f3f4f6',
  texts: [
    { text: 'Account settings', x: 140, color: '#111827', fontSize: 32 },
    { text: 'Manage your profile and billing details', x: 140, color: '#4b5563', fontSize: 18 },
    { text: 'Email notifications', x: 140, color: '#1f2937', fontSize: 20 },
    { text: 'Monthly invoices', x: 140, color: '#1f2937', fontSize: 20 },
    { text: 'Save now', x: 192, color: '#ffffff', fontSize: 20 },
    { text: 'Cancel', x: 524, color: '#92400e', fontSize: 20 },
  ],
  boxes: [
    { x: 100, y: 80, width: 600, height: 400, fill: '#ffffff' },
    { x: 140, y: 390, width: 200, height: 56, fill: '#2563eb' },
    { x: 460, y: 390, width: 200, height: 56, fill: '#fde68a' },
  ],
};

async function convert(design: Design, round?: number): Promise<{ code: string; render: RenderResult }> {
  const previous = round === undefined ? undefined : { code: '', render: design.image, scores: { mismatch: 1, fgMismatch: 1, score: 0, width: 0, height: 0, renderedWidth: 0, renderedHeight: 0 }, round };
  const { code } = await createLocalProvider().generate({ design, renderer, previous });
  const render = await renderer.render(code, { width: design.cssWidth, height: design.cssHeight, deviceScaleFactor: design.scale });
  return { code, render };
}

describe('local engine: analysis of a known card', () => {
  it('finds the page background and the card and button boxes with their fills (±4 px, ±6 levels)', async () => {
    const analysis = await analyzeDesign(await fixture('card'));
    assert.ok(distance(analysis.background, hex(CARD.background)) <= 2, `background ${analysis.background}`);
    const regions = allRegions(analysis.regions);
    for (const want of CARD.boxes) {
      const found = regions.find((r) => Math.abs(r.x - want.x) <= 4 && Math.abs(r.y - want.y) <= 4 && Math.abs(r.width - want.width) <= 8 && Math.abs(r.height - want.height) <= 8);
      assert.ok(found, `no box near ${JSON.stringify(want)}; found ${JSON.stringify(regions.map(({ x, y, width, height }) => [x, y, width, height]))}`);
      assert.ok(distance(found.fill, hex(want.fill)) <= 6, `fill ${found.fill} for ${want.fill}`);
    }
    // The buttons sit inside the card: containment is kept.
    const card = regions.find((r) => r.width > 500 && r.height > 300)!;
    assert.ok(allRegions(card.children).some((r) => distance(r.fill, hex('#2563eb')) <= 6));
  });

  it('reads every text line with its colour (±40 levels) and left edge (±6 px)', async () => {
    const analysis = await analyzeDesign(await fixture('card'));
    for (const want of CARD.texts) {
      const line = analysis.lines.find((l) => l.text.toLowerCase() === want.text.toLowerCase());
      assert.ok(line, `"${want.text}" not read; read ${JSON.stringify(analysis.lines.map((l) => l.text))}`);
      assert.ok(Math.abs(line.x - want.x) <= 6, `"${want.text}" at x=${line.x}`);
      assert.ok(distance(line.color, hex(want.color)) <= 40, `"${want.text}" colour ${line.color} vs ${want.color}`);
    }
  });

  it('gives remote models the texts, font sizes and palette as hints', async () => {
    const hints = hintsFromAnalysis(await analyzeDesign(await fixture('card')));
    assert.equal(hints.background, CARD.background);
    assert.ok(hints.palette.includes('#2563eb') || hints.palette.some((c) => distance(hex(c), hex('#2563eb')) <= 6));
    const heading = hints.texts.find((t) => t.text === 'Account settings')!;
    const body = hints.texts.find((t) => t.text.startsWith('Manage'))!;
    assert.ok(heading.fontSize > body.fontSize, 'the heading is the larger text');
  });

  it('gives remote models font sizes fitted by rendering when a renderer is there, not guessed from the line box', async () => {
    const design = await fixture('card');
    const fitted = (await designHints(design, renderer)).texts;
    const boxed = hintsFromAnalysis(await analyzeDesign(design)).texts;
    const errors = (texts: typeof fitted) =>
      CARD.texts.map((want) => {
        const line = texts.find((t) => t.text === want.text);
        assert.ok(line, `"${want.text}" in ${JSON.stringify(texts.map((t) => t.text))}`);
        return Math.abs(line.fontSize - want.fontSize);
      });
    const fit = errors(fitted), box = errors(boxed);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(mean(fit) <= 1, `fitted sizes off by ${fit.map((e) => e.toFixed(1))} px`);
    assert.ok(fit.every((e) => e <= 1), `fitted sizes off by ${fit.map((e) => e.toFixed(1))} px`);
    assert.ok(mean(fit) < mean(box) / 2, `fitted ${mean(fit).toFixed(2)} px against the box's ${mean(box).toFixed(2)} px`);
    assert.ok(fitted.every((t) => t.fontWeight && t.fontFamily), 'the fitted weight and family come with each text');
  });
});

describe('local engine: the component it writes', () => {
  it('renders the card close to the design: all its words, in place, in their colours', async () => {
    const design = await fixture('card');
    const { code, render } = await convert(design);
    assert.doesNotMatch(code, /import React/, 'no unused React import (the automatic JSX runtime needs none)');
    assert.match(code, /export default function /);
    assert.doesNotMatch(code, /data:image|base64|<img/i, 'never embeds the design');
    // A regular layout is flexbox rows and columns: nothing absolute.
    assert.match(code, /display: "flex", flexDirection: "column"/);
    assert.doesNotMatch(code, /position: "absolute"/);
    const truth = (await renderer.render(await import('node:fs').then((fs) => fs.readFileSync(path.join(fixturesDir, 'local/card.tsx'), 'utf8')), { width: 800, height: 600, deviceScaleFactor: 1 })).texts;
    const terms = textTerms(truth.map((t) => ({ ...t, color: `rgb(${t.color.slice(0, 3).join(',')})` })), render.texts, { width: 800, height: 600 });
    assert.ok(terms.textRecall >= 0.95, `recall ${terms.textRecall}`);
    assert.ok(terms.blockMatch >= 0.9, `block match ${terms.blockMatch}`);
    assert.ok(terms.textPosition >= 0.98, `position ${terms.textPosition}`);
    assert.ok(terms.textColor >= 0.85, `colour ${terms.textColor}`);
    const { scores } = compare(design.image, render);
    assert.ok(scores.mismatch <= 0.03, `mismatch ${scores.mismatch}`);
    assert.ok(scores.fgMismatch <= 0.25, `fgMismatch ${scores.fgMismatch}`);
  });

  it('keeps side-by-side columns apart and picks a serif family for a serif design', async () => {
    const design = await fixture('columns');
    const analysis = await analyzeDesign(design);
    for (const word of ['Flights', 'Hotels', 'Cars']) {
      const line = analysis.lines.find((l) => l.text.includes(word));
      assert.ok(line, `"${word}" not read: ${JSON.stringify(analysis.lines.map((l) => l.text))}`);
      assert.ok(line.width < 360, `"${line.text}" spans more than its column`);
    }
    const { render } = await convert(design);
    const words = render.texts.map((t) => t.text).join(' ');
    for (const word of ['Harbor', 'Travel', 'Cheap', 'beach', 'airport']) assert.ok(words.includes(word), `"${word}" missing in ${words}`);
    const serif = render.texts.filter((t) => /tinos|serif/i.test(t.fontFamily) && !/sans/i.test(t.fontFamily)).length;
    assert.ok(serif >= render.texts.length / 2, `families ${render.texts.map((t) => t.fontFamily)}`);
  });

  it('a refinement round does not make the card worse', async () => {
    const design = await fixture('card');
    const first = compare(design.image, (await convert(design)).render).scores;
    const refined = compare(design.image, (await convert(design, 1)).render).scores;
    assert.ok(refined.mismatch <= first.mismatch + 0.005, `refined ${refined.mismatch} vs first ${first.mismatch}`);
  });

  it('is deterministic: the same image gives the same file byte for byte, even after a cold start', async () => {
    const design = await fixture('card');
    const a = (await convert(design)).code;
    await closeLocalEngine();
    const b = (await convert(await fixture('card'))).code;
    assert.equal(a, b);
  });
});

describe('local engine: layout', () => {
  const text = (s: string, x: number, y: number, width: number): FittedText => ({
    text: s, x, y, width, height: 14, confidence: 90, color: [0, 0, 0], background: [255, 255, 255], ink: 0.2,
    fontFamily: 'Arimo', fontWeight: 400, fontSize: 16, left: x, top: y - 3, lineHeight: 20,
  });
  const box = (x: number, y: number, width: number, height: number, children: Region[] = []): Region => ({ x, y, width, height, kind: 'box', fill: [200, 200, 200], radius: 0, children });
  const kinds = (nodes: Node[]): string => nodes.map((n) => (n.kind === 'group' ? `${n.direction}(${kinds(n.children)})` : n.kind === 'item' ? (n.item.kind === 'text' ? n.item.text.text : `box(${kinds(n.children)})`) : 'free')).join(' ');

  it('puts texts into the box that holds them and cuts rows and columns', () => {
    const tree = containmentTree([box(0, 100, 300, 50), box(400, 100, 300, 50)], [text('Title', 10, 20, 80), text('Left', 20, 115, 40), text('Right', 420, 115, 40), text('Footer', 10, 300, 60)]);
    assert.equal(kinds(layoutContent(tree, { x: 0, y: 0 })), 'Title row(box(Left) box(Right)) Footer');
  });

  it('reproduces measured offsets as margins from the previous element', () => {
    const nodes = layoutContent(containmentTree([], [text('A', 10, 20, 50), text('B', 30, 60, 50)]), { x: 0, y: 0 });
    const [a, b] = nodes as Array<Extract<Node, { kind: 'item' }>>;
    assert.deepEqual([a.marginTop, a.marginLeft, b.marginTop, b.marginLeft], [17, 10, 60 - 3 - (17 + 20), 30]);
  });

  it('falls back to absolute positions only for items no straight cut separates', () => {
    const nodes = layoutContent(containmentTree([box(0, 0, 100, 100), box(50, 50, 100, 100)], []), { x: 0, y: 0 });
    assert.equal(kinds(nodes), 'free');
  });
});
