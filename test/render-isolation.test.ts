// The renderer against hostile components, rendered straight through createRenderer().render (no policy in front):
// what one component does must not change what the next one measures, must not leave the machine, and a component
// that navigates fails alone. Real Chromium, one worker, so every attacker and its victim share that worker.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isUi2CodeError } from '../src/errors.js';
import type { RenderResult, Viewport } from '../src/types.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer({ workers: 1 });
const viewport: Viewport = { width: 400, height: 300, deviceScaleFactor: 1 };

/** Uses what the attackers poison: React.Children, JSON, the document's styles and the page runtime. */
const VICTIM = `import React from 'react';
export default function Victim() {
  const items = React.Children.map([<span key="a">Alpha</span>, <span key="b">Beta</span>], (child) => <p style={{ margin: 8 }}>{child}</p>);
  return (
    <main style={{ padding: 16, fontFamily: 'Arial', fontSize: 18, color: '#1f2a44', background: '#ffffff' }}>
      {items}
      <p>{JSON.stringify({ total: 3 })}</p>
    </main>
  );
}`;

const summary = (r: RenderResult) => ({
  texts: r.texts.map((t) => [t.text, Math.round(t.x), Math.round(t.y), Math.round(t.width), t.fontSize, t.color.join()]),
  elements: r.elements.map((e) => [e.tag, Math.round(e.x), Math.round(e.y), Math.round(e.width), Math.round(e.height)]),
  documentHeight: r.documentHeight,
});

let baseline: { summary: ReturnType<typeof summary>; image: Buffer } | undefined;
async function victimBaseline() {
  if (!baseline) {
    const r = await renderer.render(VICTIM, viewport, { name: 'Victim.tsx' });
    baseline = { summary: summary(r), image: Buffer.from(r.image.data) };
    assert.deepEqual(r.texts.map((t) => t.text), ['Alpha', 'Beta', '{"total":3}']);
  }
  return baseline;
}

/** The victim rendered after `attacker` measures and looks exactly as it does on its own. */
async function assertNextRenderUnaffected(attacker: string, name: string) {
  const before = await victimBaseline();
  await renderer.render(attacker, viewport, { name }).catch((error) => assert.ok(isUi2CodeError(error), String(error)));
  const after = await renderer.render(VICTIM, viewport, { name: 'Victim.tsx' });
  assert.deepEqual(summary(after), before.summary, `${name} changed what the next component measures`);
  assert.ok(Buffer.from(after.image.data).equals(before.image), `${name} changed the next component's pixels`);
}

