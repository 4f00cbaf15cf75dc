// The HTML report: one self-contained file (images inlined as data URLs, a CSP that forbids any fetch), failures first,
// and for each design its picture, the render, the diff, a slider between design and render, and every score term.
import type { Scores } from '../types.js';
import { imageStem } from './images.js';
import type { CheckReport, CheckResult, ReportImages } from './types.js';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
  ['textRecall', 'text recall', (v) => v.toFixed(3)],
  ['textPosition', 'text position', (v) => v.toFixed(3)],
  ['textColor', 'text colour', (v) => v.toFixed(3)],
  ['blockMatch', 'block match', (v) => v.toFixed(3)],
];

function termsTable(scores: Scores): string {
  const rows = TERMS.filter(([key]) => typeof scores[key] === 'number').map(
    ([key, label, format]) => `<tr><th>${esc(label)}</th><td>${format(scores[key] as number)}</td></tr>`,
  );
  rows.push(`<tr><th>design size (CSS px)</th><td>${scores.width} × ${scores.height}</td></tr>`);
  rows.push(`<tr><th>rendered page (CSS px)</th><td>${scores.renderedWidth} × ${scores.renderedHeight}</td></tr>`);
  // Terms a later version adds still show up.
  for (const [key, value] of Object.entries(scores)) {
    if (typeof value !== 'number' || TERMS.some(([k]) => k === key) || ['width', 'height', 'renderedWidth', 'renderedHeight'].includes(key)) continue;
    rows.push(`<tr><th>${esc(key)}</th><td>${Number.isInteger(value) ? value : value.toFixed(4)}</td></tr>`);
  }
  return `<table class="terms">${rows.join('')}</table>`;
}

function verdictLine(r: CheckResult): string {
  const parts: string[] = [];
  if (r.score !== undefined) parts.push(`score <b>${r.score.toFixed(3)}</b> ${r.score >= r.threshold ? '≥' : '<'} threshold ${r.threshold}`);
  if (r.accepted !== undefined) parts.push(`accepted ${r.accepted.toFixed(3)}${r.regression ? ' — <b class="regression">regression</b>' : ''}`);
  if (r.message && r.status !== 'fail') parts.push(esc(r.message));
  return parts.join(' · ');
}

function section(r: CheckResult, images: Map<string, string>): string {
  const stem = imageStem(r.id);
  const klass = r.failed ? 'failed' : r.regression ? 'regressed' : r.status === 'pass' ? 'passed' : 'missing';
  const src = (refs: ReportImages | undefined, kind: keyof ReportImages) => (refs ? images.get(refs[kind]) : undefined);
  const figure = (kind: keyof ReportImages, caption: string) => {
    const url = src(r.images, kind);
    return url ? `<figure><figcaption>${caption}</figcaption><img id="${kind}-${stem}" alt="${caption} of ${esc(r.id)}" src="${url}"></figure>` : '';
  };
  const pictures = r.images
    ? `<div class="pictures">${figure('design', 'Design')}${figure('render', 'Render')}${figure('diff', 'Diff')}</div>
<div class="slider" data-stem="${stem}"><p>Design ◀ slide ▶ Render</p><div class="stack"><img class="under" alt=""><img class="over" alt=""></div>
<input type="range" min="0" max="100" value="50" aria-label="slide between the design and the render of ${esc(r.id)}"></div>`
    : '';
  const errors = r.pageErrors?.length ? `<pre class="errors">${esc(r.pageErrors.join('\n'))}</pre>` : '';
  return `<section class="result ${klass}" id="r-${stem}" data-id="${esc(r.id)}" data-status="${r.status}">
<h2><span class="badge ${r.status}">${STATUS_LABEL[r.status]}</span> ${esc(r.design ?? r.component ?? r.id)}${r.design && r.component ? ` <small>→ ${esc(r.component)}</small>` : ''}</h2>
<p class="verdict">${verdictLine(r)}</p>
${pictures}${r.scores ? termsTable(r.scores) : ''}${errors}
</section>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1f2937;background:#f3f4f6}
header{background:#111827;color:#f9fafb;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
main{padding:16px 24px;max-width:1400px}
.counts span{margin-right:14px}
nav.index{background:#fff;border-radius:8px;padding:8px 16px;margin-bottom:16px}
nav.index a{display:inline-block;margin:2px 10px 2px 0;color:inherit}
.result{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:16px;border-left:6px solid #22c55e}
.result.failed{border-color:#dc2626}.result.regressed{border-color:#f59e0b}.result.missing{border-color:#9ca3af}
h2{font-size:16px;margin:0 0 6px;word-break:break-all}h2 small{font-weight:normal;color:#6b7280}
.badge{display:inline-block;font-size:12px;text-transform:uppercase;padding:1px 8px;border-radius:999px;color:#fff;background:#16a34a;vertical-align:2px}
.badge.fail,.badge.error{background:#dc2626}.badge.no-component,.badge.no-design{background:#6b7280}
.regression{color:#b45309}
.pictures{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0;max-width:32%}figure img{max-width:100%;border:1px solid #e5e7eb;display:block;background:#fff}
figcaption{font-size:12px;color:#6b7280}
.slider{margin:12px 0}.slider p{margin:0;font-size:12px;color:#6b7280}
.stack{position:relative;display:inline-block;max-width:min(100%,720px);border:1px solid #e5e7eb}
.stack img{display:block;max-width:100%;background:#fff}.stack .over{position:absolute;left:0;top:0;width:100%;height:100%}
.slider input{display:block;width:min(100%,600px)}
table.terms{border-collapse:collapse;margin-top:8px}table.terms th{text-align:left;font-weight:normal;color:#4b5563;padding:1px 16px 1px 0}
pre.errors{background:#fef2f2;color:#991b1b;padding:8px;white-space:pre-wrap}
`;

// Copies each slider's pictures from the figures above it (so each image is inlined once) and moves the split.
const SCRIPT = `
for (const slider of document.querySelectorAll('.slider')) {
  const stem = slider.dataset.stem;
  const under = slider.querySelector('.under'), over = slider.querySelector('.over'), range = slider.querySelector('input');
  under.src = document.getElementById('design-' + stem).src;
  over.src = document.getElementById('render-' + stem).src;
  const clip = () => { over.style.clipPath = 'inset(0 0 0 ' + range.value + '%)'; };
  range.addEventListener('input', clip);
  clip();
}
`;

export function renderHtml(report: CheckReport, images: Map<string, string>): string {
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
  const index = report.results.map((r) => `<a href="#r-${imageStem(r.id)}">${r.failed ? '✗' : r.regression ? '!' : r.status === 'pass' ? '✓' : '–'} ${esc(r.id)}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(title)}</h1><div class="counts">${counts}</div>
<div>threshold ${report.threshold} · regression tolerance ${report.regressionTolerance}${report.strict ? ' · strict' : ''}${scope}</div></header>
<main><nav class="index">${index}</nav>
${report.results.map((r) => section(r, images)).join('\n')}
</main><script>${SCRIPT}</script></body></html>
`;
}
