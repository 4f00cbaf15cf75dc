// A kill at any moment leaves the old file or the new one, never half of one: write a temp file in the same folder,
// fsync it, rename it over the target, fsync the folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const TEMP_PREFIX = '.ui2code-tmp-';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
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
