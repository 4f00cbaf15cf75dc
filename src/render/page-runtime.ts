// Runs in the render page's main world (bundled once by esbuild with React), beside the component: mounts it and
// contains what it does (timers, dialogs, popups, errors). It measures nothing: the component could replace anything
// here, so measuring runs in an isolated world (./measure.ts), and every page serves one render only.
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';

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
// The browser exposes `gc` for the engine's own world to collect old documents (./page.ts), not for components.
w.gc = undefined;
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

/** Mounts the component and waits until it is laid out and painted; returns what went wrong. Measuring is not done here. */
async function mount(mod: Record<string, unknown>, css: string): Promise<string[]> {
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
  return errors.slice();
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
