// A design's file name becomes a component name and a file path: a valid identifier that shadows no browser global,
// is no Windows device name, is unique in its folder whatever the file system's case rules, and stays inside outDir.
import fs from 'node:fs';
import path from 'node:path';
import { viewportOf } from '../designs.js';
import { Ui2CodeError } from '../errors.js';

/** Globals a component name must not shadow (JSX would pick the component over the DOM class, or confuse readers). */
const RESERVED = new Set(
  [
    // The language and the platform (the same in the browser and in Node).
    'Object Function Array Number Infinity NaN Boolean String Symbol Date Promise RegExp Error AggregateError EvalError RangeError',
    'ReferenceError SyntaxError TypeError URIError JSON Math Intl ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array',
    'Int32Array Float32Array Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy',
    'Reflect FinalizationRegistry WeakRef Iterator Atomics WebAssembly SharedArrayBuffer Buffer URL URLSearchParams DOMException',
    'AbortController AbortSignal Event EventTarget CustomEvent TextEncoder TextDecoder TextEncoderStream TextDecoderStream',
    'TransformStream WritableStream ReadableStream CompressionStream DecompressionStream BroadcastChannel MessageChannel MessagePort',
    'MessageEvent Blob File FileList FileReader FormData Headers Request Response Crypto CryptoKey SubtleCrypto Performance',
    'PerformanceObserver PerformanceEntry PerformanceMark PerformanceMeasure PerformanceObserverEntryList PerformanceResourceTiming',
    'TransformStreamDefaultController WritableStreamDefaultController WritableStreamDefaultWriter ReadableStreamDefaultReader',
    'ReadableStreamBYOBReader ReadableStreamBYOBRequest ReadableByteStreamController ReadableStreamDefaultController',
    'ByteLengthQueuingStrategy CountQueuingStrategy Navigator WebSocket',
    // The browser's window and DOM.
    'Image Text Node Element Option Audio Document DocumentFragment Window Worker SharedWorker Storage Location History Navigator',
    'Screen Range Selection Comment Attr CSS Animation Notification Touch Credential Report Plugin MimeType Path2D Cache Clipboard',
    'Permissions Lock Geolocation Gamepad WebSocket EventSource XMLHttpRequest MutationObserver ResizeObserver IntersectionObserver',
    'ShadowRoot Highlight VideoFrame AudioContext OffscreenCanvas ImageData ImageBitmap DOMParser DOMRect DOMPoint DOMMatrix',
    'Scheduler Sanitizer Serial USB HID Bluetooth Presentation Payment PaymentRequest Ink Keyboard Magnetometer Accelerometer',
    // React's own names: a component called React or Fragment would shadow the import.
    'React Fragment Component PureComponent Suspense StrictMode Profiler Children',
  ]
    .join(' ')
    .split(' '),
);
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;

/**
 * PascalCase ASCII from a design's file name (`login-page@2x.png` → `LoginPage`, `plans@mobile.png` → `Plans`: one
 * component for every viewport of a design), unique among `taken` (case-insensitive).
 */
export function componentName(designPath: string, taken: Iterable<string> = [], viewportPattern?: string): string {
  const stem = viewportOf(designPath, viewportPattern).base;
  const words = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (!name) name = 'Design';
  if (/^\d/.test(name)) name = `Design${name}`;
  if (name.length > 64) name = name.slice(0, 64);
  if (RESERVED.has(name) || WINDOWS_RESERVED.test(name)) name = `${name}Component`;
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let unique = name;
  // The suffix itself can make a device name (Com + 2 = COM2): skip those too.
  for (let i = 2; lower.has(unique.toLowerCase()) || WINDOWS_RESERVED.test(unique); i++) unique = `${name}${i}`;
  return unique;
}

/** The component's file inside outDir: refuses a name that would escape it and a symlinked folder or file. */
export function componentPath(outDir: string, name: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Ui2CodeError('WRITE', `"${name}" is not a valid component name`, { file: outDir });
  const dir = path.resolve(outDir);
  const file = path.join(dir, `${name}.tsx`);
  if (path.dirname(file) !== dir) throw new Ui2CodeError('WRITE', `the component would land outside ${dir}`, { file });
  for (const p of [dir, file]) {
    try {
      if (fs.lstatSync(p).isSymbolicLink()) throw new Ui2CodeError('WRITE', 'refusing to write through a symbolic link', { file: p });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return file;
}
