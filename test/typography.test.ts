// The typography term on known lines: family class, weight and size each count a third of a line, lines weigh by their
// characters, lines the render lacks are left to text recall, and the misses read as a model can act on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familyClass, typographyOf } from '../src/compare/typography.js';
import { better } from '../src/refine/refine.js';
import { refinePrompt } from '../src/generate/prompt.js';
import type { Scores, TextBox } from '../src/types.js';

const line = (text: string, y: number, fontFamily: string, fontWeight: number, fontSize: number) => ({ text, x: 10, y, width: 100, height: 20, fontSize, fontWeight, fontFamily, color: '#000000' });
const box = (text: string, y: number, fontFamily: string, fontWeight: number, fontSize: number) => ({ text, x: 10, y, width: 100, height: 20, fontFamily, fontWeight, fontSize, color: [0, 0, 0] }) as unknown as TextBox;

describe('typography term', () => {
  it('classes families as the browser would use them', () => {
    assert.equal(familyClass("'Times New Roman', Times, serif"), 'serif');
    assert.equal(familyClass('Tinos'), 'serif');
    assert.equal(familyClass('"Courier New", monospace'), 'mono');
    assert.equal(familyClass('Arial, Helvetica, sans-serif'), 'sans');
    assert.equal(familyClass('Arimo'), 'sans');
  });

  it('scores each line by family class, weight and size, weighted by characters', () => {
    const design = [line('Pricing plans', 0, 'Arimo', 700, 24), line('per month', 40, 'Arimo', 400, 12)];
    const right = [box('Pricing plans', 0, 'Arial, sans-serif', 700, 24.4), box('per month', 40, 'Helvetica', 400, 12)];
    assert.equal(typographyOf(design, right)?.typography, 1);
    const wrong = [box('Pricing plans', 0, 'Times New Roman', 400, 24), box('per month', 40, 'Arial', 400, 12)];
    const t = typographyOf(design, wrong)!;
    // "Pricingplans" (12 characters) gets a third of its due; "permonth" (8) all of it.
    assert.ok(Math.abs(t.typography - (12 / 3 + 8) / 20) < 1e-9, String(t.typography));
    assert.deepEqual(t.misses, ['"Pricing plans": sans-serif 700 24px in the design, rendered serif 400 24px']);
  });

  it('leaves missing lines to text recall and says nothing without fitted fonts', () => {
    const design = [line('Pricing', 0, 'Arimo', 700, 24), line('Missing line', 40, 'Arimo', 400, 12)];
    assert.equal(typographyOf(design, [box('Pricing', 0, 'Arial', 700, 24)])?.typography, 1);
    assert.equal(typographyOf([{ text: 'Pricing', x: 0, y: 0, width: 10, height: 10, fontSize: 20, color: '#000' }], []), undefined);
  });

  it('refinement keeps the better-set candidate when the scores tie, and tells the model what is off', () => {
    const scores = (score: number, typography?: number) => ({ score, typography }) as Scores;
    assert.equal(better(scores(0.951, 0.9), scores(0.952, 0.6)), true, 'a hair lower but better set');
    assert.equal(better(scores(0.94, 1), scores(0.952, 0.6)), false, 'pixels still come first');
    assert.equal(better(scores(0.953), scores(0.952)), true);
    const prompt = refinePrompt({ code: 'x', scores: { mismatch: 0.01, fgMismatch: 0.02, score: 0.9, width: 10, height: 10, renderedWidth: 10, renderedHeight: 10, typography: 0.5 }, round: 1, hasDiff: false, typography: ['"Pricing": sans-serif 700 24px in the design, rendered serif 400 24px'] });
    assert.match(prompt, /typography 0\.500/);
    assert.match(prompt, /- "Pricing": sans-serif 700 24px in the design, rendered serif 400 24px/);
  });
});

describe('typography through convert and check', () => {
  it('convert --json reports it, the manifest records it, the check report shows it while the component is unedited', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { fixturesDir, tempDir } = await import('./support/paths.js');
    const { runCli } = await import('./support/cli.js');
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'designs'));
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
    const cli = (...args: string[]) => runCli(root, args);
    const converted = JSON.parse((await cli('convert', 'designs/card.png', '--provider', 'local', '--json')).stdout);
    const typography = converted.results[0].terms.typography;
    assert.equal(typeof typography, 'number');
    assert.ok(typography >= 0.6, `typography ${typography}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, '.ui2code/manifest.json'), 'utf8'));
    assert.equal(manifest.designs['designs/card.png'].typography, typography);
    const reported = async () => {
      await cli('check', '--report', 'report');
      return JSON.parse(fs.readFileSync(path.join(root, 'report/report.json'), 'utf8')).results[0].scores?.typography;
    };
    assert.equal(await reported(), typography);
    // Edited by hand, the component is no longer what was measured: the report does not show the old term.
    const file = path.join(root, 'src/components/generated/Card.tsx');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('export default', '// tuned by hand\nexport default'));
    assert.equal(await reported(), undefined);
  });
});
