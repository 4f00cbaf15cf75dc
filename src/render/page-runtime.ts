// Runs inside the render page (bundled once by esbuild with React): mounts one component at a time into the live page,
// contains what it does (timers, dialogs, popups, errors) and measures what was laid out.
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';

type Rgba = [number, number, number, number];

interface Measured {
  documentWidth: number;
  documentHeight: number;
  texts: Array<{ text: string; x: number; y: number; width: number; height: number; color: Rgba; fontSize: number; fontWeight: number; fontFamily: string; tag: string }>;
  elements: Array<{ tag: string; x: number; y: number; width: number; height: number; background: Rgba | null; depth: number }>;
  errors: string[];
}

const w = window as unknown as Record<string, unknown>;
const original = {
  setTimeout: window.setTimeout.bind(window),
  setInterval: window.setInterval.bind(window),
  clearTimeout: window.clearTimeout.bind(window),
  clearInterval: window.clearInterval.bind(window),
  requestAnimationFrame: window.requestAnimationFrame.bind(window),
  cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
};

// Timers a component leaves behind would keep running into the next component's render: track them to clear them.
const timeouts = new Set<number>();
const intervals = new Set<number>();
const frames = new Set<number>();
w.setTimeout = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  if (typeof handler !== 'function') return 0; // string handlers are eval
  const id = original.setTimeout(() => { timeouts.delete(id); (handler as (...a: unknown[]) => void)(...args); }, ms);
  timeouts.add(id);
  return id;
};
w.setInterval = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  if (typeof handler !== 'function') return 0;
  const id = original.setInterval(handler as (...a: unknown[]) => void, ms, ...args);
  intervals.add(id);
  return id;
};
w.requestAnimationFrame = (cb: FrameRequestCallback) => {
  const id = original.requestAnimationFrame((t) => { frames.delete(id); cb(t); });
  frames.add(id);
  return id;
};

let errors: string[] = [];
const record = (message: string) => { if (errors.length < 50) errors.push(message); };
w.open = () => { record('blocked: window.open'); return null; };
w.alert = () => record('blocked: alert');
w.confirm = () => { record('blocked: confirm'); return false; };
w.prompt = () => { record('blocked: prompt'); return null; };
window.addEventListener('error', (e) => record(String(e.error?.stack ?? e.message)));
window.addEventListener('unhandledrejection', (e) => record(`unhandled rejection: ${String((e.reason as Error)?.stack ?? e.reason)}`));

let root: ReactDOMClient.Root | null = null;
let style: HTMLStyleElement | null = null;

function reset() {
  if (root) {
    try { root.unmount(); } catch (e) { record(String(e)); }
    root = null;
  }
  timeouts.forEach((id) => original.clearTimeout(id));
  intervals.forEach((id) => original.clearInterval(id));
  frames.forEach((id) => original.cancelAnimationFrame(id));
  timeouts.clear(); intervals.clear(); frames.clear();
  style?.remove();
  style = null;
  // Components may have touched the document itself: put it back as it was.
  for (const el of [document.documentElement, document.body]) {
    for (const attr of Array.from(el.attributes)) if (attr.name !== 'lang') el.removeAttribute(attr.name);
  }
  document.body.replaceChildren();
  window.scrollTo(0, 0);
  errors = [];
}

const nextFrame = () => new Promise<void>((resolve) => original.requestAnimationFrame(() => resolve()));

async function mount(mod: Record<string, unknown>, css: string): Promise<Measured> {
  reset();
  const Component = (mod && 'default' in mod ? mod.default : mod) as React.ElementType;
  if (typeof Component !== 'function' && !(typeof Component === 'object' && Component !== null && '$$typeof' in Component)) {
    throw new Error('the module has no default export that is a React component');
  }
  if (css) {
    style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
  }
  const container = document.createElement('div');
  container.id = 'root';
  document.body.append(container);
  root = ReactDOMClient.createRoot(container, {
    onUncaughtError: (error) => record(`render error: ${String((error as Error)?.stack ?? error)}`),
    onRecoverableError: (error) => record(`recoverable error: ${String((error as Error)?.message ?? error)}`),
  });
  const r = root;
  ReactDOM.flushSync(() => r.render(React.createElement(Component)));
  await document.fonts.ready;
  await nextFrame();
  await nextFrame();
  return measure();
}

