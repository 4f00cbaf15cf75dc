// The css-modules sink: each element gets a class of the component's module, named for its role. Identical rule sets
// share one class; a colour used by more than one rule becomes a custom property on the root class.
import { styleModuleName, type StyleEntries, type StyleSink, type Theme } from '../../style.js';
import { FORBIDDEN_PROPERTIES } from '../../../validate/allow.js';
import { cleanColor, COLOR_PATTERN, declarations, type Snap } from './values.js';

/** A role as a class name: camelCase ASCII starting with a letter (`price tag` → `priceTag`). */
const className = (role: string) => {
  const words = role.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const name = words.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase())).join('');
  return /^[a-z]/.test(name) ? name : `x${name}`;
};

/** Roles of elements that are a text themselves: their class is named by the text alone (`.noResults`). */
const TEXT_ROLES = new Set(['text', 'title', 'label', 'price', 'item']);

/**
 * A class named from what the element shows: its first two words (`No results found.` → `noResults`), with the role
 * after them for a container (`clearCard`). Undefined when the text has no word to give.
 */
const hintName = (hint: string, role: string) => {
  // Lower-cased first: a label in capitals (`LOG IN`) is `logIn`, not `logIN`.
  const words = (hint.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).slice(0, 2).map((w) => w.toLowerCase());
  if (!words.length) return undefined;
  const name = className([...words, ...(TEXT_ROLES.has(role) ? [] : [role])].join(' '));
  // `styles.location` reads like the DOM to the policy, which refuses such names whatever the object.
  return FORBIDDEN_PROPERTIES.has(name) ? undefined : name;
};

const dynamicStyle = (dynamic?: Array<[string, string]>) => (dynamic?.length ? ` style={{ ${dynamic.map(([p, e]) => `${p}: ${e}`).join(', ')} }}` : '');

export function createCssModuleSink({ theme, snap = 'scale' }: { theme?: Theme; snap?: Snap } = {}): StyleSink {
  /** Rule set (declarations joined) → class, and the classes in order of creation (the first is the root). */
  const byRules = new Map<string, string>();
  const rules: Array<{ name: string; role: string; decls: Array<[string, string]> }> = [];
  const taken = new Set<string>();
  /** How many elements share each rule set: a class several elements share is not named for one's text. */
  const sharing = new Map<string, number>();
  const keyOf = (decls: Array<[string, string]>) => decls.map(([p, v]) => `${p}:${v}`).join(';');

  const unique = (base: string) => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };

  return {
    style: 'css-modules',
    prepare(elements) {
      for (const { entries } of elements) {
        const key = keyOf(declarations(entries, snap, theme));
        sharing.set(key, (sharing.get(key) ?? 0) + 1);
      }
    },
    attr(entries: StyleEntries, role: string, dynamic?: Array<[string, string]>, hint?: string) {
      const decls = declarations(entries, snap, theme);
      const key = keyOf(decls);
      // The root keeps its own class: the custom properties live on it. (Sub-components are printed before the root.)
      let name = role === 'root' ? undefined : byRules.get(key);
      if (!name) {
        // The first of a role takes the role's name (`.title`); the next ones, what they show (`.searchResults`)
        // rather than a number (`.title2`).
        const base = className(role || 'box');
        const named = taken.has(base) && hint && (sharing.get(key) ?? 0) <= 1 ? hintName(hint, role || 'box') : undefined;
        name = named && !taken.has(named) ? (taken.add(named), named) : unique(base);
        rules.push({ name, role, decls });
        if (role !== 'root') byRules.set(key, name);
      }
      return ` className={styles.${name}}${dynamicStyle(dynamic)}`;
    },
    imports: (componentName: string) => [`import styles from './${styleModuleName(componentName)}';`],
    css() {
      if (!rules.length) return '';
      // Colours by how many declarations use them; those used twice or more get a custom property named after a
      // theme token when one fits, else after the first role that uses them.
      const uses = new Map<string, { count: number; role: string }>();
      for (const rule of rules) {
        for (const [, value] of rule.decls) {
          for (const color of value.match(COLOR_PATTERN) ?? []) {
            const entry = uses.get(color.toLowerCase()) ?? { count: 0, role: rule.name };
            entry.count++;
            uses.set(color.toLowerCase(), entry);
          }
        }
      }
      const variables = new Map<string, string>();
      const names = new Set<string>();
      for (const [color, { count, role }] of uses) {
        if (count < 2) continue;
        const token = cleanColor(color, theme, snap)?.token;
        let name = `--color-${token ?? role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        for (let i = 2; names.has(name); i++) name = `--color-${token ?? role}-${i}`;
        names.add(name);
        variables.set(color, name);
      }
      const rootIndex = Math.max(0, rules.findIndex((rule) => rule.role === 'root'));
      const blocks = rules.map((rule, index) => {
        const own = rule.decls.map(([p, v]) => `  ${p}: ${v.replace(COLOR_PATTERN, (c) => (variables.has(c.toLowerCase()) ? `var(${variables.get(c.toLowerCase())})` : c))};`);
        const vars = index === rootIndex ? [...variables].map(([color, name]) => `  ${name}: ${color};`) : [];
        return `.${rule.name} {\n${[...vars, ...own].join('\n')}\n}`;
      });
      return `${blocks.join('\n\n')}\n`;
    },
  };
}
