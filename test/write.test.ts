// Writing into the source tree: names, atomic writes that survive a kill, hand edits never overwritten, Prettier config.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sweepTempFiles, TEMP_PREFIX } from '../src/write/atomic.js';
import { writeComponent } from '../src/write/component.js';
import { addHeader, bodyMatchesHeader, parseHeader } from '../src/write/header.js';
import { readManifest, updateManifestEntry } from '../src/write/manifest.js';
import { cacheKey, readCache, shared, writeCache } from '../src/write/cache.js';
import { componentName, componentPath } from '../src/write/names.js';
import { repoRoot, tempDir } from './support/paths.js';

describe('component names', () => {
  it('turns file names into PascalCase identifiers', () => {
    assert.equal(componentName('designs/login-page@2x.png'), 'LoginPage');
    assert.equal(componentName('designs/3-column grid.webp'), 'Design3ColumnGrid');
    assert.equal(componentName('designs/Café menu.png'), 'CafeMenu');
    assert.equal(componentName('designs/日本.png'), 'Design');
    assert.equal(componentName('designs/image.png'), 'ImageComponent');
    assert.equal(componentName('designs/con.png'), 'ConComponent');
    assert.equal(componentName('designs/card.png', ['CARD', 'Card2']), 'Card3');
  });

  it('refuses to write through a symlinked folder', () => {
    const dir = tempDir();
    fs.symlinkSync(tempDir(), path.join(dir, 'out'));
    assert.throws(() => componentPath(path.join(dir, 'out'), 'Card'), /symbolic link/);
  });
});

describe('safe writes', () => {
  const code = "import React from 'react';\n\nexport default function Card() {\n  return <p>v1</p>;\n}\n";

  it('writes, leaves unchanged, and updates a file it owns', async () => {
    const root = tempDir();
    const file = path.join(root, 'src/Card.tsx');
    assert.equal((await writeComponent({ root, file, design: 'designs/card.png', code })).status, 'written');
    assert.equal(parseHeader(fs.readFileSync(file, 'utf8'))?.intact, true);
    assert.equal((await writeComponent({ root, file, design: 'designs/card.png', code })).status, 'unchanged');
    assert.equal((await writeComponent({ root, file, design: 'designs/card.png', code: code.replace('v1', 'v2') })).status, 'written');
    assert.match(fs.readFileSync(file, 'utf8'), /v2/);
  });

  it('never overwrites a hand-edited or headerless file; the new version goes to pending; --force overrides', async () => {
    const root = tempDir();
    const file = path.join(root, 'src/Card.tsx');
    await writeComponent({ root, file, design: 'designs/card.png', code });
    const edited = fs.readFileSync(file, 'utf8').replace('v1', 'hand edit');
    fs.writeFileSync(file, edited);
    const result = await writeComponent({ root, file, design: 'designs/card.png', code: code.replace('v1', 'v2') });
    assert.equal(result.status, 'pending');
    assert.equal(fs.readFileSync(file, 'utf8'), edited);
    assert.equal(result.file, path.join(root, '.ui2code/pending/Card.tsx'));
    assert.match(fs.readFileSync(result.file, 'utf8'), /v2/);

    const mine = path.join(root, 'src/Mine.tsx');
    fs.writeFileSync(mine, 'export default function Mine() { return null; }\n');
    assert.equal((await writeComponent({ root, file: mine, design: 'designs/mine.png', code })).status, 'pending');
    assert.match(fs.readFileSync(mine, 'utf8'), /return null/);

    assert.equal((await writeComponent({ root, file, design: 'designs/card.png', code: code.replace('v1', 'v3'), force: true })).status, 'written');
    assert.match(fs.readFileSync(file, 'utf8'), /v3/);
  });

  it("never overwrites another design's component", async () => {
    const root = tempDir();
    const file = path.join(root, 'src/Card.tsx');
    await writeComponent({ root, file, design: 'designs/a/card.png', code });
    const result = await writeComponent({ root, file, design: 'designs/b/card.png', code: code.replace('v1', 'other') });
    assert.equal(result.status, 'pending');
    assert.match(result.reason ?? '', /another design \(designs\/a\/card\.png\)/);
    assert.match(fs.readFileSync(file, 'utf8'), /v1/);
  });

  it('a kill at any moment leaves the old file or the new one, never half of one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Big.tsx');
    const a = `// A\n${'a'.repeat(2_000_000)}\n`;
    const b = `// B\n${'b'.repeat(2_000_000)}\n`;
    fs.writeFileSync(file, a);
    const atomic = path.join(repoRoot, fs.existsSync(path.join(repoRoot, 'dist/src/write/atomic.js')) && import.meta.url.includes('/dist/') ? 'dist/src/write/atomic.js' : 'src/write/atomic.ts');
    const script = `import { writeFileAtomic } from ${JSON.stringify(atomic)};
const a = ${JSON.stringify('// A\n')} + 'a'.repeat(2_000_000) + '\\n';
const b = ${JSON.stringify('// B\n')} + 'b'.repeat(2_000_000) + '\\n';
for (let i = 0; ; i++) await writeFileAtomic(${JSON.stringify(file)}, i % 2 ? a : b);`;
    const args = atomic.endsWith('.ts') ? ['--import', 'tsx', '--input-type=module', '-e', script] : ['--input-type=module', '-e', script];
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 250)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const content = fs.readFileSync(file, 'utf8');
      assert.ok(content === a || content === b, `round ${round}: the file is whole (${content.length} chars)`);
    }
    await sweepTempFiles(dir);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX)), []);
  });
});


