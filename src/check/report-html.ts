// The HTML report: index.html beside its images/ folder (each picture stored once, referred to by a relative path, so
// the folder opens offline and a CSP forbids any other load). Failures first; status tabs and a search; j/k to move
// between designs; per design the pictures (side by side, diff, or a slider between design and render; click to
// zoom), every score term, the component's code and the scores of its rounds. Dark when the system is.
import type { Scores } from '../types.js';
import { imageStem } from './images.js';
import type { CheckReport, CheckResult, ReportImages } from './types.js';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What the report shows beside the check's own results: the components' code and their rounds' scores. */
export interface ReportExtras {
  /** Component source by result id. */
  code?: Map<string, string>;
  /** Scores of each generation round by result id (from the manifest). */
  history?: Map<string, number[]>;
}

const STATUS_LABEL: Record<CheckResult['status'], string> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  'no-component': 'no component',
  'no-design': 'no design',
};

const TERMS: Array<[keyof Scores, string, (v: number) => string]> = [
  ['score', 'score (0..1, higher is better)', (v) => v.toFixed(3)],
  ['mismatch', 'mismatch (share of pixels that differ)', (v) => v.toFixed(4)],
  ['fgMismatch', 'fgMismatch (same, over the foreground)', (v) => v.toFixed(4)],
  ['largestDefect', 'largest defect (CSS px²)', (v) => v.toFixed(0)],
  ['textRecall', 'text recall', (v) => v.toFixed(3)],
  ['textPosition', 'text position', (v) => v.toFixed(3)],
  ['textColor', 'text colour', (v) => v.toFixed(3)],
  ['blockMatch', 'block match', (v) => v.toFixed(3)],
];
const SIZES = ['width', 'height', 'renderedWidth', 'renderedHeight'];

function termsTable(scores: Scores): string {
  const rows = TERMS.filter(([key]) => typeof scores[key] === 'number').map(
    ([key, label, format]) => `<tr><th>${esc(label)}</th><td>${format(scores[key] as number)}</td></tr>`,
  );
  rows.push(`<tr><th>design size (CSS px)</th><td>${scores.width} × ${scores.height}</td></tr>`);
  rows.push(`<tr><th>rendered page (CSS px)</th><td>${scores.renderedWidth} × ${scores.renderedHeight}</td></tr>`);
  // Terms a later version adds (typography, per-width scores) still show up.
  for (const [key, value] of Object.entries(scores)) {
    if (typeof value !== 'number' || TERMS.some(([k]) => k === key) || SIZES.includes(key)) continue;
    rows.push(`<tr><th>${esc(key)}</th><td>${Number.isInteger(value) ? value : value.toFixed(4)}</td></tr>`);
  }
  return `<table class="terms">${rows.join('')}</table>`;
}

function verdictLine(r: CheckResult): string {
  const parts: string[] = [];
  if (r.score !== undefined) parts.push(`score <b>${r.score.toFixed(3)}</b> ${r.score >= r.threshold ? '≥' : '<'} threshold ${r.threshold}`);
  if (r.accepted !== undefined) parts.push(`accepted ${r.accepted.toFixed(3)}${r.regression ? ' — <b class="regression">regression</b>' : ''}`);
  if (r.message && (r.status !== 'fail' || r.pending)) parts.push(esc(r.status === 'fail' && r.pending ? `a newer version waits in ${r.pending}` : r.message));
  return parts.join(' · ');
}

/** The group a result is filed under in the tabs. */
const groupOf = (r: CheckResult) => (r.failed ? 'failed' : r.regression ? 'regressed' : r.status === 'pass' ? 'passed' : 'missing');

