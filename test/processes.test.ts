// No orphaned browsers: `ui2code convert` and a real `vite dev` with the plugin are killed (SIGKILL, SIGTERM, SIGINT)
// while their Chromium runs, and afterwards none of the browser processes they started is alive. Other engineers'
// browsers run on this machine too: only processes found in the started process's own tree are counted.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliArgs, repoRoot, tempDir } from './support/paths.js';
import { makeProject, sampleDesign, until } from './support/playground.js';

interface Proc {
  pid: number;
  ppid: number;
  /** Z: a zombie, dead and waiting to be reaped. */
  state: string;
  cmdline: string;
}

function processes(): Proc[] {
  const list: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      list.push({ pid: Number(entry), ppid: Number(ppid), state, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return list;
}

const isBrowser = (p: Proc) => /chrom(e|ium)|headless[-_]shell/.test(p.cmdline) && p.state !== 'Z';

/** Browser processes in the tree under `root` (the tree is walked while root lives, so this is its own browsers). */
function browsersUnder(root: number): Proc[] {
  const all = processes();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  return all.filter((p) => p.pid !== root && tree.has(p.pid) && isBrowser(p));
}

/** Which of these browser processes still run (same pid, same command line, not a zombie). */
function stillAlive(seen: Proc[]): Proc[] {
  const now = new Map(processes().map((p) => [p.pid, p]));
  return seen.filter((p) => {
    const current = now.get(p.pid);
    return current && current.cmdline === p.cmdline && isBrowser(current);
  });
}

async function killAndCheck(child: ChildProcess, signal: NodeJS.Signals, what: string) {
  // Wait until the browser and its helpers (zygote, renderers) are up, then remember them all.
  const seen = await until(`${what}: a browser`, () => {
    const found = browsersUnder(child.pid!);
    return found.some((p) => p.cmdline.includes('--type=renderer')) ? found : null;
  }, 120_000);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
  child.kill(signal);
  await exited;
  // Bounded: a browser told by its closed pipe exits within a moment; 10 s is far beyond that.
  const deadline = Date.now() + 10_000;
  let left = stillAlive(seen);
  while (left.length && Date.now() < deadline) {
    await sleep(100);
    left = stillAlive(seen);
  }
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL'); // don't leave them to the next test
    } catch {
      // already gone
    }
  }
  assert.deepEqual(left.map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`), [], `${what}: ${left.length} of ${seen.length} browser processes left running`);
}

function convertProject(): string {
  const root = tempDir('ui2code-proc-');
  fs.mkdirSync(path.join(root, 'designs'));
  // Three designs: the run lasts long enough to be killed while its browser works.
  for (const name of ['login', 'pricing', 'profile'] as const) fs.copyFileSync(sampleDesign(name), path.join(root, `designs/${name}.png`));
  return root;
}

function startConvert(root: string): ChildProcess {
  return spawn(process.execPath, cliArgs('convert', 'designs/login.png', 'designs/pricing.png', 'designs/profile.png', '--provider', 'local', '--no-cache', '--json'), {
    cwd: root,
    env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '' },
    stdio: 'ignore',
  });
}

function startVite(root: string): ChildProcess {
  fs.writeFileSync(
    path.join(root, 'vite.config.mjs'),
    `import react from '@vitejs/plugin-react';
import ui2code from ${JSON.stringify(path.join(repoRoot, 'dist/plugin/index.js'))};
export default { plugins: [react(), ui2code({ provider: 'local', rounds: 0 })], server: { host: '127.0.0.1', port: 0 }, clearScreen: false };
`,
  );
  fs.copyFileSync(sampleDesign('login'), path.join(root, 'designs/login.png'));
  return spawn(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), '--config', 'vite.config.mjs'], {
    cwd: root,
    env: { ...process.env, ZHIPUAI_API_KEY: '', ZAI_API_KEY: '', OPENAI_API_KEY: '' },
    stdio: 'ignore',
  });
}

describe('no browser outlives the process that started it', () => {
  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
    it(`ui2code convert killed by ${signal}`, async () => {
      const root = convertProject();
      try {
        await killAndCheck(startConvert(root), signal, `convert, ${signal}`);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`vite dev with the plugin stopped by ${signal}`, async () => {
      const root = makeProject();
      try {
        await killAndCheck(startVite(root), signal, `vite dev, ${signal}`);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
