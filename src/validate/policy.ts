// The security boundary. Generated code is written into the user's source tree and runs in their dev server, so it
// must be a plain presentational component: this policy walks its AST and refuses anything that reaches outside.
import { parse } from '@babel/parser';
import type { Node } from '@babel/types';
import { Ui2CodeError } from '../errors.js';
import { collectScopes, isDeclaredAt, walk, type AnyNode } from './scope.js';

export interface Violation {
  rule: string;
  line: number;
  message: string;
}

export const LIMITS = { maxBytes: 200_000, maxNodes: 50_000 };

/** Globals a presentational component may use. Anything else must be declared in the file. */
const ALLOWED_GLOBALS = new Set([
  'React', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'Array', 'Object', 'Date', 'Intl', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'Symbol', 'Promise', 'Error', 'TypeError', 'RangeError', 'RegExp', 'parseInt', 'parseFloat', 'isNaN',
  'isFinite', 'undefined', 'NaN', 'Infinity', 'console', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI',
  'decodeURI', 'BigInt', 'structuredClone', 'arguments',
  // Timers with a function (a string argument is refused as eval), frames, and the blocking dialogs: nothing leaves the page.
  'setInterval', 'clearTimeout', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'queueMicrotask', 'alert', 'confirm',
]);

/** Names that reach the network, storage, the page or code evaluation: refused with their own rule. */
const FORBIDDEN: Record<string, string> = {
  fetch: 'no-network', XMLHttpRequest: 'no-network', WebSocket: 'no-network', EventSource: 'no-network',
  sendBeacon: 'no-network', Request: 'no-network', importScripts: 'no-network',
  eval: 'no-eval', Function: 'no-eval', setTimeout: 'no-timers-with-strings',
  localStorage: 'no-storage', sessionStorage: 'no-storage', indexedDB: 'no-storage', caches: 'no-storage',
  require: 'no-require', process: 'no-process', module: 'no-require', exports: 'no-require',
  window: 'no-globals', document: 'no-globals', globalThis: 'no-globals', self: 'no-globals', top: 'no-globals',
  parent: 'no-globals', frames: 'no-globals', location: 'no-globals', navigator: 'no-globals', opener: 'no-globals',
};

/** Refused even when the file declares the name: shadowing `fetch` or `eval` has no harmless use and hides intent. */
const ALWAYS_FORBIDDEN = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'importScripts', 'eval', 'Function', 'localStorage', 'sessionStorage', 'indexedDB', 'require', 'process']);

/** Reflection that reaches prototypes and constructors by name at run time (`getOwnPropertyDescriptor(proto, 'constr' + 'uctor')`). */
const REFLECTION = new Set(['getPrototypeOf', 'setPrototypeOf', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getOwnPropertyNames', 'defineProperty', 'defineProperties', '__lookupSetter__']);

/** TypeScript nodes that hold run-time values; every other TS node is a type and is not walked. */
const TS_VALUE_NODES = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'TSEnumDeclaration', 'TSEnumBody', 'TSEnumMember', 'TSParameterProperty', 'TSModuleDeclaration', 'TSImportEqualsDeclaration', 'TSExportAssignment']);

/** Style properties that take a URL, so their value must be a literal that can be checked. */
const URL_STYLE_PROPERTIES = new Set(['backgroundImage', 'listStyleImage', 'borderImage', 'borderImageSource', 'maskImage', 'WebkitMaskImage', 'mask', 'WebkitMask', 'cursor', 'content', 'shapeOutside', 'src']);

const FORBIDDEN_PROPERTIES = new Set(['constructor', '__proto__', 'prototype', 'cookie', 'sendBeacon', '__defineGetter__', '__defineSetter__', '__lookupGetter__']);
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'frame', 'frameset', 'applet', 'portal', 'template', 'style', 'animate', 'set', 'handler', 'listener']);
const FORBIDDEN_ATTRIBUTES = new Set(['dangerouslySetInnerHTML', 'srcDoc', 'srcdoc']);
const URL_ATTRIBUTES = new Set(['src', 'href', 'srcSet', 'srcset', 'action', 'formAction', 'poster', 'xlinkHref', 'data', 'background', 'ping', 'cite', 'manifest']);

