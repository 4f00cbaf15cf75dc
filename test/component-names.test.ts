// The pipeline names a component once and the local engine uses that name: a/card.png and b/card.png become Card.tsx
// with `function Card` and Card2.tsx with `function Card2`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import { createSession } from '../src/session.js';
import { fixturesDir, tempDir } from './support/paths.js';

const sessions: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(sessions.map((s) => s.close())));

it('two designs with the same file name get two components whose functions carry their file names', async () => {
  const root = tempDir();
  for (const sub of ['a', 'b']) {
    fs.mkdirSync(path.join(root, 'designs', sub), { recursive: true });
    fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs', sub, 'card.png'));
  }
  const config = await loadConfig({ root, configFile: false, overrides: { provider: 'local', rounds: 0, renderWorkers: 1 } });
  const session = createSession(config, { env: {} });
  sessions.push(session);
  const first = await session.convert(path.join(root, 'designs/a/card.png'));
  const second = await session.convert(path.join(root, 'designs/b/card.png'));
  assert.deepEqual([first.status, second.status], ['written', 'written'], `${first.error} ${second.error}`);
  assert.deepEqual([first.component, second.component], ['Card', 'Card2']);
  assert.equal(path.basename(second.file), 'Card2.tsx');
  assert.match(fs.readFileSync(first.file, 'utf8'), /export default function Card\(/);
  assert.match(fs.readFileSync(second.file, 'utf8'), /export default function Card2\(/);
});
