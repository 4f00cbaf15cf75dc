// Against a mock model server: saving a design again mid-request aborts the first request, sends the second, and only
// the second reply is written. The API key comes from the project's .env through Vite's loadEnv.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { completion, startMockModel } from './support/mock-model.js';
import { makeProject, sampleDesign, startDev, until, variantOf } from './support/playground.js';

const reply = (label: string) => `\`\`\`tsx
import React from 'react';

export default function Profile() {
  return (
    <div style={{ width: 400, height: 240, background: '#1e293b', color: '#f8fafc', fontSize: 22, padding: 24, boxSizing: 'border-box' }}>
      <span>${label}</span>
    </div>
  );
}
\`\`\``;

test('saving a design twice quickly aborts the first model request and writes only the second reply', async () => {
  const model = await startMockModel(async ({ index, signal }) => {
    if (index === 0) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    return completion(reply(index === 0 ? 'First reply' : 'Second reply'));
  });
  const root = makeProject();
  fs.writeFileSync(path.join(root, '.env'), 'OPENAI_API_KEY=sk-test-from-dotenv\n');
  const dev = await startDev(root, { provider: 'openai', baseUrl: model.baseUrl, model: 'mock-vision', rounds: 0 });
  try {
    const design = path.join(root, 'designs/profile.png');
    fs.writeFileSync(design, await variantOf(sampleDesign('profile'), 1));
    await until('the first request', () => model.requests.length === 1);
    fs.writeFileSync(design, await variantOf(sampleDesign('profile'), 2));
    await until('the second request', () => model.requests.length === 2);
    await dev.api.idle();

    assert.equal(model.requests.length, 2);
    assert.equal(model.requests[0].aborted, true);
    assert.equal(model.requests[1].aborted, false);
    assert.equal(model.requests[1].headers.authorization, 'Bearer sk-test-from-dotenv');
    const source = fs.readFileSync(path.join(root, 'src/components/generated/Profile.tsx'), 'utf8');
    assert.match(source, /Second reply/);
    assert.doesNotMatch(source, /First reply/);
    const status = dev.api.statuses().find((s) => s.design === 'designs/profile.png')!;
    assert.equal(status.state, 'done');
    assert.equal(status.provider, 'openai');
    assert.deepEqual(status.usage, { promptTokens: 100, completionTokens: 50 });
    // The key never reaches client code.
    const client = await (await fetch(`${dev.url}/src/App.tsx`)).text();
    assert.doesNotMatch(client, /sk-test-from-dotenv/);
  } finally {
    await dev.close();
    await model.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
