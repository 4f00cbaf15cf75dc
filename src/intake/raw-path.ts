// File names that are not valid UTF-8 (a Latin-1 "café.png" from an old archive or a Windows share) reach Node as
// strings with U+FFFD in place of the bad bytes, and that string names no file. The folder's own byte names find it.
import fs from 'node:fs/promises';
import path from 'node:path';

/** The path to open for `file`: itself when it exists, else the one entry of its folder whose lossy name it is. */
export async function rawPath(file: string): Promise<string | Buffer> {
  if (!file.includes('\uFFFD') || (await fs.stat(file).then(() => true, () => false))) return file;
  const dir = path.dirname(file);
  const names = await fs.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  const matches = names.filter((name) => name.toString('utf8') === path.basename(file));
  return matches.length === 1 ? Buffer.concat([Buffer.from(dir.endsWith(path.sep) ? dir : dir + path.sep), matches[0]]) : file;
}
