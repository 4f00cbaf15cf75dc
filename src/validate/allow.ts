// The allow-list: everything a generated (presentational) component may use. Whatever is not here is refused; the
// README's "The safety policy" section is this table in prose.

/** Named imports from 'react' that may be used as values. */
export const REACT_VALUES = new Set([
  'useState', 'useMemo', 'useCallback', 'useReducer', 'useRef', 'useId', 'useEffect', 'useLayoutEffect', 'useTransition',
  'useDeferredValue', 'Fragment', 'memo', 'StrictMode',
]);

/** Type names people import from 'react' without `type`: they are not values at run time. */
export const REACT_TYPES = new Set([
  'CSSProperties', 'ReactNode', 'ReactElement', 'FC', 'FunctionComponent', 'PropsWithChildren', 'ComponentProps',
  'ComponentPropsWithoutRef', 'HTMLAttributes', 'SVGProps', 'MouseEvent', 'ChangeEvent', 'KeyboardEvent', 'FormEvent',
  'FocusEvent', 'JSX', 'Dispatch', 'SetStateAction', 'Key', 'RefObject',
]);

type GlobalRule = {
  /** May be called (`Number(x)`) or constructed (`new Date()`). */
  call?: boolean;
  /** May be used as a plain value (`undefined`). */
  value?: boolean;
  /** Members that may be read (`Math.round`); Intl's are constructors. */
  members?: ReadonlySet<string>;
  /** A timer: its first argument must be a function (a string is code). */
  timer?: boolean;
};

const own = (object: object, except: string[] = []) => new Set(Object.getOwnPropertyNames(object).filter((name) => !except.includes(name) && name !== 'prototype' && name !== 'constructor'));

/** Globals and how each may be used; any other global name is refused whatever the path to it. */
export const GLOBALS: Record<string, GlobalRule> = {
  Math: { members: own(Math) },
  Number: { call: true, members: own(Number) },
  String: { call: true, members: new Set() }, // not fromCharCode, fromCodePoint or raw: they spell what the policy reads
  Boolean: { call: true },
  Array: { members: new Set(['isArray', 'from', 'of']) },
  Object: { members: new Set(['keys', 'values', 'entries', 'freeze']) },
  JSON: { members: new Set(['stringify']) },
  Intl: { members: new Set(['NumberFormat', 'DateTimeFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat']) },
  Date: { call: true, members: new Set(['now', 'UTC']) },
  Map: { call: true },
  Set: { call: true },
  Error: { call: true },
  parseInt: { call: true },
  parseFloat: { call: true },
  isNaN: { call: true },
  isFinite: { call: true },
  encodeURIComponent: { call: true },
  undefined: { value: true },
  NaN: { value: true },
  Infinity: { value: true },
  setTimeout: { call: true, timer: true },
  setInterval: { call: true, timer: true },
  clearTimeout: { call: true },
  clearInterval: { call: true },
  requestAnimationFrame: { call: true, timer: true },
  cancelAnimationFrame: { call: true },
};

/** Why some refused globals are refused: a precise rule name for the usual suspects, `allowed-globals` for the rest. */
export const GLOBAL_RULES: Record<string, string> = {
  fetch: 'no-network', XMLHttpRequest: 'no-network', WebSocket: 'no-network', EventSource: 'no-network', Request: 'no-network',
  RTCPeerConnection: 'no-network', webkitRTCPeerConnection: 'no-network', Image: 'no-network', Audio: 'no-network', Worker: 'no-network',
  SharedWorker: 'no-network', importScripts: 'no-network', sendBeacon: 'no-network', FontFace: 'no-network',
  eval: 'no-eval', Function: 'no-eval',
  localStorage: 'no-storage', sessionStorage: 'no-storage', indexedDB: 'no-storage', caches: 'no-storage', cookieStore: 'no-storage',
  require: 'no-require', module: 'no-require', exports: 'no-require', process: 'no-process',
  window: 'no-globals', document: 'no-globals', globalThis: 'no-globals', self: 'no-globals', top: 'no-globals', parent: 'no-globals',
  frames: 'no-globals', location: 'no-globals', navigator: 'no-globals', opener: 'no-globals',
};

