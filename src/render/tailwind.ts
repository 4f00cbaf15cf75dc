// Tailwind in the renderer: the component's classes compiled by the real tailwindcss (the project's own v4 when it
// has one, else ours) against the project's own CSS entry or v3 config, so the render shows what the app shows.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ui2CodeError } from '../errors.js';
import { loadProjectModule, ownTailwindDir, tailwindSetup } from '../generate/theme.js';

type Compiler = { build(candidates: string[]): string };

const compilers = new Map<string, Promise<Compiler>>();

/** What Tailwind may see as a class: every whitespace-separated word of every string literal, and of the bare source. */
export function classCandidates(source: string): string[] {
  const words = new Set<string>();
  for (const match of source.matchAll(/"([^"\n]*)"|'([^'\n]*)'|`([^`]*)`/g)) {
    for (const word of (match[1] ?? match[2] ?? match[3] ?? '').split(/\s+/)) if (word) words.add(word);
  }
  for (const word of source.split(/[\s"'`{}]+/)) if (word) words.add(word);
  return [...words];
}

/** The stylesheet compiled: the project's entry (v4), `@config` for its v3 config, or plain `@import "tailwindcss"`. */
function input(root: string): { css: string; base: string; packageDir: string; key: string } {
  const setup = tailwindSetup(root);
  const packageDir = setup.version !== undefined && setup.version >= 4 && setup.packageDir ? setup.packageDir : ownTailwindDir();
  if (setup.cssEntry) {
    const mtime = fs.statSync(setup.cssEntry).mtimeMs;
    return { css: fs.readFileSync(setup.cssEntry, 'utf8'), base: path.dirname(setup.cssEntry), packageDir, key: `${setup.cssEntry}@${mtime}` };
  }
  if (setup.configFile) {
    const mtime = fs.statSync(setup.configFile).mtimeMs;
    return { css: `@import "tailwindcss";\n@config ${JSON.stringify(setup.configFile)};\n`, base: root, packageDir, key: `${setup.configFile}@${mtime}` };
  }
  return { css: '@import "tailwindcss";\n', base: root, packageDir, key: `${root}@defaults` };
}

function resolveFrom(base: string, id: string, packageDir: string): string {
  if (id === 'tailwindcss') return path.join(packageDir, 'index.css');
  if (id.startsWith('tailwindcss/')) {
    const file = path.join(packageDir, id.slice('tailwindcss/'.length));
    return fs.existsSync(file) ? file : `${file}.css`;
  }
  if (id.startsWith('.') || path.isAbsolute(id)) return path.resolve(base, id);
  return createRequire(path.join(base, 'noop.js')).resolve(id);
}

async function makeCompiler(root: string, source: ReturnType<typeof input>): Promise<Compiler> {
  const { packageDir } = source;
  const lib = path.join(packageDir, 'dist', 'lib.mjs');
  const { compile } = (await import(fs.existsSync(lib) ? pathToFileURL(lib).href : 'tailwindcss')) as typeof import('tailwindcss');
  return compile(source.css, {
    base: source.base,
    loadStylesheet: async (id, base) => {
      const file = resolveFrom(base, id, packageDir);
      return { path: file, base: path.dirname(file), content: await fs.promises.readFile(file, 'utf8') };
    },
    loadModule: async (id, base) => {
      const file = resolveFrom(base, id, packageDir);
      return { path: file, base: path.dirname(file), module: (await loadProjectModule(file)) as never };
    },
  });
}

/** CSS for the classes `source` uses, compiled for the project at `root`. The compiler is kept per entry version. */
export async function tailwindCss(source: string, { root, name }: { root: string; name?: string }): Promise<string> {
  let compiler: Promise<Compiler> | undefined;
  let key = '';
  try {
    const from = input(path.resolve(root));
    key = from.key;
    compiler = compilers.get(key);
    if (!compiler) {
      compiler = makeCompiler(root, from);
      compilers.set(key, compiler);
    }
    return (await compiler).build(classCandidates(source));
  } catch (error) {
    compilers.delete(key);
    throw new Ui2CodeError('RENDER_ERROR', `cannot compile the Tailwind classes (${(error as Error).message.split('\n')[0]})`, { file: name, cause: error });
  }
}
