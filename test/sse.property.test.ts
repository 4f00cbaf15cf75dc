// SSE decoding does not depend on how the bytes are chunked, even inside multi-byte characters.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, it } from 'node:test';
import fc from 'fast-check';
import { createOpenAICompatibleProvider } from '../src/generate/openai-compatible.js';
import { readDesign } from '../src/intake/decode.js';
import { glmStream, startMockModel, type MockReply } from './support/mock-model.js';
import { fixturesDir } from './support/paths.js';

const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
let next: MockReply;
const server = await startMockModel(() => next);
after(() => server.close());
const provider = createOpenAICompatibleProvider({ name: 'openai', apiKey: 'k', baseUrl: server.baseUrl, model: 'm', idleTimeoutMs: 5000 });

it('yields the same content and reasoning whatever the chunking', async () => {
  const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', '\n', 'é', '日', '😀', '{', '}', '"', ':'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 60 });
  await fc.assert(
    fc.asyncProperty(text, text, fc.array(fc.nat({ max: 4000 }), { maxLength: 30 }), fc.integer({ min: 1, max: 9 }), async (reasoning, words, splits, chunkSize) => {
      const body = `export default function A() {\n  return <p>{${JSON.stringify(words)}}</p>;\n}\n`;
      const stream = glmStream({ reasoning, content: `\`\`\`tsx\n${body}\`\`\``, chunkSize }) as { sse: object[] };
      next = { sse: stream.sse, splitAt: splits };
      const result = await provider.generate({ design });
      assert.equal(result.code, body);
      assert.equal(result.reasoning, reasoning);
    }),
    { numRuns: 40 },
  );
});
