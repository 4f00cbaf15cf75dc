// Lexical scopes for the policy: which names each scope declares, so a reference resolves to the nearest declaration.
// A flat "declared somewhere in the file" set would let `(Image) => 0` elsewhere unlock the global `Image`.
import { VISITOR_KEYS } from '@babel/types';
import type { Node } from '@babel/types';

export type AnyNode = Node & Record<string, unknown>;

/** Visits every node with its parent, the key it hangs from and its ancestors (outermost first). Return false to skip a subtree. */
export function walk(
  node: Node,
  visit: (node: Node, parent: Node | null, key: string | null, ancestors: readonly Node[]) => boolean | void,
  ancestors: Node[] = [],
  key: string | null = null,
): void {
  if (visit(node, ancestors[ancestors.length - 1] ?? null, key, ancestors) === false) return;
  ancestors.push(node);
  for (const k of VISITOR_KEYS[node.type] ?? []) {
    const child = (node as AnyNode)[k];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c === 'object' && 'type' in c) walk(c as Node, visit, ancestors, k);
    } else if (child && typeof child === 'object' && 'type' in (child as object)) {
      walk(child as Node, visit, ancestors, k);
    }
  }
  ancestors.pop();
}

const FUNCTION_SCOPES = new Set(['Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod', 'StaticBlock']);
const BLOCK_SCOPES = new Set([...FUNCTION_SCOPES, 'BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'CatchClause']);

function nearest(ancestors: readonly Node[], kinds: Set<string>): Node {
  for (let i = ancestors.length - 1; i >= 0; i--) if (kinds.has(ancestors[i].type)) return ancestors[i];
  return ancestors[0];
}

export function patternNames(p: AnyNode | null | undefined, out: string[] = []): string[] {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier': out.push(p.name as string); break;
    case 'ObjectPattern': for (const prop of p.properties as AnyNode[]) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as AnyNode, out); break;
    case 'ArrayPattern': for (const el of p.elements as AnyNode[]) patternNames(el, out); break;
    case 'AssignmentPattern': patternNames(p.left as AnyNode, out); break;
    case 'RestElement': patternNames(p.argument as AnyNode, out); break;
    case 'TSParameterProperty': patternNames(p.parameter as AnyNode, out); break;
  }
  return out;
}

/**
 * The names each scope node declares. Ambient (`declare`) declarations declare nothing: they describe globals.
 * Modules are strict, so function declarations are block scoped; `var` goes to the enclosing function.
 */
export function collectScopes(ast: Node): Map<Node, Set<string>> {
  const scopes = new Map<Node, Set<string>>();
  const declare = (scope: Node, names: string[]) => {
    let set = scopes.get(scope);
    if (!set) scopes.set(scope, (set = new Set()));
    for (const name of names) set.add(name);
  };
  walk(ast, (node, _parent, _key, ancestors) => {
    const n = node as AnyNode;
    if (n.declare) return false;
    switch (n.type) {
      case 'VariableDeclaration':
        for (const d of n.declarations as AnyNode[]) declare(nearest(ancestors, n.kind === 'var' ? FUNCTION_SCOPES : BLOCK_SCOPES), patternNames(d.id as AnyNode));
        break;
      case 'FunctionDeclaration':
        if (n.id) declare(nearest(ancestors, BLOCK_SCOPES), patternNames(n.id as AnyNode));
        declare(n, (n.params as AnyNode[]).flatMap((p) => patternNames(p)));
        break;
      case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ObjectMethod': case 'ClassMethod': case 'ClassPrivateMethod':
        if (n.type === 'FunctionExpression' && n.id) declare(n, patternNames(n.id as AnyNode));
        declare(n, (n.params as AnyNode[]).flatMap((p) => patternNames(p)));
        if (n.type !== 'ArrowFunctionExpression') declare(n, ['arguments']);
        break;
      case 'ClassDeclaration': if (n.id) declare(nearest(ancestors, BLOCK_SCOPES), patternNames(n.id as AnyNode)); break;
      case 'ClassExpression': if (n.id) declare(n, patternNames(n.id as AnyNode)); break;
      case 'CatchClause': declare(n, patternNames(n.param as AnyNode)); break;
      case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': declare(ancestors[0], patternNames(n.local as AnyNode)); break;
      case 'TSEnumDeclaration': {
        declare(nearest(ancestors, BLOCK_SCOPES), patternNames(n.id as AnyNode));
        // Members are in scope inside the enum (`M = S * 2`).
        const members = ((n.members ?? (n.body as AnyNode | undefined)?.members ?? []) as AnyNode[]);
        declare(n, members.map((m) => (m.id as AnyNode).name as string).filter(Boolean));
        break;
      }
    }
  });
  return scopes;
}

/** True when `name` resolves to a declaration in one of the scopes enclosing the reference. */
export function isDeclaredAt(scopes: Map<Node, Set<string>>, ancestors: readonly Node[], name: string): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) if (scopes.get(ancestors[i])?.has(name)) return true;
  return false;
}
