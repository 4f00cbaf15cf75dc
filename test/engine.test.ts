// The render-and-compare engine on components whose code we know: real Chromium, nothing mocked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { compare } from '../src/compare/compare.js';
import { isUi2CodeError } from '../src/errors.js';
import type { RgbaImage, Viewport } from '../src/types.js';
import { fixturesDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const viewport: Viewport = { width: 400, height: 300, deviceScaleFactor: 1 };

/** Share of the diff's red pixels that fall inside a box. */
function redInside(diff: RgbaImage, box: { x: number; y: number; width: number; height: number }) {
  let inside = 0;
  let total = 0;
  for (let y = 0; y < diff.height; y++) {
    for (let x = 0; x < diff.width; x++) {
      const i = (y * diff.width + x) * 4;
      if (diff.data[i] !== 255 || diff.data[i + 1] !== 0 || diff.data[i + 2] !== 0) continue;
      total++;
      if (x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height) inside++;
    }
  }
  return { inside, total };
}

describe('render and compare', () => {
  it('scores a component against its own screenshot as a perfect match', async () => {
    const design = await renderer.render(card, viewport);
    const again = await renderer.render(card, viewport);
    const { scores } = compare(design.image, again);
    assert.equal(scores.mismatch, 0);
    assert.equal(scores.fgMismatch, 0);
    assert.equal(scores.score, 1);
    assert.equal(scores.width, 400);
    assert.equal(scores.renderedHeight, 300);
  });

  it('reports DOM text boxes with colour, size, weight and family', async () => {
    const result = await renderer.render(card, viewport);
    const title = result.texts.find((t) => t.text === 'Monthly report');
    assert.ok(title, 'title text found');
    assert.equal(title.fontSize, 28);
    assert.equal(title.fontWeight, 700);
    assert.deepEqual(title.color, [0x1f, 0x2a, 0x44, 255]);
    assert.match(title.fontFamily, /Arial/);
    assert.ok(title.x >= 23 && title.x <= 25 && title.y >= 23 && title.y <= 26, `title at ${title.x},${title.y}`);
    const boxes = result.elements.filter((e) => e.width === 100 && e.height === 80);
    assert.equal(boxes.length, 3);
    assert.deepEqual(boxes[0].background, [0x3b, 0x82, 0xf6, 255]);
  });

  it('detects one changed colour inside the box that changed', async () => {
    const design = await renderer.render(card, viewport);
    const changed = await renderer.render(card.replace("background: '#10b981'", "background: '#ef4444'"), viewport);
    const box = changed.elements.filter((e) => e.width === 100 && e.height === 80)[1];
    const { scores, diff } = compare(design.image, changed, { diff: true });
    assert.ok(scores.mismatch > 0.05, `mismatch ${scores.mismatch}`);
    assert.ok(diff);
    const { inside, total } = redInside(diff, box);
    assert.ok(total > 7000, `${total} red pixels`);
    assert.equal(inside, total, 'every differing pixel is inside the recoloured box');
  });

  it('scores a 1-px shift far better than a missing element, and reports both', async () => {
    const design = await renderer.render(card, viewport);
    const shifted = await renderer.render(card.replace('padding: 24,', 'padding: 24, paddingLeft: 25,'), viewport);
    const missing = await renderer.render(card.replace(/<div id="box-b"[^>]*\/>/, ''), viewport);
    const s = compare(design.image, shifted).scores;
    const m = compare(design.image, missing).scores;
    assert.ok(s.mismatch > 0, 'the shift is reported');
    assert.ok(s.score > 0.9, `shift score ${s.score}`);
    assert.ok(m.score < s.score - 0.15, `missing ${m.score} vs shift ${s.score}`);
  });

  it('scores a blank page of the background colour badly on fgMismatch', async () => {
    const design = await renderer.render(card, viewport);
    const blank = await renderer.render(`export default () => <div style={{ width: 400, height: 300, background: '#f4f6fb' }} />`, viewport);
    const { scores } = compare(design.image, blank);
    assert.ok(scores.fgMismatch > 0.5, `fgMismatch ${scores.fgMismatch}`);
    assert.ok(scores.fgMismatch > 3 * scores.mismatch, 'fgMismatch weighs the foreground');
    assert.ok(scores.score < 0.5, `score ${scores.score}`);
  });

  it('compares a page taller than its design on the design canvas and reports the size', async () => {
    const design = await renderer.render(card, viewport);
    const tall = await renderer.render(card.replace('height: 300,', 'height: 300, minHeight: 900,').replace("<button", "<div style={{ height: 0 }} /><button"), viewport);
    const { scores } = compare(design.image, tall);
    assert.equal(scores.renderedHeight, 900);
    assert.equal(scores.height, 300);
    assert.equal(scores.mismatch, 0);
  });

  it('renders at a device scale factor', async () => {
    const result = await renderer.render(card, { ...viewport, deviceScaleFactor: 2 });
    assert.equal(result.image.width, 800);
    assert.equal(result.image.height, 600);
  });

  it('resolves generic families to the bundled fonts', async () => {
    const text = (family: string) => `export default () => <p style={{ margin: 0, fontFamily: '${family}', fontSize: 20 }}>Quick brown fox 0123</p>`;
    const shot = async (family: string) => (await renderer.render(text(family), { width: 240, height: 30, deviceScaleFactor: 1 })).image;
    const same = (a: RgbaImage, b: RgbaImage) => Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)) === 0;
    assert.ok(same(await shot('sans-serif'), await shot('Arimo')), 'sans-serif is Arimo');
    assert.ok(same(await shot('Arial'), await shot('Arimo')), 'Arial is Arimo');
    assert.ok(same(await shot('serif'), await shot('Tinos')), 'serif is Tinos');
    assert.ok(same(await shot('monospace'), await shot('Cousine')), 'monospace is Cousine');
    assert.ok(!same(await shot('Arimo'), await shot('Tinos')), 'families differ');
  });

  it('renders the same pixels every time', async () => {
    const a = await renderer.render(card, viewport);
    const b = await renderer.render(card, viewport);
    assert.equal(Buffer.compare(Buffer.from(a.image.data), Buffer.from(b.image.data)), 0);
  });
});

