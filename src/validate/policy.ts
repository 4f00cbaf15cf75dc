// The security boundary. Generated code is written into the user's source tree and runs in their dev server, so it
// must be a plain presentational component: this policy walks its AST and refuses anything that reaches outside.
import { parse } from '@babel/parser';
import { VISITOR_KEYS } from '@babel/types';
import type { Node } from '@babel/types';
import { Ui2CodeError } from '../errors.js';

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

const FORBIDDEN_PROPERTIES = new Set(['constructor', '__proto__', 'prototype', 'cookie', 'sendBeacon', '__defineGetter__', '__defineSetter__', '__lookupGetter__']);
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'frame', 'frameset', 'applet', 'portal', 'template', 'style']);
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

function cssProblem(value: string): string | null {
  for (const match of value.matchAll(CSS_URL)) {
    if (match[0].toLowerCase() === '@import') return '@import is not allowed in styles';
    const problem = urlProblem(match[2] ?? '');
    if (problem) return `style url(): ${problem}`;
  }
  if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(value)) return 'script in styles is not allowed';
  return null;
}

type AnyNode = Node & Record<string, unknown>;

function collectDeclared(ast: Node): Set<string> {
  const declared = new Set<string>();
  const addPattern = (p: AnyNode | null | undefined) => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': declared.add(p.name as string); break;
      case 'ObjectPattern': for (const prop of p.properties as AnyNode[]) addPattern((prop.type === 'RestElement' ? prop.argument : prop.value) as AnyNode); break;
      case 'ArrayPattern': for (const el of p.elements as AnyNode[]) addPattern(el); break;
      case 'AssignmentPattern': addPattern(p.left as AnyNode); break;
      case 'RestElement': addPattern(p.argument as AnyNode); break;
      case 'TSParameterProperty': addPattern(p.parameter as AnyNode); break;
    }
  };
  walk(ast, (node) => {
    const n = node as AnyNode;
    switch (n.type) {
      case 'VariableDeclarator': addPattern(n.id as AnyNode); break;
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ObjectMethod': case 'ClassMethod':
        if (n.id) addPattern(n.id as AnyNode);
        for (const param of n.params as AnyNode[]) addPattern(param);
        break;
      case 'ClassDeclaration': case 'ClassExpression': if (n.id) addPattern(n.id as AnyNode); break;
      case 'CatchClause': addPattern(n.param as AnyNode); break;
      case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': addPattern(n.local as AnyNode); break;
      case 'TSTypeAliasDeclaration': case 'TSInterfaceDeclaration': case 'TSEnumDeclaration': addPattern(n.id as AnyNode); break;
    }
  });
  return declared;
}

function walk(node: Node, visit: (node: Node, parent: Node | null, key: string | null) => void, parent: Node | null = null, key: string | null = null): void {
  visit(node, parent, key);
  const keys = VISITOR_KEYS[node.type] ?? [];
  for (const k of keys) {
    const child = (node as AnyNode)[k];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c === 'object' && 'type' in c) walk(c as Node, visit, node, k);
    } else if (child && typeof child === 'object' && 'type' in (child as object)) {
      walk(child as Node, visit, node, k);
    }
  }
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
  }
  if (String(parent.type).startsWith('TS')) return parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSSatisfiesExpression' ? key === 'expression' : false;
  return true;
}

function staticString(node: AnyNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) return ((node.quasis as AnyNode[])[0].value as { cooked: string }).cooked;
  if (node.type === 'JSXExpressionContainer') return staticString(node.expression as AnyNode);
  return null;
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

/** Every rule the code breaks (empty when it is safe to write). */
export function checkPolicy(code: string): Violation[] {
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

  const declared = collectDeclared(ast);
  const functions = new Map<string, AnyNode>();
  walk(ast, (node) => {
    const n = node as AnyNode;
    if (n.type === 'FunctionDeclaration' && n.id) functions.set((n.id as AnyNode).name as string, n);
    if (n.type === 'VariableDeclarator' && (n.id as AnyNode).type === 'Identifier' && n.init && isComponentValue(n.init as AnyNode, functions)) {
      functions.set((n.id as AnyNode).name as string, n.init as AnyNode);
    }
  });

  let defaultExports = 0;
  walk(ast, (node, parentNode, key) => {
    const n = node as AnyNode;
    const parent = parentNode as AnyNode | null;
    switch (n.type) {
      case 'ImportDeclaration': {
        const source = (n.source as AnyNode).value as string;
        if (source !== 'react') add('imports-only-react', n, `import from '${source}' is not allowed (only 'react')`);
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
        break;
      }
      case 'Identifier': {
        const name = n.name as string;
        if (!isReference(n, parent, key)) {
          if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && FORBIDDEN_PROPERTIES.has(name)) {
            add(name === 'cookie' ? 'no-storage' : name === 'sendBeacon' ? 'no-network' : 'no-prototype-access', n, `.${name} is not allowed`);
          }
          if (parent && (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') && key === 'key' && FORBIDDEN_PROPERTIES.has(name) && name !== 'cookie') {
            add('no-prototype-access', n, `a property named ${name} is not allowed`);
          }
          break;
        }
        if (FORBIDDEN[name] && !declared.has(name)) {
          if (name !== 'setTimeout') add(FORBIDDEN[name], n, `${name} is not allowed`);
          break;
        }
        if (!declared.has(name) && !ALLOWED_GLOBALS.has(name) && !FORBIDDEN[name]) add('no-undeclared-globals', n, `${name} is not declared in the file and is not an allowed global`);
        break;
      }
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
        if (parent?.type === 'JSXAttribute') break; // judged as the attribute it is
        const value = n.value as string;
        if (FORBIDDEN_PROPERTIES.has(value) && parent?.type === 'ObjectProperty' && key === 'key') add('no-prototype-access', n, `a property named ${value} is not allowed`);
        const css = cssProblem(value);
        if (css) add('no-external-urls', n, css);
        else if (/^\s*(javascript|vbscript)\s*:/i.test(normaliseUrl(value))) add('no-javascript-urls', n, 'javascript: URLs are not allowed');
        break;
      }
      case 'TemplateLiteral':
        for (const quasi of n.quasis as AnyNode[]) {
          const css = cssProblem(((quasi.value as { cooked?: string }).cooked ?? ''));
          if (css) add('no-external-urls', n, css);
        }
        break;
      case 'JSXOpeningElement': {
        const nameNode = n.name as AnyNode;
        const tag = nameNode.type === 'JSXIdentifier' ? (nameNode.name as string) : null;
        if (tag && FORBIDDEN_ELEMENTS.has(tag.toLowerCase())) add('no-dangerous-elements', n, `<${tag}> is not allowed`);
        break;
      }
      case 'JSXAttribute': {
        const nameNode = n.name as AnyNode;
        const attr = nameNode.type === 'JSXIdentifier' ? (nameNode.name as string) : `${((nameNode.namespace as AnyNode).name as string)}:${(nameNode.name as AnyNode).name as string}`;
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
          if (expr.type !== 'StringLiteral' && expr.type !== 'TemplateLiteral') add('no-external-urls', n, `${attr} must be a literal URL`);
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
export function assertPolicy(code: string, file: string): void {
  const violations = checkPolicy(code);
  if (violations.length === 0) return;
  const list = violations.slice(0, 5).map((v) => `rule ${v.rule} at line ${v.line}: ${v.message}`).join('; ');
  const more = violations.length > 5 ? ` (and ${violations.length - 5} more)` : '';
  throw new Ui2CodeError('POLICY', `generated code refused by the safety policy: ${list}${more}`, { file });
}
