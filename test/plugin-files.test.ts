// Which watcher events the plugin acts on: designs yes; editors', browsers' and our own temporary files never.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { isDesignFile, isTempFile } from '../plugin/files.js';

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
  for (const rel of ['.login.png.swp', 'login.png~', 'login.png.crdownload', 'login.png.part', 'login.tmp', '.DS_Store', '.ui2code-tmp-123-login.png', '#login.png#', 'a.png.download']) {
    assert.equal(isTempFile(at(rel)), true, rel);
    assert.equal(isDesignFile(at(rel), designs), false, rel);
  }
  assert.equal(isDesignFile(at('.cache/login.png'), designs), false);
  assert.equal(isTempFile(at('login.png')), false);
});
