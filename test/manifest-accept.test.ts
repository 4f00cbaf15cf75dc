// A regenerated component is judged by its new score: an acceptance recorded for the old one does not carry over.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import type { Provider } from '../src/generate/provider.js';
import { convertDesign } from '../src/pipeline.js';
import { readManifest, updateManifestEntry } from '../src/write/manifest.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const renderer = testRenderer();
const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const provider: Provider = {
  name: 'openai',
  model: 'scripted',
  cost: () => 0,
  async generate() {
    return { code: card, raw: card, usage: { promptTokens: 1, completionTokens: 1 }, provider: 'openai', model: 'scripted' };
  },
};

it('a fresh generation clears the accepted score', async () => {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
  const design = path.join(root, 'designs/card.png');
  const first = await convertDesign(design, { config, renderer, provider, cache: false });
  assert.equal(first.status, 'written');
  await updateManifestEntry(root, design, { file: 'src/components/generated/Card.tsx', acceptedScore: 0.42 });
  assert.equal((await readManifest(root))?.designs['designs/card.png'].acceptedScore, 0.42);
  await convertDesign(design, { config, renderer, provider, cache: false, force: true });
  const entry = (await readManifest(root))?.designs['designs/card.png'];
  assert.equal(entry?.acceptedScore, undefined);
  assert.equal(entry?.score, 1);
});
