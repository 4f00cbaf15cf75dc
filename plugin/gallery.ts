// The live gallery at /__ui2code/gallery: every generated component rendered by the app's own React, through Vite
// (so HMR, the user's CSS pipeline and Tailwind apply), next to the design it was made from. A component that throws
// shows its error in its own frame; the others go on.
import { STATUS_BASE } from './status-page.js';
import { VIRTUAL_ID } from './virtual-module.js';

export const GALLERY_PATH = `${STATUS_BASE}gallery`;
export const GALLERY_CLIENT_URL = '/@ui2code/gallery.js';

export function galleryHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ui2code gallery</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--text:#1c2024;--muted:#60646c;--line:#dde1e6}
@media (prefers-color-scheme: dark){:root{--bg:#0b0f17;--card:#161b26;--text:#e5e7eb;--muted:#9ca3af;--line:#2a3140}}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,sans-serif}
header.ui2code-gallery{padding:14px 24px;background:#1c2024;color:#fff;display:flex;gap:16px;align-items:baseline}
header.ui2code-gallery h1{font-size:18px;margin:0}header.ui2code-gallery a{color:#9ecbff}
.ui2code-entry{margin:16px 24px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.ui2code-entry h2{font-size:15px;margin:0 0 8px}.ui2code-entry h2 small{color:var(--muted);font-weight:normal}
/* Components are fluid (they fill their parent up to the design's width): each gets the full row, its design below. */
.ui2code-pair{display:flex;flex-direction:column;gap:12px;overflow:auto}
.ui2code-pair figure{margin:0}.ui2code-pair figcaption{font-size:12px;color:var(--muted)}
.ui2code-frame{background:#fff;color:initial;border:1px solid var(--line);font:initial}
.ui2code-design{border:1px solid var(--line);display:block;max-width:100%}
.ui2code-error{color:#e5484d;white-space:pre-wrap;font:12px ui-monospace,monospace;padding:8px}
</style>
</head>
<body>
<header class="ui2code-gallery"><h1>ui2code gallery</h1><span id="ui2code-count"></span><a href="${STATUS_BASE}">status</a></header>
<main id="ui2code-gallery"></main>
<script type="module" src="/@vite/client"></script>
<script type="module" src="${GALLERY_CLIENT_URL}"></script>
</body>
</html>`;
}

/** The gallery's client: plain JavaScript over the app's React, served through Vite's transforms. */
export const galleryClient = `
import { Component, createElement as h, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { components } from ${JSON.stringify(VIRTUAL_ID)};

class Boundary extends Component {
  constructor(props) { super(props); this.state = { error: null }; }
  static getDerivedStateFromError(error) { return { error }; }
  render() {
    return this.state.error ? h('div', { className: 'ui2code-error', role: 'alert' }, 'This component threw: ' + (this.state.error.message || String(this.state.error))) : this.props.children;
  }
}

const lazies = new Map();
const lazyOf = (entry) => {
  if (!lazies.has(entry.file)) lazies.set(entry.file, lazy(entry.load));
  return lazies.get(entry.file);
};

function Entry({ entry }) {
  const Generated = lazyOf(entry);
  const design = ${JSON.stringify(STATUS_BASE)} + 'design?design=' + encodeURIComponent(entry.design);
  return h('section', { className: 'ui2code-entry', 'data-component': entry.name },
    h('h2', null, entry.name, ' ', h('small', null, entry.design)),
    h('div', { className: 'ui2code-pair' },
      h('figure', null, h('figcaption', null, 'component'), h('div', { className: 'ui2code-frame' },
        h(Boundary, null, h(Suspense, { fallback: 'loading…' }, h(Generated))))),
      h('figure', null, h('figcaption', null, 'design'), h('img', { className: 'ui2code-design', src: design, alt: 'design of ' + entry.name }))));
}

document.getElementById('ui2code-count').textContent = components.length + ' component' + (components.length === 1 ? '' : 's');
createRoot(document.getElementById('ui2code-gallery')).render(
  components.length ? components.map((entry) => h(Entry, { key: entry.file, entry })) : h('p', { style: { padding: '0 24px' } }, 'No generated components yet: drop a design into the designs folder.'));
`;