function section(r: CheckResult, extras: ReportExtras): string {
  const stem = imageStem(r.id);
  const figure = (refs: ReportImages, kind: keyof ReportImages, caption: string) =>
    `<figure class="${kind}"><figcaption>${caption}</figcaption><img class="zoomable" loading="lazy" alt="${caption} of ${esc(r.id)}" src="${esc(refs[kind])}"></figure>`;
  const block = (images: ReportImages) => `<div class="pictures" data-mode="side">${figure(images, 'design', 'Design')}${figure(images, 'render', 'Render')}${figure(images, 'diff', 'Diff')}
<div class="slider"><div class="stack"><img class="under" alt="" src="${esc(images.design)}"><img class="over" alt="" src="${esc(images.render)}"></div>
<input type="range" min="0" max="100" value="50" aria-label="slide between the design and the render of ${esc(r.id)}"><p>Design ◀ slide ▶ Render</p></div></div>`;
  // A responsive design: every viewport, widest first, each rendered at its own width beside its design and diff.
  const perWidth = r.widths?.filter((w) => w.images);
  const modes = `<div class="modes" role="group" aria-label="how to show the pictures"><button type="button" data-mode="side" aria-pressed="true">Side by side</button><button type="button" data-mode="diff" aria-pressed="false">Diff</button><button type="button" data-mode="slider" aria-pressed="false">Slider</button></div>`;
  const pictures = perWidth?.length
    ? `${modes}${perWidth.map((w) => `<h3 class="width">${w.width} px · ${esc(w.design)} · score <b>${w.score.toFixed(3)}</b> ${w.score >= r.threshold ? '≥' : '<'} ${r.threshold}</h3>\n${block(w.images!)}`).join('\n')}`
    : r.images
      ? `${modes}\n${block(r.images)}`
      : '';
  const code = extras.code?.get(r.id);
  const history = extras.history?.get(r.id);
  const tabs: Array<[string, string, string]> = [];
  if (pictures) tabs.push(['pictures', 'Pictures', pictures]);
  if (r.scores) tabs.push(['terms', 'Score terms', termsTable(r.scores)]);
  if (code !== undefined) tabs.push(['code', 'Code', `<pre class="code"><code>${esc(code)}</code></pre>`]);
  if (history?.length) {
    const rows = history.map((score, i) => `<tr><th>round ${i}${i === 0 ? ' (first candidate)' : ''}</th><td>${score.toFixed(3)}</td><td><span class="bar" style="width:${Math.round(score * 200)}px"></span></td></tr>`);
    tabs.push(['history', 'Rounds', `<table class="history">${rows.join('')}</table>`]);
  }
  const tabBar = tabs.length > 1 ? `<div class="tabs" role="tablist">${tabs.map(([key, label], i) => `<button type="button" role="tab" data-tab="${key}" aria-selected="${i === 0}">${label}</button>`).join('')}</div>` : '';
  const panels = tabs.map(([key, , body], i) => `<div class="panel" role="tabpanel" data-panel="${key}"${i === 0 ? '' : ' hidden'}>${body}</div>`).join('');
  const errors = r.pageErrors?.length ? `<pre class="errors">${esc(r.pageErrors.join('\n'))}</pre>` : '';
  const search = [r.id, r.design, r.component, r.status].filter(Boolean).join(' ').toLowerCase();
  return `<section class="result ${groupOf(r)}" id="r-${stem}" tabindex="-1" data-id="${esc(r.id)}" data-status="${r.status}" data-group="${groupOf(r)}" data-search="${esc(search)}">
<h2><span class="badge ${r.status}">${STATUS_LABEL[r.status]}</span> ${esc(r.design ?? r.component ?? r.id)}${r.design && r.component ? ` <small>→ ${esc(r.component)}</small>` : ''}</h2>
<p class="verdict">${verdictLine(r)}</p>
${errors}${tabBar}${panels}
</section>`;
}