/**
 * Property names refused by any path (member, destructuring, object key, computed key after folding, string literal
 * equal to them): they reach prototypes, constructors, the page or markup.
 */
export const FORBIDDEN_PROPERTIES = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'getPrototypeOf', 'setPrototypeOf', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getOwnPropertyNames',
  'defineProperty', 'defineProperties', 'assign', 'call', 'apply', 'bind', 'caller', 'callee',
  'ownerDocument', 'defaultView', 'ownerSVGElement', 'view', 'nativeEvent', 'composedPath', 'getRootNode', 'parentNode',
  'parentElement', 'offsetParent', 'contentWindow', 'contentDocument', 'document', 'window', 'location', 'cookie',
  'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'setHTMLUnsafe', 'setAttribute', 'setAttributeNS', 'createElement',
  'createElementNS', 'cloneElement', 'jsx', 'jsxs', 'jsxDEV', 'createPortal', 'sendBeacon', 'fetch', 'srcdoc', 'srcDoc',
  'dangerouslySetInnerHTML', 'attributeStyleMap', 'setProperty', 'cssText', 'animate', 'submit', 'requestSubmit',
]);

/** The only uses of an event handler's event: these member paths (a method must be called). */
export const EVENT_PATHS = new Set([
  'preventDefault()', 'stopPropagation()', 'key', 'code', 'button', 'clientX', 'clientY', 'deltaX', 'deltaY', 'shiftKey',
  'altKey', 'ctrlKey', 'metaKey', 'type', 'target.value', 'target.checked', 'target.name', 'currentTarget.value',
  'currentTarget.checked', 'currentTarget.name',
]);

/** Array methods whose callback gets (element, index): the index is a number, the element comes from the array. */
export const ITERATION_METHODS = new Set(['map', 'filter', 'flatMap', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'reduce', 'sort', 'toSorted']);

/** Host elements a component may render (HTML and SVG drawing); anything else (script, iframe, object, link…) is refused. */
export const ELEMENTS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'button', 'caption', 'cite', 'code',
  'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'dialog', 'div', 'dl', 'dt', 'em', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'input', 'ins',
  'kbd', 'label', 'legend', 'li', 'main', 'mark', 'menu', 'meter', 'nav', 'ol', 'optgroup', 'option', 'output', 'p',
  'picture', 'pre', 'progress', 'q', 's', 'samp', 'search', 'section', 'select', 'small', 'source', 'span', 'strong',
  'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var',
  'video', 'audio', 'track', 'wbr',
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs', 'linearGradient',
  'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'symbol', 'use', 'title', 'desc', 'marker', 'filter',
  'feGaussianBlur', 'feOffset', 'feBlend', 'feColorMatrix', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feDropShadow',
  'image', 'textPath',
]);

/** Attributes that take a URL: their value must be a constant that passes the URL rule. */
export const URL_ATTRIBUTES = new Set(['src', 'href', 'srcSet', 'srcset', 'action', 'formAction', 'poster', 'xlinkHref', 'xlink:href', 'data', 'background', 'ping', 'cite', 'manifest', 'codebase', 'archive', 'longdesc', 'lowsrc', 'dynsrc', 'imageSrcSet']);

/** Elements whose `href` is a link (navigates when clicked) rather than a resource the page loads. */
export const LINK_ELEMENTS = new Set(['a', 'area']);

/**
 * Style properties that can load a resource: their values must be constants whose url() passes the resource rule. A
 * colour (`backgroundColor`) takes no url(): the browser drops such a value, so a colour may come from props or data.
 */
export const isUrlStyleProperty = (name: string) => {
  const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return !/Color$/i.test(camel) && /^(Webkit|Moz|ms)?(background|mask|listStyle|borderImage|cursor|content|filter|shapeOutside|src|clipPath|offsetPath|markerStart|markerMid|markerEnd|marker)/i.test(camel);
};

/** Attributes refused on every element. */
export const FORBIDDEN_ATTRIBUTES = new Set(['dangerouslySetInnerHTML', 'srcDoc', 'srcdoc', 'is']);