describe('header', () => {
  const body = "export default function A() {\n  return null;\n}\n";

  it('stamps the design and the body hash on the first line, and tells an edited body apart', () => {
    const text = addHeader(body, 'designs/v1. final/login page.png');
    assert.match(text.split('\n')[0], /^\/\/ Generated by ui2code from designs\/v1\. final\/login page\.png\. Hand edits are kept: ui2code will not overwrite this file once edited\. hash:[0-9a-f]{12}$/);
    assert.equal(parseHeader(text)?.design, 'designs/v1. final/login page.png');
    assert.equal(bodyMatchesHeader(text), true);
    assert.equal(bodyMatchesHeader(text.replace('null', 'undefined')), false);
    assert.equal(bodyMatchesHeader(text.replace(/\n/g, '\r\n')), true, 'a CRLF checkout is not an edit');
    assert.equal(parseHeader(body), null);
  });
});

describe('write guards', () => {
  it('refuses a symlinked component file and a file outside outDir', async () => {
    const root = tempDir();
    const outDir = path.join(root, 'out');
    fs.mkdirSync(outDir);
    const target = path.join(root, 'elsewhere.tsx');
    fs.writeFileSync(target, 'x');
    fs.symlinkSync(target, path.join(outDir, 'Card.tsx'));
    await assert.rejects(writeComponent({ root, outDir, file: path.join(outDir, 'Card.tsx'), design: 'd.png', code: 'x' }), /symbolic link/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'x');
    await assert.rejects(writeComponent({ root, outDir, file: path.join(root, 'Other.tsx'), design: 'd.png', code: 'x' }), /outside/);
  });

  it('sweeps temp files left in a folder and nothing else', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${TEMP_PREFIX}Card.tsx.1.abcd`), 'half');
    fs.writeFileSync(path.join(dir, 'Card.tsx'), 'whole');
    assert.equal(await sweepTempFiles(dir), 1);
    assert.deepEqual(fs.readdirSync(dir), ['Card.tsx']);
  });
});

describe('manifest and cache', () => {
  it('serialises concurrent updates: none is lost, the JSON stays whole', async () => {
    const root = tempDir();
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateManifestEntry(root, `designs/d${i}.png`, { file: `src/D${i}.tsx`, score: i / 20 })));
    await updateManifestEntry(root, 'designs/d3.png', { file: 'src/D3.tsx', acceptedScore: 0.5 });
    const manifest = await readManifest(root);
    assert.equal(Object.keys(manifest!.designs).length, 20);
    assert.deepEqual({ ...manifest!.designs['designs/d3.png'], updatedAt: undefined }, { file: 'src/D3.tsx', score: 0.15, acceptedScore: 0.5, updatedAt: undefined });
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, '.ui2code/manifest.json'), 'utf8')).version, 1);
  });

  it('keys on every part, stores results, and shares one in-flight call per key', async () => {
    const root = tempDir();
    const a = cacheKey({ image: 'h', provider: 'glm', model: 'm', promptVersion: '1', rounds: 2 });
    assert.equal(a, cacheKey({ rounds: 2, promptVersion: '1', model: 'm', provider: 'glm', image: 'h' }), 'order does not matter');
    assert.notEqual(a, cacheKey({ image: 'h', provider: 'glm', model: 'm', promptVersion: '2', rounds: 2 }));
    assert.equal(await readCache(root, a), null);
    const stored = { code: 'x', scores: [0.5], rounds: 0, usage: { promptTokens: 1, completionTokens: 2 }, cost: 0, provider: 'glm', model: 'm' };
    await writeCache(root, a, stored);
    assert.deepEqual(await readCache(root, a), stored);
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return calls;
    };
    const [x, y] = await Promise.all([shared(a, work), shared(a, work)]);
    assert.equal(calls, 1);
    assert.equal(x, y);

    // A job aborted by a newer save is never joined: its result is stale.
    const stale = new AbortController();
    const first = shared(a, work, stale.signal);
    stale.abort();
    const second = await shared(a, work);
    await first;
    assert.equal(calls, 3, 'the second caller ran its own job');
    assert.equal(second, 3);
  });
});