describe('untrusted components', () => {
  it('terminates an infinite loop, names the component, and keeps working', async () => {
    await assert.rejects(
      renderer.render('export default function Loop() { while (true) {} }', viewport, { name: 'Loop.tsx', timeoutMs: 1500 }),
      (error: unknown) => isUi2CodeError(error, 'RENDER_TIMEOUT') && /Loop\.tsx/.test((error as Error).message),
    );
    const after = await renderer.render(card, viewport);
    assert.ok(after.texts.some((t) => t.text === 'Monthly report'));
  });

  it('terminates a loop started in an effect', async () => {
    const source = "import { useEffect } from 'react'; export default function L() { useEffect(() => { for (;;) {} }, []); return <p>x</p>; }";
    await assert.rejects(renderer.render(source, viewport, { name: 'Effect.tsx', timeoutMs: 1500 }), (e: unknown) => isUi2CodeError(e, 'RENDER_TIMEOUT'));
    assert.ok((await renderer.render(card, viewport)).texts.length > 0);
  });

  it('denies the network: fetch, WebSocket, images and CSS urls are blocked and reported', async () => {
    const source = `import { useEffect } from 'react';
export default function Leaky() {
  useEffect(() => {
    fetch('http://example.com/steal').catch(() => {});
    try { new WebSocket('ws://example.com/socket'); } catch {}
    new EventSource('http://example.com/events');
    navigator.sendBeacon('http://example.com/beacon', 'x');
  }, []);
  return <div><img src="http://example.com/x.png" /><div style={{ width: 10, height: 10, backgroundImage: 'url(http://example.com/bg.png)' }} /></div>;
}`;
    const result = await renderer.render(source, viewport, { name: 'Leaky.tsx' });
    const blocked = result.consoleErrors.join('\n');
    for (const what of ['example.com/steal', 'ws://example.com/socket', 'example.com/x.png', 'example.com/bg.png', 'example.com/events']) {
      assert.ok(blocked.includes(what), `${what} blocked and reported`);
    }
  });

  it('dismisses dialogs and popups and reports them', async () => {
    const source = `import { useEffect } from 'react';
export default function Noisy() {
  useEffect(() => { alert('hi'); confirm('sure?'); window.open('http://example.com'); }, []);
  return <p>noisy</p>;
}`;
    const result = await renderer.render(source, viewport, { name: 'Noisy.tsx', timeoutMs: 3000 });
    const reported = result.consoleErrors.join('\n');
    assert.match(reported, /alert/);
    assert.match(reported, /confirm/);
    assert.match(reported, /window\.open/);
    assert.ok(result.texts.some((t) => t.text === 'noisy'));
  });

  it('keeps the first reports of a component that logs in a loop, not all of them', async () => {
    const source = `export default function Chatty() {
  for (let i = 0; i < 5000; i++) console.error('chatty ' + i);
  return <p>chatty</p>;
}`;
    const result = await renderer.render(source, viewport, { name: 'Chatty.tsx' });
    assert.ok(result.consoleErrors.includes('chatty 0'), 'the first report is kept');
    assert.ok(result.consoleErrors.length <= 100, `${result.consoleErrors.length} reports kept`);
    assert.ok(result.texts.some((t) => t.text === 'chatty'));
  });

  it('reports a component that throws, and a file that does not compile', async () => {
    const thrown = await renderer.render("export default function Boom() { throw new Error('kaboom'); }", viewport, { name: 'Boom.tsx' });
    assert.match(thrown.pageErrors.join('\n'), /kaboom/);
    await assert.rejects(renderer.render('export default function (', viewport, { name: 'Broken.tsx' }), (e: unknown) => isUi2CodeError(e, 'RENDER_ERROR') && /Broken\.tsx/.test((e as Error).message));
    await assert.rejects(renderer.render('export const notDefault = 1;', viewport, { name: 'NoDefault.tsx' }), (e: unknown) => isUi2CodeError(e, 'RENDER_ERROR'));
  });

  it('does not leak timers or document changes into the next render', async () => {
    const source = `import { useEffect } from 'react';
export default function Sticky() {
  useEffect(() => { document.body.style.background = 'red'; setInterval(() => { document.body.append('tick'); }, 5); }, []);
  return <p>sticky</p>;
}`;
    await renderer.render(source, viewport);
    await new Promise((r) => setTimeout(r, 50));
    const clean = await renderer.render(card, viewport);
    const design = await renderer.render(card, viewport);
    assert.equal(compare(design.image, clean).scores.mismatch, 0);
    assert.ok(!clean.texts.some((t) => t.text.includes('tick')));
  });

  it('relaunches the browser after it crashed', async () => {
    const crashing = testRenderer();
    await crashing.render(card, viewport);
    // Kill the browser this process launched (children of this process whose command is Chromium).
    const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /chrom|headless/i.test(line))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
    assert.ok(children.length > 0, 'found the browser process');
    for (const pid of children) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const result = await crashing.render(card, viewport);
    assert.ok(result.texts.some((t) => t.text === 'Monthly report'));
  });

  it('fails every queued render when the browser cannot start, instead of leaving them waiting', async () => {
    const broken = testRenderer({ executablePath: '/nonexistent/chrome', workers: 1 });
    const results = await Promise.allSettled([1, 2, 3].map(() => broken.render(card, viewport)));
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok(isUi2CodeError((result as PromiseRejectedResult).reason, 'NO_BROWSER'));
    }
  });
});
