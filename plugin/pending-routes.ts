// The status page's actions on one design's files: its code, and the version waiting in .ui2code/pending/ (its diff,
// Accept, Discard). Paths come from the design's status, never from the request, so nothing outside the project is read.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../src/errors.js';
import { acceptPending, diffPending, discardPending, listPending, type PendingVersion } from '../src/write/pending.js';

export interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
}

export interface DesignFiles {
  root: string;
  outDir: string;
  /** Whether this path (relative to the root) is a design ui2code knows. */
  isDesign(design: string): boolean;
  /** The design's component file (relative to the root), as its status knows it; undefined for an unknown design. */
  fileOf(design: string): string | undefined;
  /** After Accept or Discard: the design's component is now `file` (relative to the root). */
  settled(design: string, outcome: { file: string; accepted: boolean }): void;
}

const text = (status: number, body: string): Reply => ({ status, type: 'text/plain; charset=utf-8', body });

async function waiting(files: DesignFiles, design: string): Promise<PendingVersion> {
  const version = (await listPending(files.root, files.outDir)).find((v) => v.design === design);
  if (!version) throw new Ui2CodeError('CONFIG', 'no new version is waiting for this design', { file: design });
  return version;
}

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** Handles `design`, `code`, `pending/diff`, `pending/accept`, `pending/discard` (sub-paths of the status page); null for others. */
export async function designRoute(sub: string, design: string, method: string, files: DesignFiles): Promise<Reply | null> {
  if (sub === 'design') {
    if (!files.isDesign(design)) return text(404, `unknown design ${design}`);
    return { status: 200, type: IMAGE_TYPES[path.extname(design).toLowerCase()] ?? 'application/octet-stream', body: await fs.readFile(path.resolve(files.root, design)) };
  }
  const file = files.fileOf(design);
  const known = file !== undefined;
  if (sub === 'code') {
    if (!known) return text(404, `unknown design ${design}`);
    return { status: 200, type: 'text/plain; charset=utf-8', body: await fs.readFile(path.resolve(files.root, file), 'utf8') };
  }
  if (!sub.startsWith('pending/')) return null;
  if (!known) return text(404, `unknown design ${design}`);
  const action = sub.slice('pending/'.length);
  if (action === 'diff') return text(200, await diffPending(await waiting(files, design), files.root));
  if (action !== 'accept' && action !== 'discard') return text(404, 'not found');
  if (method !== 'POST') return text(405, 'POST only');
  const version = await waiting(files, design);
  if (action === 'accept') await acceptPending(version, files.root);
  else await discardPending(version, files.root);
  const target = path.relative(files.root, version.files[0].target).split(path.sep).join('/');
  files.settled(design, { file: target, accepted: action === 'accept' });
  return { status: 200, type: 'application/json', body: JSON.stringify({ [action === 'accept' ? 'accepted' : 'discarded']: design, file: target }) };
}
