// `ui2code watch` as users run it, against the mock model over HTTP: a design saved again while its request is in
// flight cancels that request, and only the newest save's result is written; temp files are ignored; Ctrl-C exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseHeader } from '../src/write/header.js';
import { glmStream, startMockModel } from './support/mock-model.js';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

const card = fs.readFileSync(path.join(fixturesDir, 'engine/Card.tsx'), 'utf8');
const stale = card.replace("background: '#10b981'", "background: '#ef4444'");
const fenced = (code: string) => `\`\`\`tsx\n${code}\`\`\``;

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ui2code watch', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  it('a save mid-request cancels the old request; only the newest result is written', async () => {
    // Request 0 streams the stale candidate's first bytes and stalls; later requests answer at once.
    const server = await startMockModel(({ index }) => (index === 0 ? { sse: glmStream({ content: fenced(stale) }).sse.slice(0, 4), stall: true } : glmStream({ reasoning: 'The card has a title and a green button. '.repeat(4), content: fenced(card) })));
    servers.push(server);
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'designs'));
    const child = spawn(process.execPath, cliArgs('watch', '--provider', 'openai', '--base-url', server.baseUrl, '--rounds', '0', '--no-cache'), {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: 'test-key', ZHIPUAI_API_KEY: '', ZAI_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await until(() => stderr.includes('watching'), 'the watcher to start');
      const design = path.join(root, 'designs/card.png');
      fs.writeFileSync(path.join(root, 'designs/notes.png.tmp'), 'not an image');
      fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), design);
      await until(() => server.requests.length === 1, 'the first request');
      // Saved again (as editors do: write a temp file, rename it over the design).
      fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), `${design}.tmp`);
      fs.renameSync(`${design}.tmp`, design);
      await until(() => /written\s+designs\/card\.png/.test(stdout), `the written line (stdout: ${stdout}; stderr: ${stderr})`);
      assert.ok(server.requests[0].aborted, 'the stale request was cancelled');
      assert.equal(server.requests.length, 2);
      const written = fs.readFileSync(path.join(root, 'src/components/generated/Card.tsx'), 'utf8');
      assert.equal(parseHeader(written)?.intact, true);
      assert.match(written, /#10b981/);
      assert.ok(!written.includes('#ef4444'), 'the stale candidate was never written');
      assert.equal(stdout.match(/designs\/card\.png/g)?.length, 1, 'one result for the design');
      assert.ok(!/notes/.test(stdout + stderr), 'temp files are not designs');
      assert.ok(!(stdout + stderr).includes('test-key'));
      // Piped, watch says what convert says: each phase, the model's reasoning, and a count that a restarted design
      // (saved again mid-request) does not inflate.
      assert.match(stderr, /designs\/card\.png: generating/);
      assert.match(stderr, /designs\/card\.png: the model is reasoning \(\d+ characters so far\)/);
      await until(() => /\[1\/1\] done designs\/card\.png/.test(stderr), `the count line (stderr: ${stderr})`);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