/** Decodes what a browser would: entities, then drops whitespace and control characters a scheme may hide behind. */
function normaliseUrl(value: string): string {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f\s]+/g, '').toLowerCase();
}

/** Why a URL is refused, or null when it is relative, a fragment or an image data URL. */
export function urlProblem(value: string): string | null {
  const url = normaliseUrl(value);
  if (/^(javascript|vbscript|livescript|file|blob|filesystem):/.test(url)) return `the ${url.split(':')[0]}: scheme is not allowed`;
  if (url.startsWith('data:')) return /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/.test(url) ? null : 'only data:image URLs are allowed';
  if (/^[a-z][a-z0-9+.-]*:/.test(url) || url.startsWith('//') || url.startsWith('\\\\') || url.startsWith('/\\')) {
    return 'absolute URLs are not allowed (only relative URLs, # or data:image)';
  }
  return null;
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)|@import/gi;

/** CSS escapes (`u\\72 l(`) spell `url(` as surely as the letters do. */
export function cssUnescape(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gis, (_, hex: string | undefined, ch: string | undefined) => (hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)) : (ch ?? '')));
}

function cssProblem(raw: string): string | null {
  const value = cssUnescape(raw);
  // image-set("a.png" 1x) takes bare strings as URLs.
  for (const set of value.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const str of (set[1] ?? '').matchAll(/(['"])(.*?)\1/g)) {
      const problem = urlProblem(str[2] ?? '');
      if (problem) return `style image-set(): ${problem}`;
    }
  }
  const opened = (value.match(/url\(/gi) ?? []).length;
  const closed = (value.match(/url\(\s*(['"]?)(.*?)\1\s*\)/gi) ?? []).length;
  if (opened > closed) return 'a style url() must be complete in one literal';
  for (const match of value.matchAll(CSS_URL)) {
    if (match[0].toLowerCase() === '@import') return '@import is not allowed in styles';
    const problem = urlProblem(match[2] ?? '');
    if (problem) return `style url(): ${problem}`;
  }
  if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(value)) return 'script in styles is not allowed';
  return null;
}

/** Is this identifier a reference to a variable (not a property name, a label, a JSX attribute or a type)? */
function isReference(node: AnyNode, parent: AnyNode | null, key: string | null): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression': case 'OptionalMemberExpression': return key === 'object' || (key === 'property' && Boolean(parent.computed));
    case 'ObjectProperty': case 'ObjectMethod': case 'ClassProperty': case 'ClassMethod': return key === 'value' || (key === 'key' && Boolean(parent.computed));
    case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return false;
    case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': case 'ExportSpecifier': return false;
    case 'VariableDeclarator': return key === 'init';
    case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression': return key === 'body';
    case 'CatchClause': return key !== 'param';
    case 'AssignmentPattern': return key === 'right';
    case 'ArrayPattern': case 'ObjectPattern': case 'RestElement': return false;
    case 'ClassDeclaration': case 'ClassExpression': return key === 'superClass';
    case 'PrivateName': case 'MetaProperty': case 'ClassPrivateProperty': case 'ClassPrivateMethod': case 'ClassAccessorProperty': return key === 'value';
    // Type subtrees are never walked (they do not run); what is left of TS holds expressions, except these names.
    case 'TSEnumDeclaration': case 'TSParameterProperty': return false;
    case 'TSEnumMember': return key === 'initializer';
  }
  return true;
}

function jsxAttributeName(attribute: AnyNode): string {
  const nameNode = attribute.name as AnyNode;
  return nameNode.type === 'JSXIdentifier' ? (nameNode.name as string) : `${((nameNode.namespace as AnyNode).name as string)}:${(nameNode.name as AnyNode).name as string}`;
}

const isLiteralKey = (key: AnyNode) => key.type === 'StringLiteral' || key.type === 'NumericLiteral' || (key.type === 'TemplateLiteral' && (key.expressions as unknown[]).length === 0);

function staticString(node: AnyNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) return ((node.quasis as AnyNode[])[0].value as { cooked: string }).cooked;
  if (node.type === 'JSXExpressionContainer') return staticString(node.expression as AnyNode);
  return null;
}

/** `cond ? 'a' : 'b'` and `x || 'none'` of literals: values a policy can still check. */
function isStaticChoice(node: AnyNode): boolean {
  if (staticString(node) !== null || node.type === 'NumericLiteral' || node.type === 'NullLiteral' || (node.type === 'Identifier' && node.name === 'undefined')) return true;
  if (node.type === 'ConditionalExpression') return isStaticChoice(node.consequent as AnyNode) && isStaticChoice(node.alternate as AnyNode);
  // `a && 'x'` yields a falsy `a` (harmless as a style) or 'x'; `a || 'x'` may yield any `a`.
  if (node.type === 'LogicalExpression') return isStaticChoice(node.right as AnyNode) && (node.operator === '&&' || isStaticChoice(node.left as AnyNode));
  return false;
}

function isComponentValue(node: AnyNode | undefined, functions: Map<string, AnyNode>): boolean {
  if (!node) return false;
  if (node.type === 'FunctionDeclaration' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return true;
  if (node.type === 'Identifier') return functions.has(node.name as string);
  // React.memo(Component) / memo(() => ...) / forwardRef(...)
  if (node.type === 'CallExpression') {
    const callee = node.callee as AnyNode;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? (callee.property as AnyNode).name : null;
    return (name === 'memo' || name === 'forwardRef') && isComponentValue((node.arguments as AnyNode[])[0], functions);
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') return isComponentValue(node.expression as AnyNode, functions);
  return false;
}

/** [styles branch] `styleModule`: the file name of the component's own CSS module (`Card.module.css`), the one other import allowed. */
export interface PolicyOptions {
  styleModule?: string;
}

/** Every rule the code breaks (empty when it is safe to write). */
export function checkPolicy(code: string, options: PolicyOptions = {}): Violation[] {
  const violations: Violation[] = [];
  const add = (rule: string, node: Node | null, message: string) => violations.push({ rule, line: node?.loc?.start.line ?? 1, message });
  if (Buffer.byteLength(code) > LIMITS.maxBytes) return [{ rule: 'max-size', line: 1, message: `the file is larger than ${LIMITS.maxBytes} bytes` }];

  let ast: Node;
  try {
    ast = parse(code, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: false }) as unknown as Node;
  } catch (error) {
    const loc = (error as { loc?: { line: number } }).loc;
    return [{ rule: 'syntax', line: loc?.line ?? 1, message: `the code does not parse (${(error as Error).message.replace(/\s*\(\d+:\d+\)$/, '')})` }];
  }

  let nodes = 0;
  walk(ast, () => void nodes++);
  if (nodes > LIMITS.maxNodes) return [{ rule: 'max-nodes', line: 1, message: `the file has ${nodes} syntax nodes, more than ${LIMITS.maxNodes}` }];

  const scopes = collectScopes(ast);
  const functions = new Map<string, AnyNode>();
  walk(ast, (node) => {
    const n = node as AnyNode;
    if (n.type === 'FunctionDeclaration' && n.id) functions.set((n.id as AnyNode).name as string, n);
    if (n.type === 'VariableDeclarator' && (n.id as AnyNode).type === 'Identifier' && n.init && isComponentValue(n.init as AnyNode, functions)) {
      functions.set((n.id as AnyNode).name as string, n.init as AnyNode);
    }
  });

  let defaultExports = 0;
  /** A property that ends up as an element attribute or a style (props objects, createElement, spreads, assignments). */
  const checkProp = (name: string, value: AnyNode, n: Node) => {
    if (FORBIDDEN_ATTRIBUTES.has(name)) add('no-dangerous-html', n, `${name} is not allowed`);
    if (URL_ATTRIBUTES.has(name) || URL_STYLE_PROPERTIES.has(name)) {
      const literal = staticString(value);
      if (literal === null) {
        if (URL_STYLE_PROPERTIES.has(name) && value.type !== 'NumericLiteral' && !isStaticChoice(value)) add('no-external-urls', n, `${name} must be a literal`);
      } else if (URL_ATTRIBUTES.has(name)) {
        const problem = urlProblem(literal);
        if (problem) add(/^(javascript|vbscript)/.test(normaliseUrl(literal)) ? 'no-javascript-urls' : 'no-external-urls', n, `${name}: ${problem}`);
      }
    }
  };
  const reference = (name: string, n: Node, ancestors: readonly Node[]) => {
    // Names that reach the network or evaluate code are refused even when declared: nothing harmless needs them.
    if (ALWAYS_FORBIDDEN.has(name)) return add(FORBIDDEN[name], n, `${name} is not allowed`);
    if (isDeclaredAt(scopes, ancestors, name)) return;
    if (FORBIDDEN[name]) return add(FORBIDDEN[name], n, `${name} is not allowed`);
    if (!ALLOWED_GLOBALS.has(name)) add('no-undeclared-globals', n, `${name} is not declared in the file and is not an allowed global`);
  };
  walk(ast, (node, parentNode, key, ancestors) => {
    const n = node as AnyNode;
    const parent = parentNode as AnyNode | null;
    // Types never run: their names are not references (the policy judges values only).
    if (n.type.startsWith('TS') && !TS_VALUE_NODES.has(n.type)) return false;
    if (n.declare) {
      add('no-undeclared-globals', n, 'ambient (declare) declarations are not allowed');
      return false;
    }
    switch (n.type) {
      case 'TSModuleDeclaration':
        add('no-undeclared-globals', n, 'namespaces and module declarations are not allowed');
        return false;
      case 'TSImportEqualsDeclaration':
        add('no-require', n, 'import = require() is not allowed');
        return false;
      case 'TSExportAssignment':
        add('default-export-component', n, 'export = is not allowed');
        return false;
      case 'ImportExpression':
        add('no-dynamic-import', n, 'dynamic import() is not allowed');
        break;
      case 'ImportDeclaration': {
        const source = (n.source as AnyNode).value as string;
        // [styles branch, minimal until the policy rewrite lands with its own `styleModule` option] the component's own CSS module.
        const ownModule = options.styleModule !== undefined && source === `./${options.styleModule}` && (n.specifiers as AnyNode[]).length === 1 && (n.specifiers as AnyNode[])[0].type === 'ImportDefaultSpecifier';
        if (source !== 'react' && !ownModule) add('imports-only-react', n, `import from '${source}' is not allowed (only 'react')`);
        break;
      }
      case 'ExportDefaultDeclaration':
        defaultExports++;
        if (!isComponentValue(n.declaration as AnyNode, functions)) add('default-export-component', n, 'the default export must be a function component');
        break;
      case 'ExportAllDeclaration':
        add('imports-only-react', n, 're-exports are not allowed');
        break;
      case 'ExportNamedDeclaration':
        if (n.source) add('imports-only-react', n, 're-exports are not allowed');
        for (const spec of (n.specifiers as AnyNode[]) ?? []) {
          if ((spec.exported as AnyNode)?.name === 'default') {
            defaultExports++;
            if (!isComponentValue(spec.local as AnyNode, functions)) add('default-export-component', n, 'the default export must be a function component');
          }
        }
        break;
      case 'Import':
        add('no-dynamic-import', n, 'dynamic import() is not allowed');
        break;
      case 'MetaProperty':
        add('no-import-meta', n, `${((n.meta as AnyNode).name as string)}.${((n.property as AnyNode).name as string)} is not allowed`);
        break;
      case 'CallExpression': case 'NewExpression': {
        const callee = n.callee as AnyNode;
        if (callee.type === 'Import') break; // reported as Import
        const args = n.arguments as AnyNode[];
        const calleeName = callee.type === 'Identifier' ? (callee.name as string) : null;
        if ((calleeName === 'setTimeout' || calleeName === 'setInterval') && args[0] && staticString(args[0]) !== null) {
          add('no-eval', n, `${calleeName} with a string is code evaluation`);
        }
        // React.createElement('script') and friends.
        const isCreate = (callee.type === 'MemberExpression' && (callee.property as AnyNode).name === 'createElement') || calleeName === 'createElement' || calleeName === 'jsx' || calleeName === 'jsxs';
        const tag = isCreate ? staticString(args[0]) : null;
        if (tag && FORBIDDEN_ELEMENTS.has(tag.toLowerCase())) add('no-dangerous-elements', n, `<${tag}> is not allowed`);
        // Props built at run time could carry any attribute past the checks: like a JSX spread, only a literal object passes.
        const calleeProp = callee.type === 'MemberExpression' && !callee.computed ? ((callee.property as AnyNode).name as string) : calleeName;
        const props = args[1];
        if ((isCreate || calleeProp === 'cloneElement' || calleeProp === 'jsxDEV') && props && props.type !== 'ObjectExpression' && props.type !== 'NullLiteral' && !(props.type === 'Identifier' && props.name === 'undefined')) {
          add('no-dangerous-html', n, `${calleeProp}() props must be an object literal`);
        }
        break;
      }
      case 'Identifier': {
        const name = n.name as string;
        if (!isReference(n, parent, key)) {
          if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && FORBIDDEN_PROPERTIES.has(name)) {
            add(name === 'cookie' ? 'no-storage' : name === 'sendBeacon' ? 'no-network' : 'no-prototype-access', n, `.${name} is not allowed`);
          }
          if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && REFLECTION.has(name)) {
            add('no-prototype-access', n, `.${name} is not allowed (it reaches prototypes and constructors)`);
          }
          if (parent && (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') && key === 'key' && FORBIDDEN_PROPERTIES.has(name) && name !== 'cookie') {
            add('no-prototype-access', n, `a property named ${name} is not allowed`);
          }
          break;
        }
        // A declaration's own name is a binding, not a use (it is in scope by construction).
        if (name !== 'setTimeout') reference(name, n, ancestors);
        break;
      }
      case 'ObjectProperty': case 'ObjectMethod': case 'ClassProperty': case 'ClassMethod': {
        const keyNode = n.key as AnyNode;
        // `const { [k]: F } = fn` reads a property as surely as fn[k] does (a computed key in an object literal only writes).
        if (n.computed && !isLiteralKey(keyNode) && parent?.type === 'ObjectPattern') add('no-computed-access', n, 'a computed key in destructuring must be a literal');
        const name = keyNode.type === 'Identifier' && !n.computed ? (keyNode.name as string) : staticString(keyNode) ?? (keyNode.type === 'StringLiteral' ? (keyNode.value as string) : null);
        if (name && n.type === 'ObjectProperty') checkProp(name, n.value as AnyNode, n);
        break;
      }
      case 'AssignmentExpression': {
        const left = n.left as AnyNode;
        if (left.type === 'MemberExpression') {
          const prop = left.property as AnyNode;
          const name = left.computed ? staticString(prop) : (prop.name as string);
          if (name) checkProp(name, n.right as AnyNode, n);
        }
        break;
      }
      case 'JSXSpreadAttribute':
        // Spread props could carry any attribute past the checks below: only a literal object (checked key by key) passes.
        if ((n.argument as AnyNode).type !== 'ObjectExpression') add('no-dangerous-html', n, 'spreading props into an element is only allowed from an object literal');
        break;
      case 'MemberExpression': case 'OptionalMemberExpression':
        if (n.computed) {
          const prop = n.property as AnyNode;
          const literal = prop.type === 'NumericLiteral' || prop.type === 'StringLiteral' || (prop.type === 'TemplateLiteral' && (prop.expressions as unknown[]).length === 0);
          // A variable key can spell 'constructor' at run time: only literal keys can be checked, so only they pass.
          if (!literal) add('no-computed-access', n, 'computed member access with a non-literal key is not allowed');
          const key = staticString(prop);
          if (key && FORBIDDEN_PROPERTIES.has(key)) add('no-prototype-access', n, `["${key}"] is not allowed`);
        }
        break;
      case 'StringLiteral': {
        const value = n.value as string;
        if (parent?.type === 'JSXAttribute' && URL_ATTRIBUTES.has(jsxAttributeName(parent))) break; // judged as the URL it is
        if (FORBIDDEN_PROPERTIES.has(value) && parent?.type === 'ObjectProperty' && key === 'key') add('no-prototype-access', n, `a property named ${value} is not allowed`);
        const css = cssProblem(value);
        if (css) add('no-external-urls', n, css);
        else if (/^\s*(javascript|vbscript)\s*:/i.test(normaliseUrl(value))) add('no-javascript-urls', n, 'javascript: URLs are not allowed');
        break;
      }
      case 'TemplateLiteral':
        for (const quasi of n.quasis as AnyNode[]) {
          const text = (quasi.value as { cooked?: string }).cooked ?? '';
          const css = cssProblem(text);
          if (css) add('no-external-urls', n, css);
          else if ((n.expressions as unknown[]).length > 0 && /(url|image-set)\(|\\/i.test(cssUnescape(text))) add('no-external-urls', n, 'a style url() must be a literal');
          else if (/^\s*(javascript|vbscript)\s*:/i.test(normaliseUrl(text))) add('no-javascript-urls', n, 'javascript: URLs are not allowed');
        }
        break;
      case 'JSXOpeningElement': {
        const nameNode = n.name as AnyNode;
        const tag = nameNode.type === 'JSXIdentifier' ? (nameNode.name as string) : null;
        if (tag && FORBIDDEN_ELEMENTS.has(tag.toLowerCase())) add('no-dangerous-elements', n, `<${tag}> is not allowed`);
        // <Foo /> and <a.b /> name values (React calls them): they resolve like any other reference.
        let root = nameNode;
        while (root.type === 'JSXMemberExpression') root = root.object as AnyNode;
        if (root.type === 'JSXIdentifier' && (root !== nameNode || /^[A-Z_$]/.test(root.name as string))) reference(root.name as string, root, ancestors);
        break;
      }
      case 'JSXAttribute': {
        const nameNode = n.name as AnyNode;
        const attr = jsxAttributeName(n);
        if (FORBIDDEN_ATTRIBUTES.has(attr)) add('no-dangerous-html', n, `${attr} is not allowed`);
        if (/^on[A-Z]/.test(attr) && staticString(n.value as AnyNode) !== null) add('no-eval', n, `a string ${attr} handler is code`);
        const value = staticString(n.value as AnyNode);
        const isUrl = URL_ATTRIBUTES.has(attr) || attr === 'xlink:href';
        if (isUrl && value !== null) {
          const candidates = attr.toLowerCase() === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0]) : [value];
          for (const candidate of candidates) {
            const problem = urlProblem(candidate);
            if (problem) add(/^(javascript|vbscript)/.test(normaliseUrl(candidate)) ? 'no-javascript-urls' : 'no-external-urls', n, `${attr}: ${problem}`);
          }
        } else if (isUrl && n.value && (n.value as AnyNode).type === 'JSXExpressionContainer') {
          const expr = (n.value as AnyNode).expression as AnyNode;
          // A computed URL cannot be checked: only literals (and templates without expressions) are allowed.
          if (staticString(expr) === null) add('no-external-urls', n, `${attr} must be a literal URL`);
        }
        break;
      }
      case 'WithStatement':
        add('no-eval', n, 'with statements are not allowed');
        break;
    }
  });
  if (defaultExports !== 1) add('default-export-component', null, defaultExports === 0 ? 'the file has no default export' : 'the file has more than one default export');
  return violations.sort((a, b) => a.line - b.line);
}

/** Throws a POLICY error naming the first rule broken and its line, with every violation in the message. */
export function assertPolicy(code: string, file: string, options: PolicyOptions = {}): void {
  const violations = checkPolicy(code, options);
  if (violations.length === 0) return;
  const list = violations.slice(0, 5).map((v) => `rule ${v.rule} at line ${v.line}: ${v.message}`).join('; ');
  const more = violations.length > 5 ? ` (and ${violations.length - 5} more)` : '';
  throw new Ui2CodeError('POLICY', `generated code refused by the safety policy: ${list}${more}`, { file });
}
