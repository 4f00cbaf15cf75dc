// esbuild turns a component into a script for the live render page. React (the project's own copy when it has one) is
// bundled once into the page runtime and components see it as a global, so each render costs a few milliseconds of bundling, not a React rebuild.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { Ui2CodeError } from '../errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const packageRoot = path.resolve(here, here.split(path.sep).includes('dist') ? '../../..' : '../..');

const REACT_MODULES = /^react(-dom)?(\/client|\/jsx-runtime|\/jsx-dev-runtime)?$/;

/** `import React from 'react'` inside a component resolves to the page's one React instance. */
const reactFromPage: Plugin = {
  name: 'ui2code-react-from-page',
  setup(build) {
    build.onResolve({ filter: REACT_MODULES }, (args) => ({ path: args.path, namespace: 'ui2code-page' }));
    build.onLoad({ filter: /.*/, namespace: 'ui2code-page' }, (args) => ({
      contents: `module.exports = window.__UI2CODE__.modules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

const IMPORT_SPECIFIERS = /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]|\brequire\s*\(|\bimport\s*\(/g;

function importsOnlyReact(source: string): boolean {
  for (const match of source.matchAll(IMPORT_SPECIFIERS)) {
    if (!match[1] || !REACT_MODULES.test(match[1])) return false;
  }
  return true;
}

/**
 * A component's own files that are not on disk (a generated CSS module before it is written), by the name it imports
 * them under: `{ 'Card.module.css': '.card { … }' }`. `*.module.css` is bundled with esbuild's local-css loader (class
 * names hashed and exported, as Vite does).
 */
const ownFiles = (files: Record<string, string>): Plugin => ({
  name: 'ui2code-own-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/[^/]+$/ }, (args) => (Object.hasOwn(files, args.path.slice(2)) ? { path: args.path.slice(2), namespace: 'ui2code-files' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'ui2code-files' }, (args) => ({
      contents: files[args.path],
      loader: args.path.endsWith('.module.css') ? 'local-css' : 'css',
    }));
  },
});

export interface BundleOptions {
  name?: string;
  resolveDir?: string;
  /** Files the component imports that are not on disk (its generated CSS module), by file name. */
  files?: Record<string, string>;
  /** Compile the component's Tailwind classes for the project at this root (its tailwindcss, CSS entry or config). */
  tailwind?: { root: string };
}

export interface ComponentBundle {
  /** An expression that evaluates to the component's module object. */
  js: string;
  css: string;
}

const runtimes = new Map<string, Promise<string>>();
const reactOf = new Map<string | undefined, ReturnType<typeof projectReact>>();

/**
 * Where the page's React comes from: the project's own `react` and `react-dom` when it has both (React 18 or later, so
 * what is measured is what the app runs), else ours. Undefined means ours.
 */
export function projectReact(root: string | undefined): { dir: string; version: string } | undefined {
  if (!root) return undefined;
  try {
    const require = createRequire(path.join(path.resolve(root), 'package.json'));
    const react = require.resolve('react/package.json');
    const dom = require.resolve('react-dom/package.json');
    require.resolve('react-dom/client');
    const version = (require(react) as { version: string }).version;
    const domVersion = (require(dom) as { version: string }).version;
    if (Number(version.split('.')[0]) < 18 || version !== domVersion) return undefined;
    const dir = path.dirname(path.dirname(react));
    // Our own copy found through the project (ui2code linked or installed inside it) is not the project's.
    return dir === path.join(packageRoot, 'node_modules') ? undefined : { dir, version };
  } catch {
    return undefined;
  }
}

/** The runtime built with our React when the package is built: the page's React when the project has none. */
export const PREBUILT_RUNTIME = path.join(here, 'page-runtime.bundle.js');

/** Bundles the page runtime with React and ReactDOM (production build) from `reactDir`, or from ours. */
export async function buildRuntime(reactDir?: string): Promise<string> {
  const esbuild = await import('esbuild');
  const fromProject: Plugin[] = reactDir
    ? [{
        name: 'ui2code-project-react',
        setup(build) {
          const require = createRequire(path.join(reactDir, 'package.json'));
          // Only the runtime's own imports are redirected; React's files then resolve their dependencies themselves.
          build.onResolve({ filter: REACT_MODULES }, (args) => (args.importer.includes('page-runtime') ? { path: require.resolve(args.path) } : undefined));
        },
      }]
    : [];
  const result = await esbuild.build({
    entryPoints: [path.join(here, `page-runtime${ext}`)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    absWorkingDir: packageRoot,
    plugins: fromProject,
  });
  return result.outputFiles[0].text;
}

/**
 * The page runtime, once per process for each React it uses: the project's (see `projectReact`), else the one built
 * with the package (react and react-dom are optional peers: a project without them still renders).
 */
export function pageRuntime(root?: string): Promise<string> {
  // Asked for on every page (one page per render): the project's React is looked up once per root.
  if (!reactOf.has(root)) reactOf.set(root, projectReact(root));
  const own = reactOf.get(root);
  const key = own?.dir ?? '';
  let runtime = runtimes.get(key);
  if (runtime) return runtime;
  runtime = own ? buildRuntime(own.dir) : readFile(PREBUILT_RUNTIME, 'utf8').catch(() => buildRuntime());
  runtime.catch(() => runtimes.delete(key));
  runtimes.set(key, runtime);
  return runtime;
}

/**
 * Bundles TSX source whose default export is a component. `resolveDir` lets a hand-written component import its
 * siblings (CSS, images, helpers); generated components import only React and their own CSS module (`files`).
 */
export async function bundleComponent(source: string, options: BundleOptions = {}): Promise<ComponentBundle> {
  const bundle = await bundleScript(source, options);
  if (!options.tailwind) return bundle;
  const { tailwindCss } = await import('./tailwind.js');
  // Tailwind's layers first: a CSS module's rules (or the project's) come after and win, as in the app.
  return { js: bundle.js, css: `${await tailwindCss(source, { root: options.tailwind.root, name: options.name })}\n${bundle.css}` };
}

async function bundleScript(source: string, options: BundleOptions): Promise<ComponentBundle> {
  const esbuild = await import('esbuild');
  const name = options.name ?? 'component.tsx';
  try {
    // Fast path: a file that imports nothing but React (every generated component) needs a transform, not a bundle.
    if (importsOnlyReact(source)) {
      const { code } = await esbuild.transform(source, {
        loader: 'tsx',
        format: 'cjs',
        target: 'es2022',
        jsx: 'automatic',
        sourcefile: path.basename(name),
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      const js = `(() => { const module = { exports: {} }; const exports = module.exports;
const require = (id) => { const m = window.__UI2CODE__.modules[id]; if (!m) throw new Error('cannot import ' + id); return m; };
${code}
return module.exports; })()`;
      return { js, css: '' };
    }
    const result = await esbuild.build({
      stdin: { contents: source, loader: 'tsx', sourcefile: path.basename(name), resolveDir: options.resolveDir ?? packageRoot },
      bundle: true,
      write: false,
      outdir: '/ui2code-out',
      format: 'iife',
      globalName: '__ui2code_module',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.png': 'dataurl', '.jpg': 'dataurl', '.jpeg': 'dataurl', '.gif': 'dataurl', '.svg': 'dataurl', '.webp': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
      plugins: [reactFromPage, ...(options.files ? [ownFiles(options.files)] : [])],
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
    return { js: `(() => { ${js}\nreturn __ui2code_module; })()`, css };
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { line: number } | null }> }).errors;
    const detail = errors?.length
      ? errors.slice(0, 3).map((e) => (e.location ? `line ${e.location.line}: ${e.text}` : e.text)).join('; ')
      : (error as Error).message;
    throw new Ui2CodeError('RENDER_ERROR', `cannot bundle the component (${detail})`, { file: options.name, cause: error });
  }
}
