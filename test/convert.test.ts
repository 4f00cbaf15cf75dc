// The whole path as users run it: a PNG in, a validated, formatted, header-stamped component out, through the CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import type { Provider } from '../src/generate/provider.js';
import { convertDesign } from '../src/pipeline.js';
import { parseHeader } from '../src/write/header.js';
import { readManifest } from '../src/write/manifest.js';
import { watchDesigns } from '../src/watch.js';
import type { ConvertResult } from '../src/types.js';
import { completion, glmStream, mockModel } from './support/mock-model.js';
import { fixturesDir, tempDir } from './support/paths.js';
import { runCli } from './support/cli.js';
import { testRenderer } from './support/render.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const fenced = (code: string) => `\`\`\`tsx\n${code}\`\`\``;

function project(): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  return root;
}

const cli = runCli;

const mock = mockModel;

describe('ui2code convert', () => {
  it('turns a PNG into a formatted, stamped component with the model (GLM stream), and prints the promised JSON', async () => {
    const root = project();
    const server = await mock([glmStream({ reasoning: 'thinking', content: fenced(card) })]);
    const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' });
    assert.equal(code, 0, stderr);
    const { results } = JSON.parse(stdout);
    assert.equal(results.length, 1);
    const r = results[0];
    for (const key of ['design', 'component', 'file', 'status', 'provider', 'model', 'rounds', 'scores', 'mismatch', 'fgMismatch', 'score', 'usage', 'cost', 'error']) assert.ok(key in r, key);
    assert.equal(r.status, 'written');
    assert.equal(r.component, 'Card');
    assert.equal(r.file, path.join(root, 'src/components/generated/Card.tsx'));
    assert.equal(r.mismatch, 0, 'the known component reproduces its own design');
    assert.deepEqual(r.usage, { promptTokens: 1200, completionTokens: 800 });
    const written = fs.readFileSync(r.file, 'utf8');
    assert.equal(parseHeader(written)?.intact, true);
    assert.match(written, /export default function Card\(\)/);
    const manifest = await readManifest(root);
    assert.equal(manifest?.designs['designs/card.png'].file, 'src/components/generated/Card.tsx');
    assert.ok(!stdout.includes('test-key') && !stderr.includes('test-key'));

    // Unchanged design: the cache answers, no model call. A renamed copy: the same.
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' })).code, 0);
    fs.copyFileSync(path.join(root, 'designs/card.png'), path.join(root, 'designs/card-copy.png'));
    const again = await cli(root, ['convert', 'designs/card-copy.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'test-key' });
    assert.equal(JSON.parse(again.stdout).results[0].status, 'written');
    assert.equal(server.requests.length, 1, 'one model call for three conversions');
  });

  it('gives a small model the local analysis as hints by default; --no-hints and large models go without', async () => {
    const promptOf = (request: { body: any }) =>
      (request.body.messages as Array<{ role: string; content: unknown }>)
        .filter((m) => m.role === 'user')
        .flatMap((m) => (Array.isArray(m.content) ? m.content : [{ type: 'text', text: m.content }]))
        .map((part: { type: string; text?: string }) => part.text ?? '')
        .join('\n');
    const run = async (model: string, extra: string[] = []) => {
      const root = project();
      const server = await mock([completion(fenced(card))]);
      const { code, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--model', model, '--base-url', server.baseUrl, '--rounds', '0', '--json', ...extra], { OPENAI_API_KEY: 'k' });
      assert.equal(code, 0, stderr);
      return promptOf(server.requests[0]);
    };
    const small = await run('glm-4.1v-thinking-flashx');
    assert.match(small, /Texts found in the screenshot by local analysis/);
    assert.match(small, /"Monthly report" at \d+,\d+/, 'the texts the engine read, with their positions');
    assert.doesNotMatch(await run('glm-4.1v-thinking-flashx', ['--no-hints']), /Texts found in the screenshot/);
    assert.doesNotMatch(await run('gpt-4o'), /Texts found in the screenshot/, 'a large model reads the image itself');
    assert.match(await run('gpt-4o', ['--hints']), /"Monthly report"/);
  });

  it('refuses an unsafe reply: exit 1, the rule named, nothing written', async () => {
    const root = project();
    const server = await mock([completion(fenced(card.replace('return (', "fetch('https://evil.example');\n  return (")))]);
    const { code, stdout } = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--json'], { OPENAI_API_KEY: 'k' });
    assert.equal(code, 1);
    const r = JSON.parse(stdout).results[0];
    assert.equal(r.status, 'failed');
    assert.match(r.error, /rule no-network at line \d+/);
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
  });

  it('fails clearly on 1113 (exit 1) and without a key (exit 3); bad flags exit 2', async () => {
    const root = project();
    const server = await mock([{ status: 429, json: { error: { code: '1113', message: 'Insufficient balance' } } }]);
    const broke = await cli(root, ['convert', 'designs/card.png', '--provider', 'glm', '--base-url', server.baseUrl], { ZHIPUAI_API_KEY: 'k' });
    assert.equal(broke.code, 1);
    assert.match(broke.stdout, /balance/);
    assert.match(broke.stdout, /^failed\s+designs\/card\.png/m, 'human output: status and design');
    assert.match(broke.stdout, /1 design\(s\): 0 ok, 1 failed; 0 tokens, cost 0\.0000/);
    const noKey = await cli(root, ['convert', 'designs/card.png', '--provider', 'glm']);
    assert.equal(noKey.code, 3);
    assert.match(noKey.stderr, /ZHIPUAI_API_KEY/);
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--rounds', 'many'])).code, 2);
    assert.equal((await cli(root, ['convert', 'designs/card.png', '--provider', 'gemini'])).code, 2);
    const good = await mock([completion(fenced(card))]);
    const noBrowser = await cli(root, ['convert', 'designs/card.png', '--provider', 'openai', '--base-url', good.baseUrl, '--browser', path.join(root, 'no-such-chromium')], { OPENAI_API_KEY: 'k' });
    assert.equal(noBrowser.code, 3, noBrowser.stderr);
  });

  it('converts offline with the local engine', async () => {
    const root = project();
    const { code, stdout, stderr } = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--json']);
    assert.equal(code, 0, stderr);
    const r = JSON.parse(stdout).results[0];
    assert.equal(r.provider, 'local');
    assert.equal(r.cost, 0);
    assert.ok(r.score > 0.8, `local score ${r.score}`);
    // What the engine reads from the design is its own tests' business; here: a stamped component came out of it.
    const written = fs.readFileSync(r.file, 'utf8');
    assert.equal(parseHeader(written)?.intact, true);
    assert.match(written, /export default function Card\(\)/);
  });
});

describe('refinement and jobs', () => {
  const renderer = testRenderer();

  /** A stand-in for the remote model: returns the given candidates in order. */
  function scripted(candidates: string[]): Provider & { calls: number } {
    const p = {
      name: 'openai' as const,
      model: 'scripted',
      calls: 0,
      cost: () => 0,
      async generate() {
        const code = candidates[Math.min(p.calls++, candidates.length - 1)];
        return { code, raw: code, usage: { promptTokens: 10, completionTokens: 10 }, provider: 'openai' as const, model: 'scripted' };
      },
    };
    return p;
  }

  it('keeps the best round and never writes a worse one', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 2, target: 0.99 } });
    const worse = card.replace("background: '#10b981'", "background: '#ef4444'");
    const broken = card.replace('Monthly report', 'Monthly report').replace('return (', "eval('x');\n  return (");
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: scripted([worse, broken, card]), cache: false });
    assert.equal(result.status, 'written');
    assert.equal(result.scores.length, 2, 'the unsafe round is skipped, the others scored');
    assert.ok(result.scores[1] > result.scores[0]);
    assert.equal(result.score, 1);
    assert.match(fs.readFileSync(result.file, 'utf8'), /#10b981/);

    const keepFirst = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: scripted([card.replace("'#f59e0b'", "'#f59e0c'"), worse]), cache: false, force: true });
    assert.ok(!/#ef4444/.test(fs.readFileSync(keepFirst.file, 'utf8')), 'the worse second round was not written');
  });

  it('sends the previous candidate, its render and diff to the next round, and stops at the token budget', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 5, target: 0.999, tokenBudget: 50 } });
    const worse = card.replace("background: '#10b981'", "background: '#ef4444'");
    const requests: Array<Parameters<Provider['generate']>[0]> = [];
    const provider: Provider = {
      name: 'openai',
      model: 'scripted',
      cost: (u) => (u.promptTokens + u.completionTokens) / 1000,
      async generate(request) {
        requests.push(request);
        return { code: worse, raw: worse, usage: { promptTokens: 10, completionTokens: 10 }, provider: 'openai', model: 'scripted' };
      },
    };
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider, cache: false });
    assert.equal(result.status, 'written');
    assert.equal(requests.length, 3, '20 tokens a call: the third call crosses the 50-token budget, no fourth');
    assert.equal(requests[0].previous, undefined);
    const previous = requests[1].previous!;
    assert.equal(previous.round, 0);
    assert.match(previous.code, /#ef4444/);
    assert.equal(previous.render.width, 400);
    assert.ok(previous.diff && previous.diff.width === previous.render.width);
    assert.ok(previous.scores.score < 1);
    assert.deepEqual(result.usage, { promptTokens: 30, completionTokens: 30 });
    assert.equal(result.cost, 0.06);
    const manifest = await readManifest(root);
    const entry = manifest!.designs['designs/card.png'];
    assert.equal(entry.rounds, 2);
    assert.equal(entry.scores!.length, 3);
    assert.equal(entry.provider, 'openai');
  });

  it('puts a new version of a hand-edited component in pending and leaves the file alone', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const design = path.join(root, 'designs/card.png');
    const first = await convertDesign(design, { config, renderer, provider: scripted([card]), cache: false });
    const edited = fs.readFileSync(first.file, 'utf8').replace('Monthly report', 'Weekly report');
    fs.writeFileSync(first.file, edited);
    const second = await convertDesign(design, { config, renderer, provider: scripted([card]), cache: false });
    assert.equal(second.status, 'pending');
    assert.equal(second.file, path.join(root, '.ui2code/pending/Card.tsx'));
    assert.match(second.error ?? '', /edited by hand/);
    assert.equal(fs.readFileSync(first.file, 'utf8'), edited);
  });

  it('writes nothing for an aborted job', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const controller = new AbortController();
    const slow: Provider = { ...scripted([card]), async generate(request) { controller.abort(); await new Promise((r) => setTimeout(r, 50)); return { code: card, raw: card, usage: { promptTokens: 0, completionTokens: 0 }, provider: 'openai', model: 'x' }; } };
    const result = await convertDesign(path.join(root, 'designs/card.png'), { config, renderer, provider: slow, signal: controller.signal, cache: false });
    assert.equal(result.status, 'failed');
    assert.equal(result.errorCode, 'ABORTED');
    assert.ok(!fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
  });
});

