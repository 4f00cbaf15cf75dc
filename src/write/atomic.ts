// A kill at any moment leaves the old file or the new one, never half of one: write a temp file in the same folder,
// fsync it, rename it over the target, fsync the folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ui2CodeError } from '../errors.js';

export const TEMP_PREFIX = '.ui2code-tmp-';

/**
 * mkdir -p one level at a time. Node's own `recursive: true` never returns on a file system that answers ENOENT for a
 * folder whose parent exists (/proc, /sys): it retries the parent forever. Here each level is tried once.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await fs.stat(dir)).isDirectory()) return;
      throw error;
    }
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await ensureDir(parent);
  }
  await fs.mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST' || !(await fs.stat(dir)).isDirectory()) throw error;
  });
}

/** ensureDir, failing as a WRITE error that names the file about to be written (or the folder). */
export async function prepareDir(dir: string, file = dir): Promise<void> {
  await ensureDir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Ui2CodeError('WRITE', `cannot create the folder ${dir} (${error.code ?? error.message}): choose a folder on a writable file system`, { file, cause: error });
  });
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await prepareDir(dir, file);
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
