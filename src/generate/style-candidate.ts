// A candidate in its output style, made safe and tidy before it is rendered or written: the TSX through the AST policy
// (which lets it import its own CSS module), Tailwind's arbitrary values and the CSS module through the CSS policy,
// both through Prettier with the project's config.
import path from 'node:path';
import { formatComponent } from '../format/format.js';
import { Ui2CodeError } from '../errors.js';
import { assertCssPolicy, assertTailwindClasses } from '../validate/css.js';
import { assertPolicy } from '../validate/policy.js';
import { styleModuleName, type ComponentSource, type OutputStyle } from './style.js';

export interface StyleContext {
  style: OutputStyle;
  /** The component's name: its module is `./<name>.module.css`. */
  name: string;
  /** Project root, for compiling Tailwind classes in the renderer. */
  root: string;
}

/** Models sometimes name the module after the design or `styles.module.css`: the import is pointed at the real one. */
export const pointAtOwnModule = (code: string, name: string) =>
  code.replace(/(from\s+|import\s+)(['"])\.\/[\w.-]+\.module\.css\2/g, (_, lead: string, quote: string) => `${lead}${quote}./${styleModuleName(name)}${quote}`);

async function formatCss(css: string, file: string): Promise<string> {
  const prettier = await import('prettier');
  const config = await prettier.resolveConfig(file, { editorconfig: true }).catch(() => null);
  try {
    return await prettier.format(css, { ...config, filepath: file, parser: 'css', plugins: [] });
  } catch (error) {
    throw new Ui2CodeError('FORMAT', `Prettier cannot format the CSS module (${(error as Error).message.split('\n')[0]})`, { file, cause: error });
  }
}

/** Validate, format, validate again, for the TSX and its CSS module; the formatted text is what is rendered and written. */
export async function prepareStyled(source: ComponentSource, { file, designPath, context }: { file: string; designPath: string; context?: StyleContext }): Promise<ComponentSource> {
  const css = context?.style === 'css-modules' ? source.css : undefined;
  const code = context && css !== undefined ? pointAtOwnModule(source.code, context.name) : source.code;
  // Without its module the component may not import one: a module that is not there would fail in the app.
  const policy = css !== undefined && context ? { styleModule: styleModuleName(context.name) } : {};
  assertPolicy(code, designPath, policy);
  if (context?.style === 'tailwind') assertTailwindClasses(code, designPath);
  const formatted = await formatComponent(code, { file });
  assertPolicy(formatted, designPath, policy);
  if (css === undefined) return { code: formatted };
  const cssFile = path.join(path.dirname(file), styleModuleName(context!.name));
  await assertCssPolicy(css, cssFile);
  const tidy = await formatCss(css, cssFile);
  await assertCssPolicy(tidy, cssFile);
  return { code: formatted, css: tidy };
}

/** What the renderer needs beside the TSX: the module by file name, or Tailwind compilation for the project. */
export function renderStyles(source: ComponentSource, context?: StyleContext): { files?: Record<string, string>; tailwind?: { root: string } } {
  if (!context) return {};
  if (source.css !== undefined) return { files: { [styleModuleName(context.name)]: source.css } };
  if (context.style === 'tailwind') return { tailwind: { root: context.root } };
  return {};
}

/**
 * Whether a component read from disk (check, compare) is rendered with Tailwind compiled: when the project's style is
 * tailwind (configured, or `auto` with tailwindcss among its dependencies) and the component has class names. A CSS
 * module it imports is bundled from beside it either way.
 */
export async function tailwindFor(source: string, { root, style }: { root: string; style?: OutputStyle }): Promise<{ root: string } | undefined> {
  if (!/className\s*=/.test(source)) return undefined;
  const { resolveStyle } = await import('./theme.js');
  return (style ?? resolveStyle(root, 'auto')) === 'tailwind' ? { root } : undefined;
}
