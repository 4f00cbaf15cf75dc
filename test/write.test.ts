// Writing into the source tree: names, atomic writes that survive a kill, hand edits never overwritten, Prettier config.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatComponent } from '../src/format/format.js';
import { sweepTempFiles, TEMP_PREFIX } from '../src/write/atomic.js';
import { writeComponent } from '../src/write/component.js';
import { parseHeader } from '../src/write/header.js';
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

  it('any Unicode name gives a valid, unique identifier inside the output folder', () => {
    const outDir = tempDir();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (stem, taken) => {
        const name = componentName(`designs/${stem}.png`, taken);
        assert.match(name, /^[A-Z][A-Za-z0-9]*$/);
        assert.ok(!/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/i.test(name));
        assert.ok(!['Image', 'Map', 'Text', 'Node', 'Element', 'Event', 'Set', 'Option', 'Audio'].includes(name));
        assert.ok(!taken.some((t) => t.toLowerCase() === name.toLowerCase()));
        const file = componentPath(outDir, name);
        assert.equal(path.dirname(file), outDir);
      }),
      { numRuns: 500 },
    );
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

describe('formatting', () => {
  it("uses the project's own Prettier config", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.prettierrc'), JSON.stringify({ singleQuote: true, semi: false }));
    const out = await formatComponent('import React from "react";\nexport default function A(){return <p className="x">a</p>;}', { file: path.join(root, 'src/A.tsx') });
    assert.match(out, /import React from 'react'\n/);
    assert.ok(!/;\n/.test(out), 'no semicolons');
    const plain = await formatComponent('export default function A(){return <p>a</p>}', { file: path.join(tempDir(), 'A.tsx') });
    assert.match(plain, /return <p>a<\/p>;/);
  });
});
