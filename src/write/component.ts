// Where a new version of a component goes: into the source tree when the file there is ours and untouched, else into
// .ui2code/pending/ — a hand-edited or hand-written file is never overwritten (unless forced).
import fs from 'node:fs/promises';
import path from 'node:path';
import { addHeader, parseHeader } from './header.js';
import { writeFileAtomic } from './atomic.js';

export type WriteStatus = 'written' | 'unchanged' | 'pending';

export interface WriteOptions {
  root: string;
  /** The component's file (inside outDir, from componentPath). */
  file: string;
  /** Design path as recorded in the header (relative to root). */
  design: string;
  /** Formatted component source, without header. */
  code: string;
  force?: boolean;
}

export const pendingDir = (root: string) => path.join(root, '.ui2code', 'pending');

export async function writeComponent({ root, file, design, code, force = false }: WriteOptions): Promise<{ status: WriteStatus; file: string; reason?: string }> {
  const content = addHeader(code, design);
  const existing = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing === content) return { status: 'unchanged', file };
  if (existing !== null && !force) {
    const header = parseHeader(existing);
    const reason = !header ? 'the file was not written by ui2code' : !header.intact ? 'the file was edited by hand' : null;
    if (reason) {
      const pending = path.join(pendingDir(root), path.basename(file));
      await writeFileAtomic(pending, content);
      return { status: 'pending', file: pending, reason };
    }
  }
  await writeFileAtomic(file, content);
  return { status: 'written', file };
}
