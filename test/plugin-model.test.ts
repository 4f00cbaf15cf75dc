// The plugin against a failing model server (the mock on 127.0.0.1 speaking the OpenAI-compatible wire format): the
// provider's error becomes the design's failed state with its reason, logged, and the dev server keeps serving.
// (The newest-save-wins abort is in plugin-abort.test.ts.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startMockModel } from './support/mock-model.js';
import { makeProject, sampleDesign, startDev, until } from './support/playground.js';

test('a provider error becomes the design’s failed state with its code and reason, logged; the server keeps serving', async () => {
  const mock = await startMockModel(() => ({ status: 401, json: { error: { code: '1000', message: 'invalid api key' } } }));
  const root = makeProject();
  const dev = await startDev(root, { provider: 'openai', baseUrl: mock.baseUrl, model: 'mock-model', rounds: 0 });
  try {
    fs.copyFileSync(sampleDesign('profile'), path.join(root, 'designs/profile.png'));
    const status = await until('the failure', () => dev.api.statuses().find((s) => s.design === 'designs/profile.png' && s.state === 'failed'), 60_000);
    assert.equal(status.errorCode, 'PROVIDER');
    assert.match(status.error ?? '', /invalid api key|401/);
    assert.ok(dev.logs.some((l) => l.startsWith('error:') && l.includes('designs/profile.png')), dev.logs.join('\n'));
    assert.equal((await fetch(dev.url + '/')).status, 200);
  } finally {
    await dev.close();
    await mock.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