function parseColor(value: string): Rgba | null {
  const n = value.match(/[\d.]+/g)?.map(Number);
  if (!n || n.length < 3) return null;
  const a = n.length >= 4 ? Math.round(n[3] * 255) : 255;
  return [Math.round(n[0]), Math.round(n[1]), Math.round(n[2]), a];
}

/** Fields that show their value or placeholder as a line of text. */
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'number']);

function measure(): Measured {
  const texts: Measured['texts'] = [];
  const elements: Measured['elements'] = [];
  // Elements too: a field's value or placeholder, and a select's chosen option, are text on screen, in document order
  // with the rest.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  const range = document.createRange();
  const canvas = document.createElement('canvas').getContext('2d');
  for (let node = walker.nextNode(); node && texts.length < 5000; node = walker.nextNode()) {
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) {
      if (node instanceof HTMLInputElement && !TEXT_INPUTS.has(node.type)) continue;
      const shown = node instanceof HTMLSelectElement ? (node.selectedOptions[0]?.text ?? '') : node.value || node.placeholder;
      const placeholder = shown.replace(/\s+/g, ' ').trim();
      if (!placeholder) continue;
      const cs = getComputedStyle(node);
      const ps = node instanceof HTMLSelectElement || node.value ? cs : getComputedStyle(node, '::placeholder');
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const r = node.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // The placeholder has no box of its own: its line starts at the content box and sits centred in a field.
      const left = r.x + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
      const fontSize = parseFloat(cs.fontSize);
      if (canvas) canvas.font = cs.font;
      const width = Math.min(r.width, canvas ? canvas.measureText(placeholder).width : placeholder.length * fontSize * 0.5);
      const height = fontSize * 1.15;
      const top = !(node instanceof HTMLTextAreaElement) ? r.y + (r.height - height) / 2 : r.y + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop);
      texts.push({
        text: placeholder,
        x: left + scrollX, y: top + scrollY, width, height,
        color: parseColor(ps.color) ?? [117, 117, 117, 255],
        fontSize,
        fontWeight: Number(cs.fontWeight) || 400,
        fontFamily: cs.fontFamily,
        tag: node.tagName.toLowerCase(),
      });
      continue;
    }
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    // A field's own text was counted with the field; a closed select's options are not on screen.
    if (!text || !parent || parent instanceof HTMLTextAreaElement || parent.closest('select')) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    texts.push({
      text,
      x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,
      color: parseColor(cs.color) ?? [0, 0, 0, 255],
      fontSize: parseFloat(cs.fontSize),
      fontWeight: Number(cs.fontWeight) || 400,
      fontFamily: cs.fontFamily,
      tag: parent.tagName.toLowerCase(),
    });
  }
  const visit = (el: Element, depth: number) => {
    if (elements.length >= 5000) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      const bg = parseColor(getComputedStyle(el).backgroundColor);
      elements.push({ tag: el.tagName.toLowerCase(), x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height, background: bg && bg[3] > 0 ? bg : null, depth });
    }
    for (const child of Array.from(el.children)) visit(child, depth + 1);
  };
  const container = document.getElementById('root');
  if (container) for (const child of Array.from(container.children)) visit(child, 0);
  const doc = document.documentElement;
  return {
    documentWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
    documentHeight: Math.max(doc.scrollHeight, document.body.scrollHeight),
    texts,
    elements,
    errors: errors.slice(),
  };
}

w.__UI2CODE__ = {
  modules: {
    react: React,
    'react/jsx-runtime': jsxRuntime,
    'react/jsx-dev-runtime': jsxRuntime,
    'react-dom': ReactDOM,
    'react-dom/client': ReactDOMClient,
  },
  mount,
  reset,
  ready: true,
};
