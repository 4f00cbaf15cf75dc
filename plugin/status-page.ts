// The status page at /__ui2code/: every design live over the HMR websocket: state, rounds, every score term, tokens and
// cost; tabs by state and a search; j/k between designs; per design the pictures (side by side, diff, or a slider;
// click to zoom), the component's code, the scores of its rounds, open-in-editor, Regenerate, and for a hand-edited
// component the waiting version's diff with Accept and Discard. Dark when the system is.
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
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--text:#1c2024;--muted:#60646c;--line:#dde1e6;--accent:#2563eb}
@media (prefers-color-scheme: dark){:root{--bg:#0b0f17;--card:#161b26;--text:#e5e7eb;--muted:#9ca3af;--line:#2a3140;--accent:#60a5fa}}
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:var(--bg);color:var(--text)}
header{padding:14px 24px;background:#1c2024;color:#fff;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:18px;margin:0}header a{color:#9ecbff}
.toolbar{position:sticky;top:0;z-index:2;display:flex;gap:10px;flex-wrap:wrap;align-items:center;padding:10px 24px;background:var(--bg);border-bottom:1px solid var(--line)}
.toolbar input{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--text);min-width:220px}
.keys{color:var(--muted);font-size:12px}
main{padding:16px 24px;display:grid;gap:16px}
button{font:inherit;cursor:pointer;border:1px solid var(--line);background:var(--card);color:var(--text);padding:2px 10px;border-radius:6px}
.pill{border-radius:999px}.pill[aria-pressed=true],.tab[aria-selected=true]{background:var(--accent);border-color:var(--accent);color:#fff}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
.design{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;outline:none}
.design.current{box-shadow:0 0 0 2px var(--accent)}
.head{display:flex;gap:12px;align-items:center;flex-wrap:wrap}.name{font-weight:600;font-size:15px}.grow{flex:1}
.state{padding:2px 8px;border-radius:99px;font-size:12px;background:#e8eaed;color:#1c2024}.state.done{background:#d3f9d8;color:#1b5e20}
.state.failed{background:#ffe3e3;color:#a61e1e}.state.generating,.state.refining,.state.queued{background:#fff3bf;color:#7a5b00}.state.pending{background:#e5dbff;color:#4527a0}
.terms{color:var(--muted);font-size:13px;margin:6px 0}.error{color:#e5484d;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px}
.tabs,.modes{display:flex;gap:6px;margin:8px 0}
.images{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px}
.images[data-mode=diff]{grid-template-columns:1fr}.images[data-mode=diff] figure:not(.diff),.images[data-mode=slider] figure:not(.slide),.images:not([data-mode=slider]) figure.slide{display:none}
.images[data-mode=slider]{grid-template-columns:1fr}
.images figure{margin:0}.images figcaption{font-size:12px;color:var(--muted)}.images img{max-width:100%;border:1px solid var(--line);display:block;background:#fff;cursor:zoom-in}
.slider{position:relative;display:inline-block;max-width:100%}.slider .over{position:absolute;inset:0;overflow:hidden}
.slider .over img{max-width:none}.slider input{width:100%}
pre{background:var(--bg);padding:10px;overflow:auto;max-height:480px;font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;margin:0}
.diff .add{color:#2f9e44}.diff .del{color:#e5484d}.diff .hunk{color:var(--muted)}
.pending{border:1px solid #b197fc;border-radius:8px;padding:8px 10px;margin-top:8px}
table.history th{text-align:left;font-weight:normal;color:var(--muted);padding-right:14px}.bar{display:inline-block;height:8px;background:var(--accent);border-radius:4px}
#zoom{position:fixed;inset:0;background:rgba(0,0,0,.85);display:flex;align-items:center;justify-content:center;z-index:10;cursor:zoom-out}
#zoom[hidden]{display:none}#zoom img{max-width:96vw;max-height:96vh;background:#fff}
</style>
</head>
<body>
<header><h1>ui2code</h1><span id="summary"></span><a href="${STATUS_BASE}gallery">gallery</a></header>
<div class="toolbar"><div id="filters" role="group" aria-label="show"></div>
<input type="search" id="search" placeholder="Search designs and components" aria-label="search designs and components">
<span class="keys">j / k: next / previous · /: search · click a picture to zoom</span></div>
<main id="designs"></main>
<div id="zoom" hidden role="dialog" aria-label="zoomed picture"><img alt=""></div>
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
// What the user chose per design survives live updates: open tab, picture mode.
const view = new Map();
const viewOf = (design) => { if (!view.has(design)) view.set(design, { tab: 'pictures', mode: 'side' }); return view.get(design); };
let group = 'all', current = null;
const fmt = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : '–');
const el = (tag, props = {}, ...children) => { const e = Object.assign(document.createElement(tag), props); e.append(...children); return e; };
const img = (kind, s, width) => base + 'image/' + encodeURIComponent(s.design) + '/' + kind + '.png?v=' + s.version + (width ? '&width=' + width : '');
const imgAt = img;
const api = (what, s, method = 'GET') => fetch(base + what + '?design=' + encodeURIComponent(s.design), { method });
const GROUPS = [['all', 'All'], ['failed', 'Failed'], ['pending', 'Waiting'], ['busy', 'In progress'], ['done', 'Done']];
const groupOf = (s) => (s.state === 'failed' ? 'failed' : s.state === 'pending' ? 'pending' : s.state === 'done' ? 'done' : 'busy');
const TERMS = [['score', 3], ['mismatch', 4], ['fgMismatch', 4], ['largestDefect', 0], ['textRecall', 3], ['textPosition', 3], ['textColor', 3], ['blockMatch', 3]];

function termsLine(s) {
  const terms = s.terms || {};
  const known = new Set([...TERMS.map(([k]) => k), 'width', 'height', 'renderedWidth', 'renderedHeight']);
  const parts = ['rounds ' + (s.rounds ?? '–'), ...TERMS.filter(([k]) => typeof terms[k] === 'number').map(([k, d]) => k + ' ' + fmt(terms[k], d))];
  // Terms a later version adds (typography, per width) still show.
  for (const [k, v] of Object.entries(terms)) if (!known.has(k) && typeof v === 'number') parts.push(k + ' ' + fmt(v, 3));
  parts.push('tokens ' + (s.usage ? s.usage.promptTokens + ' + ' + s.usage.completionTokens : '–'), 'cost ' + (typeof s.cost === 'number' ? s.cost.toFixed(4) : '–'), 'runs ' + s.runs);
  return parts.join(' · ');
}

function diffView(text) {
  const pre = el('pre', { className: 'diff' });
  for (const line of text.split('\\n')) {
    const cls = line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
    pre.append(el('span', { className: cls, textContent: line + '\\n' }));
  }
  return pre;
}

// A responsive design shows every viewport, widest first: its design, render and diff side by side, with its score.
function pictures(s, v) {
  if (!s.widths || s.widths.length < 2) return widthPictures(s, v);
  return el('div', { className: 'widths' }, ...s.widths.map((w) => el('section', { className: 'width' },
    el('h4', { textContent: w.width + ' px · score ' + fmt(w.score) + ' · mismatch ' + fmt(w.mismatch, 4) + ' · fgMismatch ' + fmt(w.fgMismatch, 4) }),
    widthPictures(s, v, w.width))));
}

function widthPictures(s, v, width) {
  const img = (kind, s) => imgAt(kind, s, width);
  const design = el('img', { src: img('design', s), alt: 'design of ' + s.design });
  const under = el('img', { src: img('design', s), alt: '' });
  const render = el('img', { src: img('render', s), alt: '' });
  const over = el('div', { className: 'over' }, render);
  const range = el('input', { type: 'range', min: 0, max: 100, value: 50, title: 'design ⟷ render', ariaLabel: 'slide between design and render' });
  const slide = () => { over.style.clipPath = 'inset(0 0 0 ' + range.value + '%)'; };
  range.oninput = slide;
  slide();
  under.onload = () => { render.style.width = under.clientWidth + 'px'; };
  const images = el('div', { className: 'images' },
    el('figure', { className: 'design' }, design, el('figcaption', { textContent: 'design' })),
    el('figure', { className: 'render' }, el('img', { src: img('render', s), alt: 'render of ' + s.design }), el('figcaption', { textContent: 'render' })),
    el('figure', { className: 'diff' }, el('img', { src: img('diff', s), alt: 'diff of ' + s.design }), el('figcaption', { textContent: 'diff' })),
    el('figure', { className: 'slide' }, el('div', { className: 'slider' }, under, over), range, el('figcaption', { textContent: 'design | render (slide)' })));
  images.dataset.mode = v.mode;
  const modes = el('div', { className: 'modes' }, ...[['side', 'Side by side'], ['diff', 'Diff'], ['slider', 'Slider']].map(([mode, label]) => {
    const b = el('button', { type: 'button', className: 'pill', textContent: label });
    b.dataset.mode = mode;
    b.setAttribute('aria-pressed', String(v.mode === mode));
    b.onclick = () => { v.mode = mode; images.dataset.mode = mode; for (const o of modes.children) o.setAttribute('aria-pressed', String(o === b)); };
    return b;
  }));
  return el('div', {}, modes, images);
}

function codePanel(s) {
  const pre = el('pre', { className: 'code', textContent: 'loading…' });
  api('code', s).then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.statusText)))).then((t) => { pre.textContent = t; }, (e) => { pre.textContent = 'no code: ' + e.message; });
  return pre;
}

function historyPanel(s) {
  const rows = (s.scores || []).map((x, i) => el('tr', {}, el('th', { textContent: 'round ' + i + (i === 0 ? ' (first candidate)' : '') }), el('td', { textContent: fmt(x) }), el('td', {}, Object.assign(el('span', { className: 'bar' }), { style: 'width:' + Math.round(x * 200) + 'px' }))));
  return rows.length ? el('table', { className: 'history' }, ...rows) : el('p', { textContent: 'no rounds yet' });
}

function pendingBox(s) {
  const box = el('div', { className: 'pending' }, el('strong', { textContent: 'Your edit is kept. A new version from the design waits in ' + (s.file || '.ui2code/pending/') + '.' }));
  const accept = el('button', { type: 'button', className: 'primary', textContent: 'Accept new version' });
  const discard = el('button', { type: 'button', textContent: 'Discard it' });
  const act = (what) => async () => {
    accept.disabled = discard.disabled = true;
    const r = await api('pending/' + what, s, 'POST');
    if (!r.ok) { box.append(el('div', { className: 'error', textContent: await r.text() })); accept.disabled = discard.disabled = false; }
  };
  accept.onclick = act('accept');
  discard.onclick = act('discard');
  const diff = el('div', { textContent: 'loading the diff…' });
  api('pending/diff', s).then((r) => r.text()).then((t) => diff.replaceChildren(diffView(t)));
  box.append(el('div', { className: 'modes' }, accept, discard), diff);
  return box;
}

function card(s) {
  const v = viewOf(s.design);
  const regenerate = el('button', { textContent: 'Regenerate', type: 'button' });
  regenerate.onclick = async () => { regenerate.disabled = true; await api('regenerate', s, 'POST'); regenerate.disabled = false; };
  const head = el('div', { className: 'head' },
    el('span', { className: 'name', textContent: s.design }),
    el('span', { className: 'state ' + s.state, textContent: s.state + (s.state === 'refining' && s.round ? ' (round ' + s.round + ')' : '') }),
    el('span', { textContent: s.component ? s.component + ' → ' + (s.file || '') : '' }),
    el('span', { className: 'grow' }), regenerate);
  if (s.file) {
    const open = el('button', { type: 'button', textContent: 'Open in editor' });
    open.onclick = () => fetch('/__open-in-editor?file=' + encodeURIComponent(s.file));
    head.append(open);
  }
  const box = el('section', { className: 'design', tabIndex: -1 }, head, el('div', { className: 'terms', textContent: termsLine(s) }));
  box.dataset.design = s.design;
  box.dataset.state = s.state;
  if (s.message && s.state !== 'done') box.append(el('div', { className: 'terms', textContent: s.message }));
  if (s.error && s.state === 'failed') box.append(el('div', { className: 'error', textContent: (s.errorCode ? '[' + s.errorCode + '] ' : '') + s.error }));
  if (s.state === 'pending') box.append(pendingBox(s));
  if (s.state === 'done' || s.state === 'pending') {
    const panels = { pictures: () => pictures(s, v), code: () => codePanel(s), rounds: () => historyPanel(s) };
    const panel = el('div', {}, panels[v.tab]());
    const tabs = el('div', { className: 'tabs', role: 'tablist' }, ...[['pictures', 'Pictures'], ['code', 'Code'], ['rounds', 'Rounds']].map(([key, label]) => {
      const b = el('button', { type: 'button', className: 'tab pill', role: 'tab', textContent: label });
      b.dataset.tab = key;
      b.setAttribute('aria-selected', String(v.tab === key));
      b.onclick = () => { v.tab = key; for (const o of tabs.children) o.setAttribute('aria-selected', String(o === b)); panel.replaceChildren(panels[key]()); };
      return b;
    }));
    box.append(tabs, panel);
  }
  if (current === s.design) box.classList.add('current');
  return box;
}

function render() {
  const list = [...statuses.values()].filter((s) => s.state !== 'removed').sort((a, b) => a.design.localeCompare(b.design));
  const count = (g) => list.filter((s) => groupOf(s) === g).length;
  document.getElementById('summary').textContent = list.length + ' designs · ' + count('done') + ' done · ' + count('failed') + ' failed · ' +
    count('pending') + ' waiting for you · ' + count('busy') + ' in progress';
  document.getElementById('filters').replaceChildren(...GROUPS.filter(([g]) => g === 'all' || count(g) || g === group).map(([g, label]) => {
    const b = el('button', { type: 'button', className: 'pill', textContent: label + ' ' + (g === 'all' ? list.length : count(g)) });
    b.dataset.group = g;
    b.setAttribute('aria-pressed', String(g === group));
    b.onclick = () => { group = g; render(); };
    return b;
  }));
  const q = document.getElementById('search').value.trim().toLowerCase();
  const shown = list.filter((s) => (group === 'all' || groupOf(s) === group) && (!q || (s.design + ' ' + (s.component || '')).toLowerCase().includes(q)));
  document.getElementById('designs').replaceChildren(...shown.map(card));
}

function move(step) {
  const cards = [...document.querySelectorAll('section.design')];
  if (!cards.length) return;
  const at = cards.findIndex((c) => c.dataset.design === current);
  const next = cards[Math.max(0, Math.min(cards.length - 1, at < 0 ? 0 : at + step))];
  for (const c of cards) c.classList.toggle('current', c === next);
  current = next.dataset.design;
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'start' });
}
const zoom = document.getElementById('zoom');
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !zoom.hidden) { zoom.hidden = true; return; }
  if (e.target instanceof HTMLInputElement) { if (e.key === 'Escape') e.target.blur(); return; }
  if (e.key === 'j') move(1);
  else if (e.key === 'k') move(-1);
  else if (e.key === '/') { e.preventDefault(); document.getElementById('search').focus(); }
});
document.addEventListener('click', (e) => {
  if (e.target.matches?.('.images figure:not(.slide) img')) { zoom.querySelector('img').src = e.target.src; zoom.hidden = false; }
  else if (e.target.closest?.('#zoom')) zoom.hidden = true;
});
document.getElementById('search').addEventListener('input', render);
render();
if (import.meta.hot) {
  import.meta.hot.on(${JSON.stringify(STATUS_EVENT)}, (data) => { for (const s of data.statuses) statuses.set(s.design, s); render(); });
  import.meta.hot.send(${JSON.stringify(HELLO_EVENT)}, {});
}
`;
