// What `convert` tells its user: progress lines when piped (never long silence), colours only when wanted, a component
// under the check's threshold flagged (and failing with --strict), and a folder converting the designs in it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { cliArgs, fixturesDir, tempDir } from './support/paths.js';

function project(config?: object): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'designs'));
  fs.copyFileSync(path.join(fixturesDir, 'engine/card.png'), path.join(root, 'designs/card.png'));
  fs.copyFileSync(path.join(fixturesDir, 'local/columns.png'), path.join(root, 'designs/columns.png'));
  fs.writeFileSync(path.join(root, 'designs/notes.txt'), 'not a design');
  if (config) fs.writeFileSync(path.join(root, 'ui2code.config.json'), JSON.stringify(config));
  return root;
}

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '', NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, cliArgs(...args), { cwd: root, env: { ...base, ...env }, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ESC = '\u001b[';

describe('convert feedback', () => {
  it('converts every design in a folder, with plain progress lines on a pipe and no colour unless forced', async () => {
    const root = project();
    const run = await cli(root, ['convert', 'designs', '--provider', 'local', '--rounds', '0']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(fs.existsSync(path.join(root, 'src/components/generated/Card.tsx')));
    assert.ok(fs.existsSync(path.join(root, 'src/components/generated/Columns.tsx')));
    assert.match(run.stderr, /^converting 2 designs$/m);
    assert.match(run.stderr, /designs\/card\.png: generating/);
    assert.match(run.stderr, /^\[2\/2\] done designs\//m);
    assert.ok(!run.stdout.includes(ESC) && !run.stderr.includes(ESC), 'no escape codes on a pipe');

    const forced = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--rounds', '0'], { FORCE_COLOR: '1' });
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(forced.stdout.includes(`${ESC}2munchanged`), forced.stdout);
  });

  it('an empty folder is a clear error naming it (exit 2)', async () => {
    const root = project();
    fs.mkdirSync(path.join(root, 'empty'));
    const run = await cli(root, ['convert', 'empty', '--provider', 'local']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /empty.*no design images/);
  });

  it('flags a component under the check threshold; --strict makes that exit 1', async () => {
    const root = project({ threshold: 0.999 });
    const run = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--rounds', '0', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const [result] = JSON.parse(run.stdout).results;
    assert.equal(result.status, 'written');
    assert.ok(result.score < 0.999);
    assert.equal(result.belowThreshold, true);
    const strict = await cli(root, ['convert', 'designs/card.png', '--provider', 'local', '--rounds', '0', '--strict']);
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(strict.stdout, /below the check threshold/);

    const lenient = project({ threshold: 0.5 });
    const ok = await cli(lenient, ['convert', 'designs/card.png', '--provider', 'local', '--rounds', '0', '--strict', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).results[0].belowThreshold, false);
  });
});

describe('watch progress', () => {
  /** A stream that says it is a terminal, as cli-progress sees one, and keeps what is written. */
  function terminal() {
    let text = '';
    const stream = {
      isTTY: true, columns: 120, rows: 40, hasColors: () => false,
      write: (s: string) => ((text += s), true),
      cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true,
      on: () => stream, once: () => stream, removeListener: () => stream, off: () => stream,
    };
    return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
  }

  it('on a terminal, results and notes print above a bar whose count grows with each design (a restart counts once)', async () => {
    const { createConvertProgress } = await import('../src/cli/convert-progress.js');
    const tty = terminal();
    const progress = await createConvertProgress({ stream: tty.stream, out: tty.stream, env: {}, open: true, root: '/p' });
    progress.start(0);
    progress.note('watching designs');
    for (const design of ['/p/designs/a.png', '/p/designs/a.png', '/p/designs/b.png']) progress.event({ design, phase: 'queued' });
    progress.event({ design: '/p/designs/a.png', phase: 'reasoning', received: 120 });
    progress.event({ design: '/p/designs/a.png', phase: 'done' });
    progress.result('written   designs/a.png');
    progress.stop();
    const text = tty.text();
    assert.match(text, /watching designs/);
    assert.match(text, /written {3}designs\/a\.png/);
    assert.match(text, /1\/2 designs/, text);
  });
});
