// The local engine on a web page it was never tuned on (fixtures/pages, the bench's `pages` set): the page is rendered
// to PNG, converted as `convert` does, and the answer is held to a floor the engine meets with room to spare (on
// 2026-12-02: mismatch 0.015, fgMismatch 0.026, recall 1.00). An engine that loses the table's rows, its texts or its
// layout falls through it. Real OCR, real Chromium, nothing mocked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { scoreComponent } from '../src/compare/score-component.js';
import { CONFIG_DEFAULTS } from '../src/config/defaults.js';
import { closeLocalEngine, createLocalProvider } from '../src/generate/local/index.js';
import { readDesign } from '../src/intake/decode.js';
import { encodePng } from '../src/intake/png.js';
import { refine } from '../src/refine/refine.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
after(() => closeLocalEngine());

const words = (texts: Array<{ text: string }>): string[] => texts.map((t) => t.text).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('local engine: an unseen page', () => {
  it('converts the invoices table page within the floor: mismatch ≤ 0.05, fgMismatch ≤ 0.15, text recall ≥ 0.9', async () => {
    const dir = tempDir();
    try {
      const shot = await renderer.render(fs.readFileSync(path.join(fixturesDir, 'pages', 'table.tsx'), 'utf8'), { width: 1280, height: 840, deviceScaleFactor: 1 });
      const file = path.join(dir, 'table.png');
      fs.writeFileSync(file, encodePng(shot.image));
      const design = await readDesign(file);
      const { best } = await refine({ design, provider: createLocalProvider(), renderer, file: path.join(os.tmpdir(), 'Table.tsx'), rounds: CONFIG_DEFAULTS.rounds, target: CONFIG_DEFAULTS.target });
      const { scores, render } = await scoreComponent(renderer, design, best.code);
      // Recall against the DOM's words, with repeats: every invoice number, customer, status and amount counts.
      const pool = new Map<string, number>();
      for (const w of words(render.texts)) pool.set(w, (pool.get(w) ?? 0) + 1);
      const truth = words(shot.texts);
      const found = truth.filter((w) => (pool.get(w) ?? 0) > 0 && pool.set(w, pool.get(w)! - 1)).length;
      const recall = found / truth.length;
      assert.ok(scores.mismatch <= 0.05, `mismatch ${scores.mismatch}`);
      assert.ok(scores.fgMismatch <= 0.15, `fgMismatch ${scores.fgMismatch}`);
      assert.ok(recall >= 0.9, `recall ${recall.toFixed(3)}; missing ${truth.filter((w) => !words(render.texts).includes(w)).join(', ')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
