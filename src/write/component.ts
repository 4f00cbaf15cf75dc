// Where a new version of a component goes: into the source tree when the file there is ours and untouched, else into
// .ui2code/pending/ — a hand-edited or hand-written file is never overwritten (unless forced).
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { addHeader, parseHeader } from './header.js';
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
  /** Overwrite a hand-edited or headerless file. */
  force?: boolean;
}

export const pendingDir = (root: string) => path.join(root, '.ui2code', 'pending');

export async function writeComponent({ root, outDir, file, design, code, force = false }: WriteOptions): Promise<{ status: WriteStatus; file: string; reason?: string }> {
  // Re-checked at write time: a folder swapped for a symlink since the name was chosen is still refused.
  if (outDir && componentPath(outDir, path.basename(file, '.tsx')) !== path.resolve(file)) {
    throw new Ui2CodeError('WRITE', `the component would land outside ${outDir}`, { file });
  }
  const stat = await fs.lstat(file).catch(() => null);
  if (stat?.isSymbolicLink()) throw new Ui2CodeError('WRITE', 'refusing to write through a symbolic link', { file });
  const content = addHeader(code, design);
  const existing = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Ui2CodeError('WRITE', `cannot read the existing component (${error.message})`, { file, cause: error });
  });
  if (existing === content) return { status: 'unchanged', file };
  if (existing !== null && !force) {
    const header = parseHeader(existing);
    const reason = !header
      ? 'the file was not written by ui2code'
      : !header.intact
        ? 'the file was edited by hand'
        : header.design !== design.replace(/[\r\n]/g, ' ')
          ? `the file belongs to another design (${header.design})`
          : null;
    if (reason) {
      const pending = path.join(pendingDir(root), path.basename(file));
      await writeFileAtomic(pending, content);
      return { status: 'pending', file: pending, reason };
    }
  }
  await writeFileAtomic(file, content);
  return { status: 'written', file };
}
