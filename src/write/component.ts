// Where a new version of a component goes: into the source tree when the file there is ours and untouched, else into
// .ui2code/pending/ — a hand-edited or hand-written file is never overwritten (unless forced).
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { styleModuleName } from '../generate/style.js';
import { addHeader, headerDesign, parseHeader } from './header.js';
import { writeFileAtomic } from './atomic.js';
import { componentPath } from './names.js';

export type WriteStatus = 'written' | 'unchanged' | 'pending';

export interface WriteOptions {
  root: string;
  /** The output folder: when given, `file` must be a component file directly inside it (checked again here). */
  outDir?: string;
  /** The component's file (inside outDir, from componentPath). */
  file: string;
  /** Design path as recorded in the header (relative to root). */
  design: string;
  /** Formatted component source, without header. */
  code: string;
  /** The CSS module's text (css-modules style), without header: written beside the component. */
  css?: string;
  /** Overwrite a hand-edited or headerless file. */
  force?: boolean;
}

export interface WriteResult {
  status: WriteStatus;
  /** The component's file (or its pending copy). */
  file: string;
  /** The CSS module's file (or its pending copy), when the component has one. */
  css?: string;
  reason?: string;
}

export const pendingDir = (root: string) => path.join(root, '.ui2code', 'pending');

type Kind = 'ts' | 'css';

async function readExisting(file: string): Promise<string | null> {
  const stat = await fs.lstat(file).catch(() => null);
  if (stat?.isSymbolicLink()) throw new Ui2CodeError('WRITE', 'refusing to write through a symbolic link', { file });
  return fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Ui2CodeError('WRITE', `cannot read the existing component (${error.message})`, { file, cause: error });
  });
}

/** Why an existing file may not be replaced (not ours, edited by hand, another design's), or null. */
function keepReason(existing: string | null, content: string, design: string, kind: Kind): string | null {
  if (existing === null || existing === content) return null;
  const header = parseHeader(existing);
  if (!header) return 'the file was not written by ui2code';
  if (!header.intact) return 'the file was edited by hand';
  if (header.design !== headerDesign(design, kind)) return `the file belongs to another design (${header.design})`;
  return null;
}

/**
 * Writes the component, and its CSS module beside it when `css` is given (`Card.tsx` + `Card.module.css`). The two
 * are one unit: when either is edited by hand or not ours, both new files go to .ui2code/pending/. The module is
 * written first, so the component never imports a module that is not there yet.
 */
export async function writeComponent({ root, outDir, file, design, code, css, force = false }: WriteOptions): Promise<WriteResult> {
  // Re-checked at write time: a folder swapped for a symlink since the name was chosen is still refused.
  if (outDir && componentPath(outDir, path.basename(file, '.tsx')) !== path.resolve(file)) {
    throw new Ui2CodeError('WRITE', `the component would land outside ${outDir}`, { file });
  }
  const files: Array<{ file: string; content: string; kind: Kind }> = [];
  const moduleFile = path.join(path.dirname(file), styleModuleName(path.basename(file, '.tsx')));
  if (css !== undefined) files.push({ file: moduleFile, content: addHeader(css, design, 'css'), kind: 'css' });
  files.push({ file, content: addHeader(code, design), kind: 'ts' });
  const existing = await Promise.all(files.map((f) => readExisting(f.file)));
  const cssFile = css !== undefined ? files[0].file : undefined;
  // A version without a module (the style changed) still answers to the module of an earlier one: a hand edit there
  // keeps the component as it is, and an untouched module of ours would be left behind unused, so it goes.
  const staleModule = css === undefined ? await readExisting(moduleFile) : null;
  const staleHeader = staleModule === null ? null : parseHeader(staleModule);
  const staleReason = staleModule === null ? null : !staleHeader ? null : !staleHeader.intact && staleHeader.design === headerDesign(design, 'css') ? `${path.basename(moduleFile)}: the file was edited by hand` : null;
  if (files.every((f, i) => existing[i] === f.content) && !staleHeader) return { status: 'unchanged', file, css: cssFile };
  const reason = force ? null : (files.map((f, i) => keepReason(existing[i], f.content, design, f.kind)).find(Boolean) ?? staleReason);
  if (reason === staleReason && reason) {
    const pending = path.join(pendingDir(root), path.basename(file));
    await writeFileAtomic(pending, files[0].content);
    return { status: 'pending', file: pending, reason };
  }
  if (reason) {
    const pending = files.map((f) => ({ ...f, file: path.join(pendingDir(root), path.basename(f.file)) }));
    for (const f of pending) await writeFileAtomic(f.file, f.content);
    const which = files.length > 1 ? files[existing.findIndex((e, i) => keepReason(e, files[i].content, design, files[i].kind))] : undefined;
    return { status: 'pending', file: pending[pending.length - 1].file, css: css !== undefined ? pending[0].file : undefined, reason: which ? `${path.basename(which.file)}: ${reason}` : reason };
  }
  for (const [i, f] of files.entries()) if (existing[i] !== f.content) await writeFileAtomic(f.file, f.content);
  // Ours for this design and untouched (or forced): removed once the component no longer imports it.
  if (staleHeader && staleHeader.design === headerDesign(design, 'css') && (staleHeader.intact || force)) await fs.rm(moduleFile, { force: true });
  return { status: 'written', file, css: cssFile };
}
