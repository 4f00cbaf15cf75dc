// The in-page overlay: a custom element fed by 'ui2code:status' events over Vite's HMR websocket. Unlike Vite's own
// error overlay, the next HMR update doesn't clear it: a design's entry goes only when that design succeeds (or is
// removed); Escape hides it until another design fails. Beside it, small notices that are not errors: a design being
// converted, and a hand-edited component whose new version waits for review.
export const OVERLAY_URL = '/@ui2code/overlay.js';
export const STATUS_EVENT = 'ui2code:status';
export const HELLO_EVENT = 'ui2code:hello';

/** The client module, served through Vite's transform pipeline (so `import.meta.hot` exists). */
export const overlayClient = `
const failures = new Map(), busy = new Map(), waiting = new Map();
const BUSY = new Set(['queued', 'generating', 'refining']);
class Ui2CodeOverlay extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.dismissed = false;
  }
  connectedCallback() {
    // Like Vite's own overlay: Escape closes it until something new fails.
    this.onKey = (e) => { if (e.key === 'Escape' && failures.size && !this.dismissed) { this.dismissed = true; this.render(); } };
    document.addEventListener('keydown', this.onKey);
  }
  disconnectedCallback() { document.removeEventListener('keydown', this.onKey); }
  render() {
    const root = this.shadowRoot;
    root.innerHTML = '';
    const showErrors = failures.size > 0 && !this.dismissed;
    if (!showErrors && !busy.size && !waiting.size) { this.hidden = true; return; }
    this.hidden = false;
    const style = document.createElement('style');
    style.textContent = ':host{position:fixed;z-index:2147483647;left:12px;right:12px;bottom:12px;font:13px/1.4 ui-monospace,Menlo,monospace;pointer-events:none}' +
      '.box{pointer-events:auto;background:#1f1416;color:#fde8e8;border:1px solid #e5484d;border-radius:8px;padding:10px 14px;box-shadow:0 8px 24px rgba(0,0,0,.35);max-height:40vh;overflow:auto}' +
      'h2{margin:0 0 6px;font-size:13px;color:#ff9592}.item{margin:4px 0;white-space:pre-wrap}.design{color:#fff;font-weight:bold}.code{color:#ffb3b0}a{color:#9ecbff}button{float:right;background:none;border:0;color:#fde8e8;cursor:pointer;font-size:16px}' +
      '.notes{display:flex;flex-direction:column;align-items:flex-start;gap:6px;margin-top:6px}' +
      '.note{pointer-events:auto;background:#1c2024;color:#f1f3f5;border-radius:999px;padding:4px 12px;font:12px/1.4 system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.25)}.note.pending{background:#4527a0}';
    root.append(style);
    if (showErrors) {
      const box = document.createElement('div');
      box.className = 'box';
      box.setAttribute('role', 'alert');
      const close = document.createElement('button');
      close.textContent = '×';
      close.title = 'Hide until the next failure (Escape)';
      close.onclick = () => { this.dismissed = true; this.render(); };
      const title = document.createElement('h2');
      title.textContent = 'ui2code: ' + failures.size + ' design' + (failures.size > 1 ? 's' : '') + ' failed ';
      const link = document.createElement('a');
      link.href = '/__ui2code/';
      link.textContent = 'status page';
      title.append(link);
      box.append(close, title);
      for (const s of failures.values()) {
        const item = document.createElement('div');
        item.className = 'item';
        const design = document.createElement('span');
        design.className = 'design';
        design.textContent = s.design;
        const code = document.createElement('span');
        code.className = 'code';
        code.textContent = ' [' + (s.errorCode || 'ERROR') + '] ';
        item.append(design, code, document.createTextNode(s.error || 'failed'));
        box.append(item);
      }
      root.append(box);
    }
    const notes = document.createElement('div');
    notes.className = 'notes';
    for (const s of busy.values()) {
      const note = document.createElement('div');
      note.className = 'note busy';
      note.setAttribute('role', 'status');
      note.textContent = 'ui2code: converting ' + s.design + (s.state === 'refining' && s.round ? ' (round ' + s.round + ')' : '') + '…';
      notes.append(note);
    }
    for (const s of waiting.values()) {
      const note = document.createElement('a');
      note.className = 'note pending';
      note.href = '/__ui2code/';
      note.textContent = 'ui2code: your edit of ' + (s.component || s.design) + ' is kept; a new version waits for review';
      notes.append(note);
    }
    if (notes.children.length) root.append(notes);
  }
}
if (!customElements.get('ui2code-overlay')) customElements.define('ui2code-overlay', Ui2CodeOverlay);
function element() {
  let el = document.querySelector('ui2code-overlay');
  if (!el) { el = document.createElement('ui2code-overlay'); document.body.append(el); }
  return el;
}
function apply(statuses) {
  const el = element();
  for (const s of statuses) {
    if (s.state === 'failed') { if (!failures.has(s.design)) el.dismissed = false; failures.set(s.design, s); }
    else if (s.state === 'done' || s.state === 'pending' || s.state === 'removed') failures.delete(s.design);
    if (BUSY.has(s.state)) busy.set(s.design, s); else busy.delete(s.design);
    if (s.state === 'pending') waiting.set(s.design, s); else waiting.delete(s.design);
  }
  el.render();
}
if (import.meta.hot) {
  import.meta.hot.on(${JSON.stringify(STATUS_EVENT)}, (data) => apply(data.statuses));
  import.meta.hot.send(${JSON.stringify(HELLO_EVENT)}, {});
}
`;
