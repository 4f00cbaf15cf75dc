// The status page at /__ui2code/: every design's state, rounds, score terms, tokens and cost; design, render and diff
// side by side with a slider; live over the HMR websocket; a button to regenerate one design.
import { HELLO_EVENT, STATUS_EVENT } from './overlay.js';

export const STATUS_BASE = '/__ui2code/';
export const STATUS_CLIENT_URL = '/@ui2code/status.js';

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function statusPageHtml(initial: unknown): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ui2code status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1c2024}
header{padding:14px 24px;background:#1c2024;color:#fff;display:flex;gap:16px;align-items:baseline}
header h1{font-size:18px;margin:0}main{padding:16px 24px;display:grid;gap:16px}
.design{background:#fff;border:1px solid #dde1e6;border-radius:10px;padding:14px 16px}
.head{display:flex;gap:12px;align-items:center;flex-wrap:wrap}.name{font-weight:600;font-size:15px}
.state{padding:2px 8px;border-radius:99px;font-size:12px;background:#e8eaed}.state.done{background:#d3f9d8;color:#1b5e20}
.state.failed{background:#ffe3e3;color:#a61e1e}.state.generating,.state.refining,.state.queued{background:#fff3bf;color:#7a5b00}.state.pending{background:#e5dbff;color:#4527a0}
.terms{color:#555;font-size:13px;margin:6px 0}.error{color:#a61e1e;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px}
.images{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px;margin-top:10px}
.images figure{margin:0}.images figcaption{font-size:12px;color:#666}.images img{max-width:100%;border:1px solid #e3e5e8;display:block}
.slider{position:relative;display:inline-block;max-width:100%}.slider .over{position:absolute;inset:0;overflow:hidden}
.slider .over img{max-width:none}.slider input{width:100%}button{cursor:pointer}
</style>
</head>
<body>
<header><h1>ui2code</h1><span id="summary"></span></header>
<main id="designs"></main>
<script id="ui2code-initial" type="application/json">${escapeJson(initial)}</script>
<script type="module" src="/@vite/client"></script>
<script type="module" src="${STATUS_CLIENT_URL}"></script>
</body>
</html>`;
}

export const statusClient = `
const base = ${JSON.stringify(STATUS_BASE)};
const statuses = new Map();
for (const s of JSON.parse(document.getElementById('ui2code-initial').textContent).statuses) statuses.set(s.design, s);
const fmt = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : '–');
const el = (tag, props = {}, ...children) => { const e = Object.assign(document.createElement(tag), props); e.append(...children); return e; };
const img = (kind, s) => base + 'image/' + encodeURIComponent(s.design) + '/' + kind + '.png?v=' + s.version;
function card(s) {
  const terms = s.terms || {};
  const parts = [
    'rounds ' + (s.rounds ?? '–'),
    'score ' + fmt(s.score),
    'scores ' + (s.scores && s.scores.length ? s.scores.map((x) => fmt(x)).join(' → ') : '–'),
    'mismatch ' + fmt(terms.mismatch), 'fg ' + fmt(terms.fgMismatch),
    'text recall ' + fmt(terms.textRecall), 'text position ' + fmt(terms.textPosition), 'text colour ' + fmt(terms.textColor), 'blocks ' + fmt(terms.blockMatch),
    'tokens ' + (s.usage ? s.usage.promptTokens + ' + ' + s.usage.completionTokens : '–'),
    'cost ' + (typeof s.cost === 'number' ? s.cost.toFixed(4) : '–'),
    'runs ' + s.runs,
  ];
  const button = el('button', { textContent: 'Regenerate', type: 'button' });
  button.onclick = async () => {
    button.disabled = true;
    await fetch(base + 'regenerate?design=' + encodeURIComponent(s.design), { method: 'POST' });
    button.disabled = false;
  };
  const box = el('section', { className: 'design' },
    el('div', { className: 'head' },
      el('span', { className: 'name', textContent: s.design }),
      el('span', { className: 'state ' + s.state, textContent: s.state + (s.state === 'refining' && s.round ? ' (round ' + s.round + ')' : '') }),
      el('span', { textContent: s.component ? s.component + ' → ' + (s.file || '') : '' }),
      button),
    el('div', { className: 'terms', textContent: parts.join(' · ') }));
  if (s.message && s.state !== 'done') box.append(el('div', { className: 'terms', textContent: s.message }));
  if (s.error) box.append(el('div', { className: 'error', textContent: (s.errorCode ? '[' + s.errorCode + '] ' : '') + s.error }));
  if (s.state === 'done' || s.state === 'pending') {
    const design = el('img', { src: img('design', s), alt: 'design' });
    const render = el('img', { src: img('render', s), alt: 'render' });
    const over = el('div', { className: 'over' }, render);
    const range = el('input', { type: 'range', min: 0, max: 100, value: 50, title: 'design ⟷ render' });
    const slide = () => { over.style.clipPath = 'inset(0 0 0 ' + range.value + '%)'; };
    range.oninput = slide;
    slide();
    design.onload = () => { render.style.width = design.clientWidth + 'px'; };
    box.append(el('div', { className: 'images' },
      el('figure', {}, el('div', { className: 'slider' }, design, over), range, el('figcaption', { textContent: 'design | render (slide)' })),
      el('figure', {}, el('img', { src: img('render', s), alt: 'render' }), el('figcaption', { textContent: 'render' })),
      el('figure', {}, el('img', { src: img('diff', s), alt: 'diff' }), el('figcaption', { textContent: 'diff' }))));
  }
  return box;
}
function render() {
  const list = [...statuses.values()].filter((s) => s.state !== 'removed').sort((a, b) => a.design.localeCompare(b.design));
  const count = (state) => list.filter((s) => s.state === state).length;
  document.getElementById('summary').textContent = list.length + ' designs · ' + count('done') + ' done · ' + count('failed') + ' failed · ' +
    (list.length - count('done') - count('failed') - count('pending')) + ' in progress';
  document.getElementById('designs').replaceChildren(...list.map(card));
}
render();
if (import.meta.hot) {
  import.meta.hot.on(${JSON.stringify(STATUS_EVENT)}, (data) => { for (const s of data.statuses) statuses.set(s.design, s); render(); });
  import.meta.hot.send(${JSON.stringify(HELLO_EVENT)}, {});
}
`;