const CSS = `
:root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--text:#1f2937;--muted:#6b7280;--line:#e5e7eb;--head:#111827;--ok:#16a34a;--bad:#dc2626;--warn:#f59e0b;--accent:#2563eb}
@media (prefers-color-scheme: dark){:root{--bg:#0b0f17;--card:#161b26;--text:#e5e7eb;--muted:#9ca3af;--line:#2a3140;--head:#020617;--accent:#60a5fa}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:var(--text);background:var(--bg)}
header{background:var(--head);color:#f9fafb;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
main{padding:16px 24px;max-width:1400px}
.counts span{margin-right:14px}
.toolbar{position:sticky;top:0;z-index:2;display:flex;gap:12px;flex-wrap:wrap;align-items:center;background:var(--bg);padding:8px 0 12px}
.filters button,.tabs button,.modes button{font:inherit;border:1px solid var(--line);background:var(--card);color:var(--text);padding:3px 10px;border-radius:999px;cursor:pointer}
.filters button[aria-pressed=true],.tabs button[aria-selected=true],.modes button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.toolbar input[type=search]{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--text);min-width:240px}
.toolbar .keys{color:var(--muted);font-size:12px}
.result{background:var(--card);border-radius:8px;padding:12px 16px;margin-bottom:16px;border-left:6px solid var(--ok);outline:none}
.result.failed{border-color:var(--bad)}.result.regressed{border-color:var(--warn)}.result.missing{border-color:#9ca3af}
.result.current{box-shadow:0 0 0 2px var(--accent)}
h2{font-size:16px;margin:0 0 6px;word-break:break-all}h2 small{font-weight:normal;color:var(--muted)}
.badge{display:inline-block;font-size:12px;text-transform:uppercase;padding:1px 8px;border-radius:999px;color:#fff;background:var(--ok);vertical-align:2px}
.badge.fail,.badge.error{background:var(--bad)}.badge.no-component,.badge.no-design{background:#6b7280}
.regression{color:#b45309}
.tabs,.modes{display:flex;gap:6px;margin:8px 0}
.pictures{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0;max-width:32%}figure img{max-width:100%;border:1px solid var(--line);display:block;background:#fff;cursor:zoom-in}
figcaption{font-size:12px;color:var(--muted)}
.pictures[data-mode=side] .slider,.pictures[data-mode=diff] .slider,.pictures[data-mode=diff] figure:not(.diff),.pictures[data-mode=slider] figure{display:none}
.pictures[data-mode=diff] figure.diff{max-width:100%}
.slider p{margin:0;font-size:12px;color:var(--muted)}
.stack{position:relative;display:inline-block;max-width:min(100%,900px);border:1px solid var(--line)}
.stack img{display:block;max-width:100%;background:#fff}.stack .over{position:absolute;left:0;top:0;width:100%;height:100%}
.slider input{display:block;width:min(100%,600px)}
table.terms,table.history{border-collapse:collapse;margin-top:8px}table th{text-align:left;font-weight:normal;color:var(--muted);padding:1px 16px 1px 0}
.bar{display:inline-block;height:8px;background:var(--accent);border-radius:4px}
pre.code{background:var(--bg);padding:10px;overflow:auto;max-height:480px;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.errors{background:#fef2f2;color:#991b1b;padding:8px;white-space:pre-wrap}
#zoom{position:fixed;inset:0;background:rgba(0,0,0,.85);display:flex;align-items:center;justify-content:center;z-index:10;cursor:zoom-out}
#zoom[hidden]{display:none}#zoom img{max-width:96vw;max-height:96vh;background:#fff;image-rendering:pixelated}
.empty{color:var(--muted)}
`;

