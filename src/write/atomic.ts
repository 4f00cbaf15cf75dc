// A kill at any moment leaves the old file or the new one, never half of one: write a temp file in the same folder,
// fsync it, rename it over the target, fsync the folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ui2CodeError } from '../errors.js';

export const TEMP_PREFIX = '.ui2code-tmp-';

/**
 * `mkdir -p` that gives up: Node's own recursive mkdir loops forever where a file system refuses new folders with
 * ENOENT (/proc, /sys), so the folders are made one level at a time and a refusal is an error naming the folder.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await fs.stat(dir).then((s) => s.isDirectory(), () => false))) return;
    const parent = path.dirname(dir);
    if (code === 'ENOENT' && parent !== dir && !(await fs.stat(parent).then(() => true, () => false))) {
      await ensureDir(parent);
      return ensureDir(dir);
    }
    throw new Ui2CodeError('WRITE', `cannot create the folder (${code ?? (error as Error).message}${code === 'ENOENT' ? ': this file system does not accept new folders' : ''})`, { file: dir, cause: error });
  }
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await ensureDir(dir);
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await fs.open(dir, 'r').catch(() => null);
  await dirHandle?.sync().catch(() => {});
  await dirHandle?.close();
}

/** Removes temp files a killed run left behind. */
export async function sweepTempFiles(dir: string): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(TEMP_PREFIX));
  await Promise.all(stale.map((n) => fs.rm(path.join(dir, n), { force: true })));
  return stale.length;
}