describe('an isolated renderer', () => {
  it('a component that mutates React.Children does not change the next render', async () => {
    await assertNextRenderUnaffected(
      `import React from 'react';
React.Children.map = () => [React.createElement('b', { key: 'x' }, 'PWNED')];
export default function A() { return <div>attacker</div>; }`,
      'ChildrenAttacker.tsx',
    );
  });

  it('a component that replaces JSON does not change the next render', async () => {
    await assertNextRenderUnaffected(
      `JSON.stringify = () => 'PWNED';
export default function A() { return <div>attacker</div>; }`,
      'JsonAttacker.tsx',
    );
  });

  it('a <style> appended to <head> does not reach the next render', async () => {
    await assertNextRenderUnaffected(
      `const style = document.createElement('style');
style.textContent = 'p, span, main { color: red !important; font-size: 40px !important; background: #000 !important; }';
document.head.append(style);
export default function A() { return <div>attacker</div>; }`,
      'StyleAttacker.tsx',
    );
  });

  it('replacing the measuring runtime does not forge the next render’s texts', async () => {
    await assertNextRenderUnaffected(
      `const fake = { documentWidth: 1, documentHeight: 1, texts: [{ text: 'FORGED', x: 0, y: 0, width: 9, height: 9, color: [0, 0, 0, 255], fontSize: 9, fontWeight: 400, fontFamily: 'x', tag: 'p' }], elements: [], errors: [] };
const runtime = window.__UI2CODE__;
window.__UI2CODE__ = { ...runtime, mount: async (mod, css) => { await runtime.mount(mod, css); return fake; } };
Object.defineProperty(window, '__UI2CODE__', { value: window.__UI2CODE__, writable: false, configurable: false });
Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 1, 1);
window.getComputedStyle = () => ({ color: 'rgb(255, 0, 0)', fontSize: '99px', visibility: 'visible', opacity: '1', backgroundColor: 'rgb(255, 0, 0)' });
export default function A() { return <div>attacker</div>; }`,
      'RuntimeAttacker.tsx',
    );
  });

  it('measures a component in a world its own code cannot reach', async () => {
    const result = await renderer.render(
      `Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 1, 1);
Element.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 1, 1);
document.createTreeWalker = () => ({ nextNode: () => null });
export default function A() { return <h1 style={{ margin: 0, fontSize: 32, fontFamily: 'Arial' }}>Real heading</h1>; }`,
      viewport,
      { name: 'SelfForger.tsx' },
    );
    const heading = result.texts.find((t) => t.text === 'Real heading');
    assert.ok(heading, `texts: ${JSON.stringify(result.texts)}`);
    assert.ok(heading.width > 100 && heading.height > 20, `measured ${heading.width}x${heading.height}`);
    assert.equal(result.elements[0]?.tag, 'h1');
  });

  it('gives the component no gc (the browser exposes it for the engine’s own world)', async () => {
    const result = await renderer.render(`export default function G() { return <p>{typeof gc}</p>; }`, viewport, { name: 'Gc.tsx' });
    assert.deepEqual(result.texts.map((t) => t.text), ['undefined']);
  });

  it('a page warmed at one viewport renders at another', async () => {
    await victimBaseline();
    const big = await renderer.render(VICTIM, { width: 640, height: 480, deviceScaleFactor: 2 }, { name: 'Victim.tsx' });
    assert.equal(big.image.width, 1280);
    assert.equal(big.image.height, 960);
    assert.deepEqual(big.texts.map((t) => t.text), ['Alpha', 'Beta', '{"total":3}']);
    const small = await renderer.render(VICTIM, viewport, { name: 'Victim.tsx' });
    assert.equal(small.image.width, 400);
    assert.ok(Buffer.from(small.image.data).equals(baseline!.image));
  });
});

describe('navigation is refused', () => {
  const navigators: Array<[string, string]> = [
    ['location.assign', `import { useEffect } from 'react';
export default function N() { useEffect(() => { location.assign('http://ui2code.invalid/elsewhere'); }, []); return <p>navigating</p>; }`],
    ['meta refresh', `export default function N() { return <div><meta httpEquiv="refresh" content="0;url=http://ui2code.invalid/refreshed" /><p>refreshing</p></div>; }`],
    ['location.reload', `location.reload();
export default function N() { return <p>reloading</p>; }`],
    ['about:blank', `location.href = 'about:blank';
export default function N() { return <p>blanking</p>; }`],
  ];
  for (const [how, source] of navigators) {
    it(`${how}: the render fails naming the component, the next one is unaffected`, async () => {
      const before = await victimBaseline();
      const name = `Navigator-${how.replace(/\W+/g, '-')}.tsx`;
      await assert.rejects(renderer.render(source, viewport, { name }), (error: unknown) => {
        assert.ok(isUi2CodeError(error), String(error));
        assert.equal(error.code, 'RENDER_ERROR');
        assert.equal(error.file, name);
        assert.match(error.message, /navigat/);
        return true;
      });
      const after = await renderer.render(VICTIM, viewport, { name: 'Victim.tsx' });
      assert.deepEqual(summary(after), before.summary);
    });
  }
});

describe('WebRTC', () => {
  it('sends no STUN packet to a server on 127.0.0.1', async () => {
    const socket = dgram.createSocket('udp4');
    const packets: Buffer[] = [];
    socket.on('message', (message) => packets.push(message));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    try {
      // The connection starts when the module is evaluated: ICE gathering sends its STUN request within milliseconds,
      // long before the render is measured and its page thrown away.
      const source = `const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${port}' }] });
pc.createDataChannel('x');
pc.createOffer().then((offer) => pc.setLocalDescription(offer));
window.keepAlive = pc; // a connection nothing refers to is collected before it gathers
export default function Leak() { return <p>peer</p>; }`;
      await renderer.render(source, viewport, { name: 'WebRtc.tsx' }).catch(() => {});
      await sleep(1000);
      assert.equal(packets.length, 0, `${packets.length} UDP packet(s) reached 127.0.0.1:${port}`);
    } finally {
      socket.close();
    }
  });
});
