// The security boundary. Generated code is written into the user's source tree and runs unsandboxed in their dev
// server, so it must be a plain presentational component. The policy is an allow-list (`allow.ts`): every name is
// resolved by Babel's scope analysis, and only what the table allows passes, whatever the path to it.
import { parse } from '@babel/parser';
import traverseModule, { type Binding, type NodePath, type Scope, type Visitor } from '@babel/traverse';
import type { Node } from '@babel/types';
import { Ui2CodeError } from '../errors.js';
import {
  ELEMENTS, EVENT_PATHS, FORBIDDEN_ATTRIBUTES, FORBIDDEN_PROPERTIES, GLOBAL_RULES, GLOBALS, isUrlStyleProperty, ITERATION_METHODS,
  LINK_ELEMENTS, REACT_TYPES, REACT_VALUES, URL_ATTRIBUTES,
} from './allow.js';
import { cssProblem, cssUnescape, normaliseUrl, urlProblem } from './urls.js';
import { styleSheetProblem } from './style-element.js';

export { cssUnescape, urlProblem };

// The package is CommonJS: under ESM its function is the default export's `default`.
const traverse = ((traverseModule as unknown as { default?: unknown }).default ?? traverseModule) as (ast: Node, visitor: Visitor) => void;

export interface Violation {
  rule: string;
  line: number;
  message: string;
}

export interface PolicyOptions {
  /** The component's own CSS module (`'./Pricing.module.css'`): its default import is allowed, used as `styles.x`. */
  styleModule?: string;
}

export const LIMITS = { maxBytes: 200_000, maxNodes: 50_000 };

type AnyNode = Node & Record<string, any>;
type P = NodePath<any>;

/** TypeScript nodes that hold run-time values; every other TS node is a type and is not walked. */
const TS_VALUE_NODES = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
/** Names that reach prototypes and constructors: refused even as a string, since a string can become a computed key. */
const PROTO_NAMES = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
/** Object keys that would make a literal behave as something else (a fake array, a thenable, a custom string). */
const SPECIAL_KEYS = new Set([...ITERATION_METHODS, 'then', 'toString', 'valueOf', 'toJSON', 'length', 'join', 'concat']);
const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration']);
const MAX_VALUES = 256;

const unwrap = (node: AnyNode | null | undefined): AnyNode | null | undefined => {
  while (node && (TS_VALUE_NODES.has(node.type) || node.type === 'ParenthesizedExpression' || node.type === 'JSXExpressionContainer')) node = node.expression;
  return node;
};
const lineOf = (node: Node | null | undefined) => node?.loc?.start.line ?? 1;

/** A property key's name when it is known without running anything. */
function keyName(node: AnyNode, computed: boolean, scope: Scope): string | null {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral' || node.type === 'NumericLiteral') return String(node.value);
  const values = fold(node, scope);
  return values && values.length === 1 ? values[0] : null;
}

function bindingInit(binding: Binding | undefined): AnyNode | null {
  if (!binding || binding.kind !== 'const' || !binding.path.isVariableDeclarator()) return null;
  const declarator = binding.path.node as AnyNode;
  return declarator.id.type === 'Identifier' ? (unwrap(declarator.init) ?? null) : null;
}

/** The call a callback parameter belongs to when the callback is given to an array method (`items.map((item, i) => …)`). */
function iterationOf(binding: Binding | undefined): { method: string; receiver: AnyNode; index: number; scope: Scope } | null {
  if (!binding || binding.kind !== 'param') return null;
  const fn = binding.path.parentPath;
  if (!fn || !fn.isFunction()) return null;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || (call.node.arguments[0] as Node) !== fn.node) return null;
  const callee = call.node.callee as AnyNode;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  if (callee.computed || callee.property.type !== 'Identifier' || !ITERATION_METHODS.has((callee.property as AnyNode).name)) return null;
  const index = (fn.node as AnyNode).params.indexOf(binding.path.node);
  return { method: (callee.property as AnyNode).name, receiver: callee.object, index, scope: call.scope };
}

/**
 * The literal nodes an expression may denote, when they are in the file: a const's initializer, a property of one,
 * the elements an array method's callback receives. `strict` refuses lookups by a non-numeric key (their result may be
 * an inherited member, not the data). Null when the value comes from elsewhere.
 */
