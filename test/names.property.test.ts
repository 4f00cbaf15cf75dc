// The name sanitizer, for any input a user's file system can hold: a valid identifier that shadows no global, is no
// Windows device name, is unique case-insensitively, and whose file stays directly inside the output folder.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { componentName, componentPath } from '../src/write/names.js';
import { tempDir } from './support/paths.js';

// Names that must never come out: every capitalised global of this runtime plus a sample of the browser's.
const globals = Object.getOwnPropertyNames(globalThis).filter((n) => /^[A-Z]/.test(n));
const forbidden = new Set([...globals, 'Image', 'Text', 'Node', 'Element', 'Option', 'Audio', 'Document', 'Window', 'Location', 'History', 'Navigator', 'Screen', 'Selection', 'Comment', 'Attr', 'Storage', 'Worker', 'React', 'Fragment']);
const windowsReserved = /^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/i;

/** File names close to the dangerous ones, plus anything at all. */
const stems = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...forbidden).chain((g) => fc.constantFrom(g, g.toLowerCase(), g.toUpperCase(), `${g.toLowerCase()}@2x`)),
  fc.constantFrom('con', 'PRN', 'aux', 'nul', 'com1', 'LPT9', '..', '../../etc/passwd', '.', '', '0', '123abc', '__proto__', 'constructor'),
);

describe('componentName property', () => {
  it('any Unicode file name gives a valid identifier, no global, no device name, unique, inside outDir', () => {
    const outDir = tempDir();
    fc.assert(
      fc.property(stems, fc.constantFrom('.png', '.jpg', '.webp', ''), fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }), (stem, ext, taken) => {
        const name = componentName(`designs/${stem}${ext}`, taken);
        assert.match(name, /^[A-Z][A-Za-z0-9]*$/, `valid PascalCase ASCII identifier: ${JSON.stringify(name)}`);
        assert.ok(!forbidden.has(name), `${name} shadows a global`);
        assert.ok(!windowsReserved.test(name), `${name} is a Windows device name`);
        assert.ok(!taken.some((t) => t.toLowerCase() === name.toLowerCase()), `${name} is taken`);
        const file = componentPath(outDir, name);
        assert.equal(path.dirname(file), outDir);
        assert.equal(path.basename(file), `${name}.tsx`);
      }),
      { numRuns: 2000 },
    );
  });

  it('a numbered duplicate never becomes a device name', () => {
    assert.equal(componentName('designs/com.png', ['Com']), 'Com10');
    assert.equal(componentName('designs/LPT.png', ['LPT']), 'LPT10');
  });

  it('is stable: the same file name gives the same name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (stem) => componentName(`${stem}.png`) === componentName(`${stem}.png`)));
  });
});
