// A key that lives only in the project's .env chooses its provider, as one in the environment does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import { tempDir } from './support/paths.js';

it('picks the provider from a key in .env when none is configured', async () => {
  const root = tempDir();
  assert.equal((await loadConfig({ root, configFile: false, env: {} })).provider, 'local');
  fs.writeFileSync(path.join(root, '.env'), 'ZHIPUAI_API_KEY=abc\n');
  assert.equal((await loadConfig({ root, configFile: false, env: {} })).provider, 'glm');
  assert.equal((await loadConfig({ root, configFile: false, env: {}, overrides: { provider: 'local' } })).provider, 'local');
});
