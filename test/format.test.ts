// Formatting: the project's own Prettier config wins, defaults otherwise, and broken code is a typed FORMAT error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isUi2CodeError } from '../src/errors.js';
import { formatComponent } from '../src/format/format.js';
import { tempDir } from './support/paths.js';

describe('formatComponent', () => {
  it("honours the project's .prettierrc (singleQuote, no semicolons)", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.prettierrc'), JSON.stringify({ singleQuote: true, semi: false }));
    fs.mkdirSync(path.join(root, 'src'));
    const out = await formatComponent('import React from "react";\nexport default function A(){return <p className="x">a</p>;}', { file: path.join(root, 'src/A.tsx') });
    assert.match(out, /import React from 'react'\n/);
    assert.ok(!/;\n/.test(out), 'no semicolons');
  });

  it('uses Prettier defaults without a config', async () => {
    const plain = await formatComponent("export default function A(){return <p className='x'>a</p>}", { file: path.join(tempDir(), 'A.tsx') });
    assert.equal(plain, 'export default function A() {\n  return <p className="x">a</p>;\n}\n');
  });

  it('honours .editorconfig indentation', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.editorconfig'), 'root = true\n[*]\nindent_style = space\nindent_size = 4\n');
    const out = await formatComponent('export default function A(){return <p>a</p>}', { file: path.join(root, 'A.tsx') });
    assert.match(out, /\n {4}return <p>a<\/p>;/);
  });

  it("still formats with the project's options when one of its Prettier plugins cannot be loaded", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.prettierrc'), JSON.stringify({ singleQuote: true, plugins: ['prettier-plugin-that-is-not-installed'] }));
    const out = await formatComponent('import React from "react";\nexport default function A(){return <p>a</p>}', { file: path.join(root, 'A.tsx') });
    assert.match(out, /import React from 'react';\n/);
  });

  it('turns a syntax error into a FORMAT error naming the file', async () => {
    const file = path.join(tempDir(), 'Broken.tsx');
    await assert.rejects(formatComponent('export default function A( { return <p>a</p> }', { file }), (error: unknown) => {
      assert.ok(isUi2CodeError(error, 'FORMAT'));
      assert.ok(error.message.includes(file));
      return true;
    });
  });
});
