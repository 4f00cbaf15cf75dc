// Refinement rounds and jobs through the real client against the mock model over HTTP: the best round is kept, the
// model gets the previous code and render, the token budget stops rounds, in-flight designs share a call, an abort
// cancels the request and writes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import type { UserConfig } from '../src/config/types.js';
import { resolveProvider } from '../src/generate/resolve.js';
import { convertDesign, convertMany } from '../src/pipeline.js';
import { parseHeader } from '../src/write/header.js';
import { readManifest } from '../src/write/manifest.js';
import { glmStream, startMockModel, type MockHandler } from './support/mock-model.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { testRenderer } from './support/render.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const worse = card.replace("background: '#10b981'", "background: '#ef4444'");
const fenced = (code: string) => `Here is the component.\n\`\`\`tsx\n${code}\`\`\``;
const renderer = testRenderer();
const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));

function project(...names: string[]): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  for (const name of names.length ? names : ['card.png']) fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs', name));
  return root;
}

async function setup(handler: MockHandler, overrides: UserConfig, ...names: string[]) {
  const server = await startMockModel(handler);
  servers.push(server);
  const root = project(...names);
  const config = await loadConfig({ root, configFile: false, overrides: { provider: 'openai', baseUrl: server.baseUrl, ...overrides } });
  const provider = await resolveProvider({ provider: 'openai', baseUrl: server.baseUrl, root, backoffMs: 1 }, { OPENAI_API_KEY: 'test-key' });
  return { server, root, config, provider };
}

/** Every text and image part the model was sent in one request. */
function parts(body: any): { text: string; images: number } {
  let text = '';
  let images = 0;
  for (const message of body.messages ?? []) {
    if (typeof message.content === 'string') text += message.content;
    else for (const part of message.content ?? []) part.type === 'image_url' ? images++ : (text += part.text ?? '');
  }
  return { text, images };
}

describe('refinement over HTTP', () => {
  it('sends the previous code and render, keeps the best round, stops at the target', async () => {
    const replies = [worse, card, worse];
    const { server, root, config, provider } = await setup(({ index }) => glmStream({ reasoning: 'compare the colours', content: fenced(replies[index]) }), { rounds: 2, target: 0.99 });
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider, cache: false });
    assert.equal(result.status, 'written', result.error);
    assert.equal(server.requests.length, 2, 'the target was reached in round 1: no third call');
    assert.equal(result.scores.length, 2);
    assert.ok(result.scores[0] < result.scores[1], `scores ${result.scores}`);
    assert.equal(result.score, result.scores[1]);
    assert.deepEqual(result.usage, { promptTokens: 2400, completionTokens: 1600 });
    const refineRequest = parts(server.requests[1].body);
    assert.ok(refineRequest.text.includes('#ef4444'), 'round 1 is sent the current code');
    assert.ok(refineRequest.images >= 2, `round 1 is sent the design and the render (${refineRequest.images} images)`);
    assert.equal(parts(server.requests[0].body).images, 1);
    const written = fs.readFileSync(result.file, 'utf8');
    assert.equal(parseHeader(written)?.intact, true);
    assert.match(written, /#10b981/);
    const entry = (await readManifest(root))?.designs['designs/card.png'];
    assert.deepEqual(entry?.scores, result.scores);
    assert.equal(entry?.rounds, 1);
  });

  it('never writes a round that scores worse, and skips a refinement round that breaks the policy', async () => {
    const evil = card.replace('return (', "fetch('https://evil.example');\n  return (");
    const nearly = card.replace("height: 80, background: '#f59e0b'", "height: 76, background: '#f59e0b'");
    const replies = [nearly, evil, worse];
    const { server, root, config, provider } = await setup(({ index }) => glmStream({ content: fenced(replies[index]) }), { rounds: 2, target: 1 });
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider, cache: false });
    assert.equal(result.status, 'written', result.error);
    assert.equal(server.requests.length, 3);
    assert.equal(result.scores.length, 2, 'the unsafe round is skipped, not scored');
    assert.ok(result.scores[1] < result.scores[0]);
    assert.equal(result.score, result.scores[0]);
    const written = fs.readFileSync(result.file, 'utf8');
    assert.match(written, /height: 76/);
    assert.ok(!written.includes('#ef4444') && !written.includes('evil.example'));
  });

  it('stops refining once the token budget is spent', async () => {
    const { server, root, config, provider } = await setup(() => glmStream({ content: fenced(worse) }), { rounds: 2, target: 0.99, tokenBudget: 1000 });
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider, cache: false });
    assert.equal(result.status, 'written', result.error);
    assert.equal(server.requests.length, 1, 'the first reply used 2000 tokens of a 1000 budget');
    assert.equal(result.rounds, 0);
  });
});

describe('jobs over HTTP', () => {
  it('identical designs in flight share one model call', async () => {
    const { server, root, config, provider } = await setup(() => ({ ...glmStream({ content: fenced(card) }), delayMs: 5 }), { rounds: 0 }, 'card.png', 'card-copy.png');
    const results = await convertMany([path.join(root, 'designs/card.png'), path.join(root, 'designs/card-copy.png')], { config, renderer, provider, concurrency: 2 });
    assert.deepEqual(results.map((r) => r.status), ['written', 'written']);
    assert.deepEqual(results.map((r) => r.component), ['Card', 'CardCopy']);
    assert.equal(server.requests.length, 1);
  });

  it('two new designs with the same name converted at once get two components', async () => {
    const { server, root, config, provider } = await setup(() => glmStream({ content: fenced(card) }), { rounds: 0 });
    for (const sub of ['a', 'b']) {
      fs.mkdirSync(path.join(root, 'designs', sub));
      fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs', sub, 'card.png'));
    }
    const results = await convertMany([path.join(root, 'designs/a/card.png'), path.join(root, 'designs/b/card.png')], { config, renderer, provider, concurrency: 2 });
    assert.deepEqual(results.map((r) => r.status), ['written', 'written'], results.map((r) => r.error).join('; '));
    assert.deepEqual(results.map((r) => r.component).sort(), ['Card', 'Card2']);
    assert.equal(new Set(results.map((r) => r.file)).size, 2);
    assert.equal(server.requests.length, 1, 'identical images: one call');
    const manifest = await readManifest(root);
    assert.deepEqual(Object.keys(manifest?.designs ?? {}).sort(), ['designs/a/card.png', 'designs/b/card.png']);
  });

  it('an abort mid-request cancels the HTTP request and writes nothing, not even the cache', async () => {
    const { server, root, config, provider } = await setup(() => ({ sse: glmStream({ content: fenced(card) }).sse.slice(0, 3), stall: true }), { rounds: 0 });
    const controller = new AbortController();
    const pending = convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider, signal: controller.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'failed');
    assert.equal(result.errorCode, 'ABORTED');
    for (let i = 0; i < 50 && !server.requests[0].aborted; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(server.requests[0].aborted, 'the model request was cancelled');
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
    assert.deepEqual(fs.existsSync(path.join(root, '.ui2code/cache')) ? fs.readdirSync(path.join(root, '.ui2code/cache')) : [], []);
    assert.equal((await readManifest(root))?.designs['designs/card.png'], undefined);
  });
});
