// Which files are designs (src/designs.ts): the one rule of convert, watch, the plugin and the check.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { groupDesigns, isDesignFile, isTempFile, listDesigns } from '../src/designs.js';
import { tempDir } from './support/paths.js';

const designs = path.resolve('/project/designs');
const at = (rel: string) => path.join(designs, rel);

test('designs are images inside the designs folder', () => {
  for (const rel of ['login.png', 'Login.PNG', 'nested/card@2x.jpg', 'hero.jpeg', 'x.webp']) assert.equal(isDesignFile(at(rel), designs), true, rel);
  for (const rel of ['notes.txt', 'login.png.svg', 'Login.tsx']) assert.equal(isDesignFile(at(rel), designs), false, rel);
  assert.equal(isDesignFile(path.resolve('/project/other/login.png'), designs), false);
  assert.equal(isDesignFile(path.resolve('/project/designs-old/login.png'), designs), false);
  assert.equal(isDesignFile(designs, designs), false);
});

test('temporary and hidden files are ignored', () => {
  for (const rel of ['.login.png.swp', 'login.png~', '~login.png', 'login.png.swo', 'login.png.partial', 'login.png.crdownload', 'login.png.part', 'login.tmp', '.DS_Store', '.ui2code-tmp-123-login.png', '#login.png#', 'a.png.download']) {
    assert.equal(isTempFile(at(rel)), true, rel);
    assert.equal(isDesignFile(at(rel), designs), false, rel);
  }
  assert.equal(isDesignFile(at('.cache/login.png'), designs), false);
  assert.equal(isTempFile(at('login.png')), false);
});

test('listDesigns finds the designs under a folder, sorted, skipping temp files, hidden folders and node_modules', async () => {
  const root = tempDir();
  const files = ['b.png', 'a.JPG', 'nested/c@2x.webp', 'notes.txt', '.hidden/d.png', 'node_modules/x/e.png', 'f.png.crdownload', '~g.png', 'h.png~'];
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), 'x');
  }
  assert.deepEqual(await listDesigns(root), ['a.JPG', 'b.png', 'nested/c@2x.webp'].map((rel) => path.join(root, rel)));
  assert.deepEqual(await listDesigns(path.join(root, 'missing')), []);
});

test('groupDesigns gives one group per image without viewport suffixes, a scale suffix included', () => {
  const paths = ['/d/login.png', '/d/login@2x.png', '/d/login@1.5x.png', '/d/card.png'];
  const groups = groupDesigns(paths).map(({ design, files }) => ({ design, files }));
  assert.deepEqual(groups.sort((a, b) => a.design.localeCompare(b.design)), [...paths].sort().map((design) => ({ design, files: [design] })));
});