// Tabs, filters, search, j/k, zoom and picture modes. No fetch, no storage: the page only rearranges what it holds.
const SCRIPT = `
const results = [...document.querySelectorAll('section.result')];
const filters = document.querySelectorAll('.filters button');
const search = document.getElementById('search');
const empty = document.getElementById('empty');
let group = 'all', current = -1;
function apply() {
  const q = search.value.trim().toLowerCase();
  let shown = 0;
  for (const r of results) {
    const visible = (group === 'all' || r.dataset.group === group) && (!q || r.dataset.search.includes(q));
    r.hidden = !visible;
    if (visible) shown++;
  }
  empty.hidden = shown > 0;
}
for (const b of filters) b.addEventListener('click', () => {
  group = b.dataset.group;
  for (const o of filters) o.setAttribute('aria-pressed', String(o === b));
  apply();
});
search.addEventListener('input', apply);
function move(step) {
  const visible = results.filter((r) => !r.hidden);
  if (!visible.length) return;
  const at = visible.indexOf(results[current]);
  const next = visible[Math.max(0, Math.min(visible.length - 1, at < 0 ? 0 : at + step))];
  results[current]?.classList.remove('current');
  current = results.indexOf(next);
  next.classList.add('current');
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'start' });
}
const zoom = document.getElementById('zoom'), zoomed = zoom.querySelector('img');
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !zoom.hidden) { zoom.hidden = true; return; }
  if (e.target instanceof HTMLInputElement) { if (e.key === 'Escape') e.target.blur(); return; }
  if (e.key === 'j') move(1);
  else if (e.key === 'k') move(-1);
  else if (e.key === '/') { e.preventDefault(); search.focus(); }
});
document.addEventListener('click', (e) => {
  const t = e.target;
  if (t.classList?.contains('zoomable')) { zoomed.src = t.src; zoomed.alt = t.alt; zoom.hidden = false; return; }
  if (t.closest?.('#zoom')) { zoom.hidden = true; return; }
  const tab = t.closest?.('.tabs button');
  if (tab) {
    const section = tab.closest('section');
    for (const b of section.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b === tab));
    for (const p of section.querySelectorAll('.panel')) p.hidden = p.dataset.panel !== tab.dataset.tab;
    return;
  }
  const mode = t.closest?.('.modes button');
  if (mode) {
    const section = mode.closest('section');
    for (const b of section.querySelectorAll('.modes button')) b.setAttribute('aria-pressed', String(b === mode));
    for (const p of section.querySelectorAll('.pictures')) p.dataset.mode = mode.dataset.mode;
  }
});
for (const slider of document.querySelectorAll('.slider')) {
  const over = slider.querySelector('.over'), range = slider.querySelector('input');
  const clip = () => { over.style.clipPath = 'inset(0 0 0 ' + range.value + '%)'; };
  range.addEventListener('input', clip);
  clip();
}
apply();
`;

export function renderHtml(report: CheckReport, extras: ReportExtras = {}): string {
  const s = report.summary;
  const title = s.failed ? `ui2code check: ${s.failed} of ${s.total} failed` : `ui2code check: all ${s.total} passed`;
  const counts = [
    `<span>${s.total} checked</span>`,
    `<span>${s.passed} passed</span>`,
    `<span>${s.failed} failed</span>`,
    s.errors ? `<span>${s.errors} errors</span>` : '',
    s.regressions ? `<span>${s.regressions} regressions</span>` : '',
    s.noComponent ? `<span>${s.noComponent} designs without a component</span>` : '',
    s.noDesign ? `<span>${s.noDesign} components without a design</span>` : '',
  ].join('');
  const scope = report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : report.mergedFrom ? ` · merged from ${report.mergedFrom.length} shards` : '';
  const inGroup = (g: string) => report.results.filter((r) => groupOf(r) === g).length;
  const filters = [['all', 'All', report.results.length], ['failed', 'Failed', inGroup('failed')], ['regressed', 'Regressed', inGroup('regressed')], ['missing', 'Missing', inGroup('missing')], ['passed', 'Passed', inGroup('passed')]] as const;
  const filterBar = filters
    .filter(([g, , n]) => g === 'all' || n > 0)
    .map(([g, label, n], i) => `<button type="button" data-group="${g}" aria-pressed="${i === 0}">${label} <b>${n}</b></button>`)
    .join('');
  // Relative images from the report's own folder (file: when opened from disk, 'self' when served); nothing else loads.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(title)}</h1><div class="counts">${counts}</div>
<div>threshold ${report.threshold} · regression tolerance ${report.regressionTolerance}${report.strict ? ' · strict' : ''}${scope}</div></header>
<main><div class="toolbar"><div class="filters" role="group" aria-label="show">${filterBar}</div>
<input type="search" id="search" placeholder="Search designs and components" aria-label="search designs and components">
<span class="keys">j / k: next / previous · /: search · click a picture to zoom</span></div>
<p id="empty" class="empty" hidden>No design matches.</p>
${report.results.map((r) => section(r, extras)).join('\n')}
</main><div id="zoom" hidden role="dialog" aria-label="zoomed picture"><img alt=""></div><script>${SCRIPT}</script></body></html>
`;
}