function dataNodes(node: AnyNode | null | undefined, scope: Scope, strict = false, depth = 0): AnyNode[] | null {
  node = unwrap(node);
  if (!node || depth > 24) return null;
  switch (node.type) {
    case 'ObjectExpression': case 'ArrayExpression': case 'StringLiteral': case 'NumericLiteral': case 'BooleanLiteral': case 'NullLiteral': case 'TemplateLiteral':
      return [node];
    case 'Identifier': {
      const binding = scope.getBinding(node.name);
      const init = bindingInit(binding);
      if (init) return dataNodes(init, binding!.path.scope, strict, depth + 1);
      const iteration = iterationOf(binding);
      if (iteration && iteration.index === 0 && iteration.method !== 'reduce' && iteration.method !== 'sort' && iteration.method !== 'toSorted') {
        const arrays = dataNodes(iteration.receiver, iteration.scope, strict, depth + 1);
        return arrays && elementsOf(arrays, iteration.scope, depth);
      }
      return null;
    }
    case 'MemberExpression': case 'OptionalMemberExpression': {
      const objects = dataNodes(node.object, scope, strict, depth + 1);
      if (!objects) return null;
      const name = keyName(node.property, node.computed, scope);
      if (name === null) {
        if (strict && !isNumeric(node.property, scope)) return null;
        return objects.flatMap((o) => (o.type === 'ArrayExpression' ? elementsOf([o], scope, depth) ?? [] : o.type === 'ObjectExpression' ? (o.properties as AnyNode[]).filter((p) => p.type === 'ObjectProperty').map((p) => unwrap(p.value)!) : []));
      }
      const out: AnyNode[] = [];
      for (const o of objects) {
        if (o.type !== 'ObjectExpression') continue;
        for (const p of o.properties as AnyNode[]) {
          if (p.type === 'ObjectProperty' && keyName(p.key, p.computed, scope) === name) out.push(...(dataNodes(p.value, scope, strict, depth + 1) ?? []));
          else if (p.type === 'SpreadElement') return null;
        }
      }
      return out;
    }
    case 'ConditionalExpression': {
      const a = dataNodes(node.consequent, scope, strict, depth + 1);
      const b = dataNodes(node.alternate, scope, strict, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    case 'LogicalExpression': {
      const a = dataNodes(node.left, scope, strict, depth + 1);
      const b = dataNodes(node.right, scope, strict, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
  }
  return null;
}

function elementsOf(arrays: AnyNode[], scope: Scope, depth: number): AnyNode[] | null {
  const out: AnyNode[] = [];
  for (const array of arrays) {
    if (array.type !== 'ArrayExpression') return null;
    for (const el of array.elements as AnyNode[]) {
      if (!el) continue;
      if (el.type === 'SpreadElement') {
        const inner = dataNodes(el.argument, scope, true, depth + 1);
        const items = inner && elementsOf(inner, scope, depth + 1);
        if (!items) return null;
        out.push(...items);
      } else out.push(unwrap(el)!);
    }
  }
  return out;
}

/** Every string an expression may evaluate to, folding literals, templates, `+`, choices and data; null when unknown. */
function fold(node: AnyNode | null | undefined, scope: Scope, depth = 0): string[] | null {
  node = unwrap(node);
  if (!node || depth > 24) return null;
  const cap = (values: string[] | null) => (values && values.length <= MAX_VALUES ? values : null);
  const product = (parts: Array<string[] | null>) => {
    let acc: string[] | null = [''];
    for (const part of parts) acc = acc && part ? cap(acc.flatMap((a) => part.map((b) => a + b))) : null;
    return acc;
  };
  switch (node.type) {
    case 'StringLiteral': case 'NumericLiteral': case 'BooleanLiteral': return [String(node.value)];
    case 'NullLiteral': return [''];
    case 'TemplateLiteral': {
      const parts: Array<string[] | null> = [];
      (node.quasis as AnyNode[]).forEach((q, i) => {
        parts.push([q.value.cooked ?? '']);
        if (i < node!.expressions.length) parts.push(fold(node!.expressions[i], scope, depth + 1));
      });
      return product(parts);
    }
    case 'BinaryExpression':
      // Arithmetic and comparisons give numbers and booleans: nothing that spells a URL.
      return node.operator === '+' ? product([fold(node.left, scope, depth + 1), fold(node.right, scope, depth + 1)]) : ['0'];
    case 'UnaryExpression': return node.operator === 'typeof' ? ['string'] : ['0'];
    case 'UpdateExpression': return ['0'];
    case 'ConditionalExpression': {
      const a = fold(node.consequent, scope, depth + 1);
      const b = fold(node.alternate, scope, depth + 1);
      return a && b ? cap([...a, ...b]) : null;
    }
    case 'LogicalExpression': {
      const b = fold(node.right, scope, depth + 1);
      // `a && 'x'` yields a falsy `a` (nothing to load) or 'x'.
      if (node.operator === '&&') return b;
      const a = fold(node.left, scope, depth + 1);
      return a && b ? cap([...a, ...b]) : null;
    }
    case 'Identifier': {
      if (node.name === 'undefined' && !scope.getBinding('undefined')) return [''];
      if (isNumeric(node, scope)) return ['0'];
      const binding = scope.getBinding(node.name);
      const init = bindingInit(binding);
      if (init && init.type !== 'ObjectExpression' && init.type !== 'ArrayExpression') return fold(init, binding!.path.scope, depth + 1);
    }
    // falls through
    case 'MemberExpression': case 'OptionalMemberExpression': {
      const nodes = dataNodes(node, scope);
      if (!nodes) return null;
      const out: string[] = [];
      for (const n of nodes) {
        const values = n.type === 'ObjectExpression' || n.type === 'ArrayExpression' ? null : fold(n, scope, depth + 1);
        if (!values) return null;
        out.push(...values);
      }
      return cap(out);
    }
  }
  return null;
}

/** An expression that always gives a number (or boolean): as a key it can never name an inherited member. */
function isNumeric(node: AnyNode | null | undefined, scope: Scope, depth = 0): boolean {
  node = unwrap(node);
  if (!node || depth > 16) return false;
  switch (node.type) {
    case 'NumericLiteral': case 'BooleanLiteral': case 'UpdateExpression': return true;
    case 'UnaryExpression': return node.operator !== 'typeof';
    case 'BinaryExpression': return node.operator !== '+' || (isNumeric(node.left, scope, depth + 1) && isNumeric(node.right, scope, depth + 1));
    case 'ConditionalExpression': return isNumeric(node.consequent, scope, depth + 1) && isNumeric(node.alternate, scope, depth + 1);
    case 'CallExpression': {
      const callee = node.callee as AnyNode;
      const global = (name: string) => !scope.getBinding(name);
      if (callee.type === 'Identifier') return ['Number', 'parseInt', 'parseFloat'].includes(callee.name) && global(callee.name);
      return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Math' && global('Math');
    }
    case 'Identifier': {
      const binding = scope.getBinding(node.name);
      if (!binding) return false;
      const init = bindingInit(binding);
      if (init) return isNumeric(init, binding.path.scope, depth + 1);
      const iteration = iterationOf(binding);
      if (iteration) return iteration.method === 'reduce' ? iteration.index === 2 : iteration.method !== 'sort' && iteration.method !== 'toSorted' && iteration.index === 1;
      // `for (let i = 0; …; i++)`: a number that is only counted.
      if (binding.kind === 'let' && binding.path.isVariableDeclarator() && isNumeric((binding.path.node as AnyNode).init, binding.path.scope, depth + 1)) {
        return binding.constantViolations.every((v) => v.isUpdateExpression() || (v.isAssignmentExpression() && ((v.node as AnyNode).operator !== '+=' ? true : isNumeric((v.node as AnyNode).right, v.scope, depth + 1)) && ((v.node as AnyNode).operator !== '=' || isNumeric((v.node as AnyNode).right, v.scope, depth + 1))));
      }
      return false;
    }
  }
  return false;
}

/** Literal data: what a module-level const may hold (no calls, no functions, nothing that runs). */
function isLiteralData(node: AnyNode | null | undefined, scope: Scope, depth = 0): boolean {
  node = unwrap(node);
  if (!node || depth > 32) return false;
  switch (node.type) {
    case 'StringLiteral': case 'NumericLiteral': case 'BooleanLiteral': case 'NullLiteral': case 'JSXElement': case 'JSXFragment': return true;
    case 'TemplateLiteral': return (node.expressions as AnyNode[]).every((e) => isLiteralData(e, scope, depth + 1));
    case 'UnaryExpression': return node.operator !== 'delete' && isLiteralData(node.argument, scope, depth + 1);
    case 'BinaryExpression': case 'LogicalExpression': return isLiteralData(node.left, scope, depth + 1) && isLiteralData(node.right, scope, depth + 1);
    case 'ConditionalExpression': return [node.test, node.consequent, node.alternate].every((e) => isLiteralData(e, scope, depth + 1));
    case 'ArrayExpression': return (node.elements as AnyNode[]).every((e) => !e || isLiteralData(e.type === 'SpreadElement' ? e.argument : e, scope, depth + 1));
    case 'ObjectExpression':
      return (node.properties as AnyNode[]).every((p) => (p.type === 'SpreadElement' ? isLiteralData(p.argument, scope, depth + 1) : p.type === 'ObjectProperty' && (!p.computed || keyName(p.key, true, scope) !== null) && isLiteralData(p.value, scope, depth + 1)));
    case 'Identifier': {
      if (node.name === 'undefined' && !scope.getBinding('undefined')) return true;
      const binding = scope.getBinding(node.name);
      const init = bindingInit(binding);
      return Boolean(init && isLiteralData(init, binding!.path.scope, depth + 1));
    }
    case 'MemberExpression': return !node.computed && isLiteralData(node.object, scope, depth + 1);
  }
  return false;
}

function isComponentValue(node: AnyNode | null | undefined, scope: Scope): boolean {
  node = unwrap(node);
  if (!node) return false;
  if (FUNCTIONS.has(node.type)) return true;
  if (node.type === 'Identifier') {
    const binding = scope.getBinding(node.name);
    if (!binding) return false;
    if (binding.path.isFunctionDeclaration()) return true;
    return isComponentValue(bindingInit(binding), binding.path.scope);
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee as AnyNode;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? (callee.property as AnyNode).name : null;
    return name === 'memo' && isComponentValue(node.arguments[0], scope);
  }
  return false;
}

/** `useRef(…)` / `React.useRef(…)`. */
function isUseRefCall(node: AnyNode | null | undefined): boolean {
  node = unwrap(node);
  if (!node || node.type !== 'CallExpression') return false;
  const callee = node.callee as AnyNode;
  return (callee.type === 'Identifier' && callee.name === 'useRef') || (callee.type === 'MemberExpression' && !callee.computed && (callee.property as AnyNode).name === 'useRef');
}

const jsxName = (name: AnyNode): string => (name.type === 'JSXIdentifier' ? name.name : name.type === 'JSXNamespacedName' ? `${name.namespace.name}:${name.name.name}` : `${jsxName(name.object)}.${name.property.name}`);

/**
 * `<style>` is allowed as a constant stylesheet and nothing else: no attributes (no `href`, no `precedence`, no
 * `dangerouslySetInnerHTML`), one child that is a string or a template without expressions, whose CSS passes
 * styleSheetProblem (the component's own classes, width media queries, nothing that loads).
 */
function styleElementRule(element: AnyNode, classes: ReadonlySet<string>, add: (rule: string, node: Node | null | undefined, message: string) => void): void {
  // A stylesheet outside these bounds is as dangerous as any refused element: the same rule.
  const rule = 'no-dangerous-elements';
  if ((element.openingElement.attributes as unknown[]).length) return add(rule, element, '<style> may not have attributes');
  const children = (element.children as AnyNode[]).filter((c) => !(c.type === 'JSXText' && !(c.value as string).trim()));
  const only = children.length === 1 && children[0].type === 'JSXExpressionContainer' ? (children[0].expression as AnyNode) : null;
  const css = !only ? null : only.type === 'StringLiteral' ? (only.value as string) : only.type === 'TemplateLiteral' && !(only.expressions as unknown[]).length ? ((only.quasis as AnyNode[])[0].value.cooked as string) : null;
  if (css === null) return add(rule, element, '<style> must hold one constant stylesheet ({`...`})');
  const problem = styleSheetProblem(css, classes);
  if (problem) add(rule, element, problem);
}

/** Every rule the code breaks (empty when it is safe to write). */
export function checkPolicy(code: string, options: PolicyOptions = {}): Violation[] {
  const { styleModule } = options;
  const violations: Violation[] = [];
  const add = (rule: string, node: Node | null | undefined, message: string): void => void violations.push({ rule, line: lineOf(node), message });
  // A component's own stylesheet (a responsive component's breakpoints) is judged once every class name is known.
  const styleElements: P[] = [];
  const classNames = new Set<string>();
  if (Buffer.byteLength(code) > LIMITS.maxBytes) return [{ rule: 'max-size', line: 1, message: `the file is larger than ${LIMITS.maxBytes} bytes` }];

  let ast: Node;
  try {
    ast = parse(code, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: false }) as unknown as Node;
  } catch (error) {
    const loc = (error as { loc?: { line: number } }).loc;
    return [{ rule: 'syntax', line: loc?.line ?? 1, message: `the code does not parse (${(error as Error).message.replace(/\s*\(\d+:\d+\)$/, '')})` }];
  }

  let nodes = 0;
  let programPath: P | null = null;
  traverse(ast, {
    Program(path) { programPath = path; },
    enter() { nodes++; },
  });
  if (nodes > LIMITS.maxNodes) return [{ rule: 'max-nodes', line: 1, message: `the file has ${nodes} syntax nodes, more than ${LIMITS.maxNodes}` }];
  const program = programPath! as P;

  // Functions React calls with an event: values of JSX attributes (and of literal objects spread into elements).
  const handlers = new Set<Node>();
  const markHandler = (value: AnyNode | null | undefined, scope: Scope, attr: AnyNode, depth = 0): void => {
    value = unwrap(value);
    if (!value || depth > 8) return;
    if (FUNCTIONS.has(value.type)) return void handlers.add(value);
    if (value.type === 'ConditionalExpression') return [value.consequent, value.alternate].forEach((v) => markHandler(v, scope, attr, depth + 1));
    if (value.type === 'LogicalExpression') return [value.left, value.right].forEach((v) => markHandler(v, scope, attr, depth + 1));
    if (value.type === 'CallExpression') {
      const callee = value.callee as AnyNode;
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? (callee.property as AnyNode).name : '';
      if (name === 'useCallback') return markHandler(value.arguments[0], scope, attr, depth + 1);
      if (/^on[A-Z]/.test(attrName(attr))) add('event-handlers', attr, `${attrName(attr)} must be a function, not the result of a call`);
      return;
    }
    if (value.type === 'Identifier') {
      const binding = scope.getBinding(value.name);
      if (binding?.path.isFunctionDeclaration()) return void handlers.add(binding.path.node);
      const init = bindingInit(binding);
      if (init) return markHandler(init, binding!.path.scope, attr, depth + 1);
    }
    if (value.type === 'MemberExpression') {
      for (const n of dataNodes(value, scope) ?? []) markHandler(n, scope, attr, depth + 1);
    }
  };
  const attrName = (attr: AnyNode) => (attr.type === 'JSXAttribute' ? jsxName(attr.name) : attr.type === 'ObjectProperty' ? (keyName(attr.key, attr.computed, program.scope) ?? '') : '');

  // Component functions: the default export and every function rendered as a JSX element. Their first parameter is props.
  const components = new Set<Node>();
  const componentOf = (node: AnyNode | null | undefined, scope: Scope) => {
    node = unwrap(node);
    if (!node) return;
    if (FUNCTIONS.has(node.type)) components.add(node);
    else if (node.type === 'Identifier') {
      const binding = scope.getBinding(node.name);
      if (binding?.path.isFunctionDeclaration()) components.add(binding.path.node);
      else componentOf(bindingInit(binding), binding?.path.scope ?? scope);
    } else if (node.type === 'CallExpression') componentOf(node.arguments[0], scope);
  };
  traverse(ast, {
    JSXAttribute(path) {
      const value = unwrap(path.node.value as AnyNode);
      if (value && value.type !== 'StringLiteral' && value.type !== 'JSXElement') markHandler(value, path.scope, path.node as AnyNode);
    },
    JSXSpreadAttribute(path) {
      const arg = unwrap(path.node.argument as AnyNode);
      if (arg?.type === 'ObjectExpression') for (const p of arg.properties as AnyNode[]) if (p.type === 'ObjectProperty') markHandler(p.value, path.scope, p);
    },
    JSXOpeningElement(path) {
      const name = path.node.name as AnyNode;
      if (name.type === 'JSXIdentifier' && /^[A-Z]/.test(name.name)) componentOf({ type: 'Identifier', name: name.name } as AnyNode, path.scope);
    },
    ExportDefaultDeclaration(path) { componentOf(path.node.declaration as AnyNode, path.scope); },
  });
  const propsBinding = (binding: Binding | undefined) => {
    if (!binding || binding.kind !== 'param') return null;
    let p: P | null = binding.path;
    while (p && !p.isFunction()) p = p.parentPath;
    const param = p && components.has(p.node) ? unwrap((p.node as AnyNode).params[0]) : null;
    if (!param) return null;
    // Where the name sits in the props pattern: the whole props, `...rest`, or one prop (`ref`).
    const inPattern = (param.type === 'AssignmentPattern' ? param.left : param) as AnyNode;
    const property = inPattern.type === 'ObjectPattern' ? (inPattern.properties as AnyNode[]).find((q) => (q.type === 'RestElement' ? q.argument : q.value?.type === 'AssignmentPattern' ? q.value.left : q.value) === binding.identifier) : undefined;
    return { whole: inPattern === binding.identifier, rest: property?.type === 'RestElement', key: property?.type === 'ObjectProperty' ? keyName(property.key, property.computed, binding.scope) : null };
  };

  /** A binding that holds a function component: a function declaration, or a const of a function, memo() or forwardRef(). */
  const namesComponent = (binding: Binding): boolean => {
    if (binding.path.isFunctionDeclaration()) return true;
    if (!binding.path.isVariableDeclarator() || binding.kind !== 'const') return false;
    const init = unwrap((binding.path.node as AnyNode).init);
    if (init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression') return true;
    if (init?.type !== 'CallExpression') return false;
    const callee = init.callee as AnyNode;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? (callee.property as AnyNode).name : null;
    return name === 'memo' || name === 'forwardRef';
  };

  let defaultExports = 0;
  let reactName: string | null = null;
  let stylesName: string | null = null;

  // Module level: imports, types, functions and consts of literal data; nothing that runs on import.
  for (const statementPath of program.get('body') as P[]) {
    let s = statementPath.node as AnyNode;
    if (s.type === 'ExportNamedDeclaration' && !s.source && s.declaration) s = s.declaration;
    if (s.declare) { add('module-level', s, 'ambient (declare) declarations are not allowed'); continue; }
    switch (s.type) {
      case 'ImportDeclaration': {
        const source = s.source.value as string;
        if (s.importKind === 'type') break;
        if (source === 'react') {
          for (const spec of s.specifiers as AnyNode[]) {
            if (spec.type !== 'ImportSpecifier') reactName = spec.local.name;
            else if (spec.importKind !== 'type') {
              const imported = (spec.imported as AnyNode).name ?? (spec.imported as AnyNode).value;
              if (!REACT_VALUES.has(imported) && !REACT_TYPES.has(imported)) add('imports-only-react', spec, `${imported} may not be imported from 'react' (only hooks, Fragment and memo)`);
            }
          }
        } else if (styleModule && source === styleModule && s.specifiers.length === 1 && s.specifiers[0].type === 'ImportDefaultSpecifier') {
          stylesName = s.specifiers[0].local.name;
        } else add('imports-only-react', s, `import from '${source}' is not allowed (only 'react'${styleModule ? ` and the default import of '${styleModule}'` : ''})`);
        break;
      }
      case 'TSTypeAliasDeclaration': case 'TSInterfaceDeclaration': case 'FunctionDeclaration': case 'ExportDefaultDeclaration': case 'EmptyStatement':
        break;
      case 'ExportNamedDeclaration':
        if (s.source) add('imports-only-react', s, 're-exports are not allowed');
        if (s.exportKind === 'type') break;
        for (const spec of (s.specifiers as AnyNode[]) ?? []) {
          if ((spec.exported?.name ?? spec.exported?.value) === 'default') {
            defaultExports++;
            if (!isComponentValue(spec.local, program.scope)) add('default-export-component', s, 'the default export must be a function component');
            componentOf(spec.local, program.scope);
          }
        }
        break;
      case 'VariableDeclaration':
        if (s.kind !== 'const') { add('module-level', s, `module-level ${s.kind} is not allowed (only const)`); break; }
        for (const d of s.declarations as AnyNode[]) {
          const init = unwrap(d.init);
          const ok = d.id.type === 'Identifier' && init && (FUNCTIONS.has(init.type) || isComponentValue(init, program.scope) || isLiteralData(init, program.scope));
          if (!ok) add('module-level', d, 'a module-level const must hold literal data or a function (nothing may run on import)');
        }
        break;
      case 'ImportExpression': break;
      case 'TSImportEqualsDeclaration': add('no-require', s, 'import = require() is not allowed'); break;
      case 'TSExportAssignment': add('default-export-component', s, 'export = is not allowed'); break;
      case 'ExportAllDeclaration': add('imports-only-react', s, 're-exports are not allowed'); break;
      default:
        add('module-level', s, `${s.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} at module level is not allowed (nothing may run on import)`);
    }
  }

  /** A member path from a reference: `e.target.value` gives ['target', 'value'] and the outermost path. */
  const memberChain = (ref: P) => {
    const names: string[] = [];
    let top = ref;
    while (top.parentPath && (top.parentPath.isMemberExpression() || top.parentPath.isOptionalMemberExpression()) && top.parentPath.node.object === top.node) {
      const name = keyName(top.parentPath.node.property as AnyNode, (top.parentPath.node as AnyNode).computed, top.scope);
      if (name === null) break;
      names.push(name);
      top = top.parentPath;
    }
    return { names, top };
  };
  const isCalled = (p: P) => (p.parentPath?.isCallExpression() || p.parentPath?.isOptionalCallExpression()) && (p.parentPath.node as AnyNode).callee === p.node;

  /** A use of an event handler's event: only the member paths the table lists. */
  const checkEventUse = (ref: P, name: string) => {
    const { names, top } = memberChain(ref);
    const ok = [...EVENT_PATHS].some((allowed) => {
      const method = allowed.endsWith('()');
      const parts = allowed.replace('()', '').split('.');
      if (method) return names.length === parts.length && parts.every((p, i) => names[i] === p) && isCalled(top);
      return names.length >= parts.length && parts.every((p, i) => names[i] === p);
    });
    if (!ok) add('event-handlers', ref.node, `the event ${name}${names.length ? '.' + names.join('.') : ''} is not allowed (only ${[...EVENT_PATHS].slice(0, 6).join(', ')}, …)`);
  };

  /** A use of a useRef object (or a forwarded `ref` prop): given to `ref=`, or `.current` assigned, tested or cleared. */
  const checkRefUse = (ref: P, name: string, forwarded: boolean) => {
    const parent = ref.parentPath!;
    if (parent.isJSXExpressionContainer() && parent.parentPath?.isJSXAttribute() && jsxName((parent.parentPath.node as AnyNode).name) === 'ref') return;
    if (!forwarded && parent.isMemberExpression() && !parent.node.computed && (parent.node.property as AnyNode).name === 'current') {
      const up = parent.parentPath!;
      if (up.isAssignmentExpression() && up.node.left === parent.node) return;
      if (up.isCallExpression() && (up.node.arguments as Node[]).includes(parent.node) && up.node.callee.type === 'Identifier' && /^(clearTimeout|clearInterval|cancelAnimationFrame)$/.test(up.node.callee.name)) return;
      if ((up.isIfStatement() || up.isConditionalExpression() || up.isWhileStatement()) && (up.node as AnyNode).test === parent.node) return;
      if (up.isLogicalExpression() || (up.isUnaryExpression() && up.node.operator === '!')) return;
    }
    add('refs', ref.node, `${name} may only be given to ref={${name}}${forwarded ? '' : ` or have ${name}.current assigned, tested or cleared`} (no DOM access through refs)`);
  };

  /** A global: only what the table allows, in the shape it allows. */
  const checkGlobal = (ref: P, name: string) => {
    const rule = GLOBALS[name];
    if (!rule) return add(GLOBAL_RULES[name] ?? 'allowed-globals', ref.node, `${name} is not allowed (not one of the globals a component may use)`);
    const parent = ref.parentPath!;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === ref.node) {
      const member = keyName(parent.node.property as AnyNode, (parent.node as AnyNode).computed, ref.scope);
      if (member !== null && rule.members?.has(member)) return;
      return add('allowed-globals', ref.node, `${name}.${member ?? '[…]'} is not allowed`);
    }
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee === ref.node && rule.call) {
      if (rule.timer) {
        const first = unwrap(parent.node.arguments[0] as AnyNode);
        const fnRef = first?.type === 'Identifier' ? ref.scope.getBinding(first.name) : undefined;
        const isFn = first && (FUNCTIONS.has(first.type) || fnRef?.path.isFunctionDeclaration() || FUNCTIONS.has(bindingInit(fnRef)?.type ?? ''));
        if (!isFn) add('no-eval', parent.node, `${name} must be given a function (a string is code)`);
      }
      return;
    }
    if (rule.value) return;
    add('allowed-globals', ref.node, `${name} may only be used as ${rule.call ? `${name}(…)` : `${name}.member`}, not as a value`);
  };

  const checkUrlValue = (attr: string, tag: string | null, values: string[] | null, node: Node) => {
    if (values === null) return add('no-external-urls', node, `${attr} must be a constant URL`);
    const link = attr === 'href' && (tag === null || LINK_ELEMENTS.has(tag) || /^[A-Z]/.test(tag));
    for (const value of values) {
      const candidates = /^(srcset|imagesrcset)$/i.test(attr) ? value.split(',').map((part) => part.trim().split(/\s+/)[0]) : [value];
      for (const candidate of candidates) {
        const problem = urlProblem(candidate, { link });
        if (problem) return add(/^(javascript|vbscript)/.test(normaliseUrl(candidate)) ? 'no-javascript-urls' : 'no-external-urls', node, `${attr}: ${problem}`);
      }
    }
  };
  /** A value that may carry a URL through a style property or an attribute: strings must fold; elements and functions cannot. */
  const checkStyleValue = (prop: string, value: AnyNode, scope: Scope, node: Node) => {
    const v = unwrap(value)!;
    if (FUNCTIONS.has(v.type) || v.type === 'JSXElement' || v.type === 'JSXFragment') return;
    if (v.type === 'ArrayExpression' || v.type === 'ObjectExpression') return; // their strings are checked where they are written
    const values = fold(v, scope);
    if (values === null) return add('no-external-urls', node, `${prop} must be a constant (it can load a URL)`);
    for (const value of values) {
      const problem = cssProblem(value);
      if (problem) return add('no-external-urls', node, `${prop}: ${problem}`);
    }
  };

  /** An attribute of a JSX element or a key spread into one. */
  const checkAttribute = (tag: string | null, name: string, value: AnyNode | null | undefined, scope: Scope, node: Node) => {
    if (FORBIDDEN_ATTRIBUTES.has(name)) return add('no-dangerous-html', node, `${name} is not allowed`);
    if (/^on[A-Z]/.test(name) && value && fold(value, scope) !== null && unwrap(value)?.type !== 'Identifier') return add('no-eval', node, `a string ${name} handler is code`);
    if (name === 'ref') {
      const v = unwrap(value);
      const binding = v?.type === 'Identifier' ? scope.getBinding(v.name) : undefined;
      if (!binding || !(isUseRefCall(bindingInit(binding) ?? (binding.path.node as AnyNode).init) || propsBinding(binding)?.key === 'ref')) add('refs', node, 'ref must be a useRef() object (no callback refs)');
      return;
    }
    if (URL_ATTRIBUTES.has(name)) return checkUrlValue(name, tag, value ? fold(value, scope) : [''], node);
  };

  const visit = (path: P): void => {
      const n = path.node as AnyNode;
      if (n.type.startsWith('TS') && !TS_VALUE_NODES.has(n.type)) {
        if (n.type === 'TSEnumDeclaration' || n.type === 'TSModuleDeclaration' || n.type === 'TSParameterProperty') add('module-level', n, 'enums, namespaces and parameter properties are not allowed');
        path.skip();
        return;
      }
      switch (n.type) {
        case 'ImportDeclaration': path.skip(); return;
        case 'ImportExpression': case 'Import': add('no-dynamic-import', n, 'dynamic import() is not allowed'); return;
        case 'MetaProperty': add('no-import-meta', n, `${n.meta.name}.${n.property.name} is not allowed`); return;
        case 'ThisExpression': add('no-this', n, 'this is not allowed (components are functions)'); return;
        case 'ClassDeclaration': case 'ClassExpression': add('no-classes', n, 'classes are not allowed (components are functions)'); path.skip(); return;
        case 'WithStatement': add('no-eval', n, 'with statements are not allowed'); return;
        case 'ExportDefaultDeclaration':
          defaultExports++;
          if (!isComponentValue(n.declaration, path.scope)) add('default-export-component', n, 'the default export must be a function component');
          return;
        case 'Identifier': {
          if (!path.isReferencedIdentifier()) return;
          const name = n.name as string;
          const binding = path.scope.getBinding(name);
          if (!binding) return checkGlobal(path, name);
          if (binding.kind === 'module') {
            if (name === stylesName) {
              const { names, top } = memberChain(path);
              const bad = names.length !== 1 || isCalled(top) || (top.parentPath?.isAssignmentExpression() && top.parentPath.node.left === top.node);
              if (bad) add('style-module', n, `${name} may only be used as ${name}.className or ${name}['class-name']`);
            } else if (name === reactName) {
              const parent = path.parentPath!;
              const member = parent.isMemberExpression() && parent.node.object === n ? keyName(parent.node.property as AnyNode, (parent.node as AnyNode).computed, path.scope) : null;
              if (!member || !REACT_VALUES.has(member)) add('imports-only-react', n, `${name}${member ? '.' + member : ''} is not allowed (only hooks, Fragment and memo)`);
            }
            return;
          }
          if (isUseRefCall(bindingInit(binding))) return checkRefUse(path, name, false);
          const props = propsBinding(binding);
          if (props?.key === 'ref') return checkRefUse(path, name, true);
          if (binding.kind === 'param') {
            let fn: P | null = binding.path;
            while (fn && !fn.isFunction()) fn = fn.parentPath;
            if (fn && handlers.has(fn.node) && !components.has(fn.node) && (fn.node as AnyNode).params[0] === binding.path.node) checkEventUse(path, name);
          }
          return;
        }
        case 'JSXOpeningElement': {
          const nameNode = n.name as AnyNode;
          const tag = jsxName(nameNode);
          const host = nameNode.type === 'JSXIdentifier' && /^[a-z]/.test(nameNode.name);
          if (host && tag === 'style') styleElements.push(path);
          else if (nameNode.type === 'JSXNamespacedName' || (host && !ELEMENTS.has(tag))) add('no-dangerous-elements', n, `<${tag}> is not allowed`);
          if (host) for (const attr of n.attributes as AnyNode[]) if (attr.type === 'JSXAttribute' && jsxName(attr.name) === 'className' && attr.value?.type === 'StringLiteral') for (const c of (attr.value.value as string).split(/\s+/)) classNames.add(c);
          if (!host && nameNode.type !== 'JSXNamespacedName') {
            let root = nameNode;
            while (root.type === 'JSXMemberExpression') root = root.object;
            const binding = path.scope.getBinding(root.name);
            if (!binding) add(GLOBAL_RULES[root.name] ?? 'allowed-globals', n, `<${tag}> is not declared in the file`);
            else if (binding.kind === 'module' && root.name === reactName && tag !== `${reactName}.Fragment` && tag !== `${reactName}.StrictMode`) add('imports-only-react', n, `<${tag}> is not allowed`);
            else if (root.name !== reactName && !namesComponent(binding)) {
              // A tag held in a variable or a prop (`const Tag = 'ifr' + 'ame'`, `<Any as="iframe" />`) could be any element.
              add('no-dangerous-elements', n, `<${tag}> must name a component declared in the file`);
            }
          }
          for (const attrPath of path.get('attributes') as P[]) {
            const attr = attrPath.node as AnyNode;
            if (attr.type === 'JSXAttribute') {
              checkAttribute(host ? tag : /^[A-Z]/.test(tag) ? tag : null, jsxName(attr.name), attr.value, path.scope, attr);
              continue;
            }
            // Spreads: the component's own props, or literal objects whose keys are checked as attributes are.
            const arg = unwrap(attr.argument)!;
            if (arg.type === 'Identifier') {
              const binding = path.scope.getBinding(arg.name);
              const props = propsBinding(binding);
              if (props && (props.whole || props.rest)) continue;
            }
            const objects = dataNodes(arg, path.scope, true);
            if (!objects || objects.some((o) => o.type !== 'ObjectExpression')) {
              add('jsx-spread', attr, 'only the component\'s own props or literal objects may be spread into an element');
              continue;
            }
            for (const o of objects) {
              for (const p of o.properties as AnyNode[]) {
                if (p.type !== 'ObjectProperty') { add('jsx-spread', attr, 'a spread object must list its keys'); continue; }
                const key = keyName(p.key, p.computed, path.scope);
                if (key === null) add('jsx-spread', attr, 'a spread object\'s keys must be constants');
                else checkAttribute(host ? tag : null, key, p.value, path.scope, attr);
              }
            }
          }
          return;
        }
        case 'MemberExpression': case 'OptionalMemberExpression': {
          const name = keyName(n.property, n.computed, path.scope);
          if (name !== null) {
            if (FORBIDDEN_PROPERTIES.has(name)) add(PROTO_NAMES.has(name) || /^(getPrototypeOf|setPrototypeOf|getOwnProperty|defineProp|assign|call|apply|bind|caller|callee)/.test(name) ? 'no-prototype-access' : 'no-dom-access', n, `.${name} is not allowed`);
            return;
          }
          // A computed key: a number never names an inherited member; another key only looks up literal data.
          if (isNumeric(n.property, path.scope)) return;
          if (!dataNodes(n.object, path.scope, true)) return add('no-computed-access', n, 'a computed key that is not a number may only look up literal data declared in the file');
          if (isCalled(path)) add('no-computed-access', n, 'a function looked up by a computed key may not be called');
          if (path.parentPath?.isAssignmentExpression() && path.parentPath.node.left === n) add('no-member-assignment', n, 'literal data may not be assigned to');
          return;
        }
        case 'AssignmentExpression': case 'UpdateExpression': {
          const target = unwrap(n.type === 'AssignmentExpression' ? n.left : n.argument)!;
          if (target.type === 'MemberExpression' || target.type === 'OptionalMemberExpression') {
            const object = unwrap(target.object)!;
            const binding = object.type === 'Identifier' ? path.scope.getBinding(object.name) : undefined;
            const isRefCurrent = binding && isUseRefCall(bindingInit(binding)) && !target.computed && (target.property as AnyNode).name === 'current';
            if (!isRefCurrent) add('no-member-assignment', n, 'assigning to a property is not allowed (except a useRef object\'s .current)');
          }
          return;
        }
        case 'ObjectPattern':
          for (const p of n.properties as AnyNode[]) {
            if (p.type !== 'ObjectProperty') continue;
            const key = keyName(p.key, p.computed, path.scope);
            if (key === null) add('no-computed-access', p, 'a computed key in destructuring must be a constant');
            else if (FORBIDDEN_PROPERTIES.has(key)) add(PROTO_NAMES.has(key) ? 'no-prototype-access' : 'no-dom-access', p, `destructuring ${key} is not allowed`);
          }
          return;
        case 'ObjectExpression':
          for (const p of n.properties as AnyNode[]) {
            if (p.type === 'ObjectMethod') { add('literal-data', p, 'methods, getters and setters in object literals are not allowed'); continue; }
            if (p.type !== 'ObjectProperty') continue;
            const key = keyName(p.key, p.computed, path.scope);
            const value = unwrap(p.value)!;
            if (key === null) {
              // `{ ...form, [e.target.name]: e.target.value }`: any key is fine for a value that cannot carry a URL.
              const values = fold(value, path.scope);
              const userInput = value.type === 'MemberExpression' && !value.computed && ['value', 'checked'].includes((value.property as AnyNode).name);
              if (!userInput && (values === null || values.some((v) => cssProblem(v) || urlProblem(v)))) add('no-computed-access', p, 'a computed key needs a constant value (it could name any attribute or style)');
              continue;
            }
            if (FORBIDDEN_PROPERTIES.has(key) || FORBIDDEN_ATTRIBUTES.has(key)) add(PROTO_NAMES.has(key) ? 'no-prototype-access' : 'no-dangerous-html', p, `a property named ${key} is not allowed`);
            else if (SPECIAL_KEYS.has(key) && (FUNCTIONS.has(value.type) || value.type === 'Identifier' && !fold(value, path.scope))) add('literal-data', p, `a property named ${key} may not hold a function`);
            else if (key === 'ref') add('refs', p, 'ref must be given as ref={…} to an element');
            else if (['src', 'srcSet', 'href', 'action', 'formAction', 'poster', 'xlinkHref', 'ping'].includes(key)) {
              if (!(FUNCTIONS.has(value.type) || value.type === 'JSXElement' || value.type === 'ObjectExpression' || value.type === 'ArrayExpression')) checkUrlValue(key, null, fold(value, path.scope), p);
            } else if (isUrlStyleProperty(key)) checkStyleValue(key, value, path.scope, p);
          }
          return;
        case 'StringLiteral': {
          if (path.parentPath?.isJSXAttribute() && URL_ATTRIBUTES.has(jsxName((path.parentPath.node as AnyNode).name))) return; // judged as the URL it is
          const value = n.value as string;
          if (PROTO_NAMES.has(value)) return add('no-prototype-access', n, `the string '${value}' is not allowed (it names a prototype member)`);
          const css = cssProblem(value);
          if (css) return add('no-external-urls', n, css);
          if (/^(javascript|vbscript):/.test(normaliseUrl(value))) add('no-javascript-urls', n, 'javascript: URLs are not allowed');
          return;
        }
        case 'JSXText':
          return;
        case 'TemplateLiteral':
          for (const quasi of n.quasis as AnyNode[]) {
            const text = (quasi.value as { cooked?: string }).cooked ?? '';
            const css = cssProblem(text);
            if (css) add('no-external-urls', n, css);
            else if ((n.expressions as unknown[]).length > 0 && /(url|image-set)\(|\\/i.test(cssUnescape(text))) add('no-external-urls', n, 'a style url() must be a literal');
            else if (/^(javascript|vbscript):/.test(normaliseUrl(text))) add('no-javascript-urls', n, 'javascript: URLs are not allowed');
            else if (PROTO_NAMES.has(text)) add('no-prototype-access', n, `the string '${text}' is not allowed`);
          }
          return;
        case 'TaggedTemplateExpression':
          add('allowed-globals', n, 'tagged templates are not allowed');
          return;
        case 'NewExpression': {
          const callee = unwrap(n.callee)!;
          if (callee.type === 'Identifier' && path.scope.getBinding(callee.name)) add('allowed-globals', n, `new ${callee.name}() is not allowed (only new on allowed globals)`);
          return;
        }
      }
  };
  traverse(ast, { enter(path) { visit(path); } });
  for (const p of styleElements) styleElementRule(p.parentPath!.node as AnyNode, classNames, add);
  if (defaultExports !== 1) add('default-export-component', null, defaultExports === 0 ? 'the file has no default export' : 'the file has more than one default export');
  // One report per rule and line: the same expression can be seen from more than one node.
  const seen = new Set<string>();
  return violations.filter((v) => !seen.has(`${v.rule}:${v.line}:${v.message}`) && seen.add(`${v.rule}:${v.line}:${v.message}`)).sort((a, b) => a.line - b.line);
}

/** Throws a POLICY error naming the first rule broken and its line, with every violation in the message. */
export function assertPolicy(code: string, file: string, options: PolicyOptions = {}): void {
  const violations = checkPolicy(code, options);
  if (violations.length === 0) return;
  const list = violations.slice(0, 5).map((v) => `rule ${v.rule} at line ${v.line}: ${v.message}`).join('; ');
  const more = violations.length > 5 ? ` (and ${violations.length - 5} more)` : '';
  throw new Ui2CodeError('POLICY', `generated code refused by the safety policy: ${list}${more}`, { file });
}
