// The in-page overlay: a custom element fed by 'ui2code:status' events over Vite's HMR websocket. Unlike Vite's own
// error overlay, the next HMR update doesn't clear it: a design's entry goes only when that design succeeds (or is removed).
export const OVERLAY_URL = '/@ui2code/overlay.js';
export const STATUS_EVENT = 'ui2code:status';
export const HELLO_EVENT = 'ui2code:hello';

/** The client module, served through Vite's transform pipeline (so `import.meta.hot` exists). */
export const overlayClient = `
const failures = new Map();
class Ui2CodeOverlay extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
  render() {
    const root = this.shadowRoot;
    root.innerHTML = '';
    if (!failures.size) { this.hidden = true; return; }
    this.hidden = false;
    const style = document.createElement('style');
    style.textContent = ':host{position:fixed;z-index:2147483647;left:12px;right:12px;bottom:12px;font:13px/1.4 ui-monospace,Menlo,monospace}' +
      '.box{background:#1f1416;color:#fde8e8;border:1px solid #e5484d;border-radius:8px;padding:10px 14px;box-shadow:0 8px 24px rgba(0,0,0,.35);max-height:40vh;overflow:auto}' +
      'h2{margin:0 0 6px;font-size:13px;color:#ff9592}.item{margin:4px 0;white-space:pre-wrap}.design{color:#fff;font-weight:bold}.code{color:#ffb3b0}a{color:#9ecbff}button{float:right;background:none;border:0;color:#fde8e8;cursor:pointer;font-size:16px}';
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'alert');
    const close = document.createElement('button');
    close.textContent = '×';
    close.title = 'Hide until the next failure';
    close.onclick = () => { this.hidden = true; };
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
    root.append(style, box);
  }
}
if (!customElements.get('ui2code-overlay')) customElements.define('ui2code-overlay', Ui2CodeOverlay);
function element() {
  let el = document.querySelector('ui2code-overlay');
  if (!el) { el = document.createElement('ui2code-overlay'); document.body.append(el); }
  return el;
}
function apply(statuses) {
  for (const s of statuses) {
    if (s.state === 'failed') failures.set(s.design, s);
    else if (s.state === 'done' || s.state === 'pending' || s.state === 'removed') failures.delete(s.design);
  }
  element().render();
}
if (import.meta.hot) {
  import.meta.hot.on(${JSON.stringify(STATUS_EVENT)}, (data) => apply(data.statuses));
  import.meta.hot.send(${JSON.stringify(HELLO_EVENT)}, {});
}
`;