describe('watch', () => {
  const renderer = testRenderer();

  it('converts saved designs; a newer save aborts the older job, whose result is never written', async () => {
    const root = project();
    const config = await loadConfig({ root, configFile: false, overrides: { rounds: 0 } });
    const worse = card.replace("background: '#10b981'", "background: '#ef4444'");
    let calls = 0;
    let firstStarted!: () => void;
    const started = new Promise<void>((r) => (firstStarted = r));
    const provider: Provider = {
      name: 'openai',
      model: 'scripted',
      cost: () => 0,
      async generate() {
        const call = calls++;
        if (call === 1) {
          firstStarted();
          // The stale job: slow, and its candidate is the wrong one.
          await new Promise((r) => setTimeout(r, 1500));
          return { code: worse, raw: worse, usage: { promptTokens: 1, completionTokens: 1 }, provider: 'openai', model: 'scripted' };
        }
        return { code: card, raw: card, usage: { promptTokens: 1, completionTokens: 1 }, provider: 'openai', model: 'scripted' };
      },
    };
    const results: ConvertResult[] = [];
    const watcher = await watchDesigns({ config, renderer, provider, cache: false, debounceMs: 50, onResult: (r) => results.push(r) });
    try {
      await watcher.ready;
      await watcher.idle();
      assert.equal(results.length, 1, 'the design already there is converted');
      assert.equal(results[0].status, 'written');

      // A new design, saved twice: the first job is still generating when the second save lands.
      const design = path.join(root, 'designs/other.png');
      fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), design);
      await started;
      fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), `${design}.tmp`);
      fs.renameSync(`${design}.tmp`, design);
      await new Promise((r) => setTimeout(r, 400));
      await watcher.idle();
      const other = results.filter((r) => r.design === design);
      assert.equal(other.length, 1, 'the aborted job reports nothing');
      assert.equal(other[0].status, 'written');
      const written = fs.readFileSync(other[0].file, 'utf8');
      assert.match(written, /#10b981/);
      assert.ok(!written.includes('#ef4444'), 'the stale candidate was not written');
      assert.ok(!fs.readdirSync(path.join(root, 'designs')).some((n) => n.endsWith('.tmp')));
    } finally {
      await watcher.close();
    }
    // Removing a design keeps its component.
    fs.rmSync(path.join(root, 'designs/other.png'));
    assert.ok(fs.existsSync(path.join(root, 'src/components/generated/Other.tsx')));
  });
});
