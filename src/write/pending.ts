// New versions that wait in .ui2code/pending/ because their component was edited by hand: what waits, how it differs
// from the file in the source tree, and the two ways out (accept: it replaces the file; discard: it goes away).
// A pending version is one component: its .tsx and, for the css-modules style, its .module.css, plus a small JSON of
// what the manifest records when it is accepted.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ui2CodeError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { pendingDir } from './component.js';
import { parseHeader } from './header.js';
import { manifestKey, readManifest, toPosix, updateManifestEntry, type ManifestEntry } from './manifest.js';

export interface PendingFile {
  /** The waiting version, in .ui2code/pending/. */
  pending: string;
  /** Where it goes when accepted. */
  target: string;
}

export interface PendingVersion {
  /** Component name (the pending file's base name). */
  component: string;
  /** Design path relative to the root, from the file's header. */
  design: string;
  /** The .tsx first, then its style module when there is one. */
  files: PendingFile[];
  /** What the manifest records once the version is accepted (absent for versions written before it was kept). */
  entry?: Partial<ManifestEntry> & { file: string };
  /** When the waiting version was written. */
  since: Date;
}

const STYLE_MODULE = /\.module\.css$/;
const metaFile = (root: string, component: string) => path.join(pendingDir(root), `${component}.json`);

/** Records what the manifest gets when this waiting version is accepted. */
export async function recordPendingEntry(root: string, component: string, entry: Partial<ManifestEntry> & { file: string }): Promise<void> {
  await writeFileAtomic(metaFile(root, component), `${JSON.stringify(entry, null, 2)}\n`);
}

/** Every version waiting in .ui2code/pending/, by component name. */
export async function listPending(root: string, outDir: string): Promise<PendingVersion[]> {
  const dir = pendingDir(root);
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new Ui2CodeError('WRITE', `cannot read the pending folder (${error.message})`, { file: dir, cause: error });
  });
  const manifest = await readManifest(root);
  const versions: PendingVersion[] = [];
  for (const name of names.filter((n) => n.endsWith('.tsx')).sort()) {
    const component = name.slice(0, -'.tsx'.length);
    const pending = path.join(dir, name);
    const [text, stat] = await Promise.all([fs.readFile(pending, 'utf8'), fs.stat(pending)]);
    const header = parseHeader(text);
    if (!header) continue; // not ours: nothing in this folder is written by hand, but leave strangers alone
    const entry = await fs
      .readFile(metaFile(root, component), 'utf8')
      .then((json) => JSON.parse(json) as PendingVersion['entry'])
      .catch(() => undefined);
    // The file the manifest pairs with the design, else the output folder's file of that name.
    const known = manifest?.designs[manifestKey(root, header.design)]?.file ?? entry?.file;
    const target = known ? path.resolve(root, known) : path.join(path.resolve(root, outDir), name);
    const files: PendingFile[] = [{ pending, target }];
    const css = names.find((n) => n === `${component}.module.css`);
    if (css) files.push({ pending: path.join(dir, css), target: path.join(path.dirname(target), css) });
    versions.push({ component, design: header.design, files, entry, since: stat.mtime });
  }
  return versions;
}

/** The versions a user named (a component name, a design path or file name), or all when none was named. */
export function selectPending(versions: PendingVersion[], names: string[], root: string): PendingVersion[] {
  if (names.length === 0) return versions;
  return names.map((name) => {
    const asPath = toPosix(path.relative(root, path.resolve(root, name)));
    const found = versions.find((v) => v.component.toLowerCase() === name.toLowerCase() || v.design === asPath || path.basename(v.design) === name);
    if (!found) throw new Ui2CodeError('CONFIG', `no pending version for ${name}`, { file: name });
    return found;
  });
}

/** A unified diff from the file in the source tree to the waiting version, per file. */
export async function diffPending(version: PendingVersion, root: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const parts: string[] = [];
  for (const { pending, target } of version.files) {
    const [current, next] = await Promise.all([fs.readFile(target, 'utf8').catch(() => ''), fs.readFile(pending, 'utf8')]);
    const rel = toPosix(path.relative(root, target));
    parts.push(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, current, next, 'in the source tree', 'waiting in .ui2code/pending'));
  }
  return parts.join('');
}

/** Removes a component's waiting version, if any: a newer version was written in its place. */
export async function clearPending(root: string, component: string): Promise<void> {
  const dir = pendingDir(root);
  await Promise.all([`${component}.tsx`, `${component}.module.css`, `${component}.json`].map((name) => fs.rm(path.join(dir, name), { force: true })));
}

const removeVersion = (version: PendingVersion, root: string) => clearPending(root, version.component);

/**
 * The waiting version replaces the file in the source tree (the user chose it over their edit). The style module goes
 * first so the component never imports a module that is not there yet; the pending copy goes last, so a kill midway
 * leaves it to accept again.
 */
export async function acceptPending(version: PendingVersion, root: string): Promise<void> {
  for (const { pending, target } of [...version.files].sort((a, b) => Number(STYLE_MODULE.test(b.target)) - Number(STYLE_MODULE.test(a.target)))) {
    const stat = await fs.lstat(target).catch(() => null);
    if (stat?.isSymbolicLink()) throw new Ui2CodeError('WRITE', 'refusing to write through a symbolic link', { file: target });
    await writeFileAtomic(target, await fs.readFile(pending));
  }
  const file = toPosix(path.relative(root, version.files[0].target));
  await updateManifestEntry(root, path.resolve(root, version.design), { ...version.entry, file, acceptedScore: undefined });
  await removeVersion(version, root);
}

/** The waiting version goes away; the user's file stays as it is. */
export async function discardPending(version: PendingVersion, root: string): Promise<void> {
  await removeVersion(version, root);
}
