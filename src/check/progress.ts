// Progress on stderr: a bar on an interactive terminal, one plain line per design in CI logs and pipes.
import type { CheckResult } from './types.js';

export interface Progress {
  start(total: number): void;
  tick(result: CheckResult): void;
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** No per-design lines (--json keeps stderr for what matters); the bar still shows on a terminal. */
  quiet?: boolean;
}

export function resultLine(r: CheckResult): string {
  const mark = r.failed ? 'FAIL' : r.regression ? 'DROP' : r.status === 'pass' ? 'ok  ' : 'skip';
  const score = r.score !== undefined ? `${r.score.toFixed(3)} ${r.score >= r.threshold ? '>=' : '< '} ${r.threshold}` : (r.message ?? r.status);
  const accepted = r.regression ? ` (accepted ${r.accepted?.toFixed(3)})` : '';
  const waiting = r.pending ? `  (a newer version waits in ${r.pending})` : '';
  return `${mark} ${r.id}  ${score}${accepted}${waiting}`;
}

export async function createProgress({ stream = process.stderr, env = process.env, quiet = false }: ProgressOptions = {}): Promise<Progress> {
  const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
  const interactive = Boolean(stream.isTTY) && !ci;
  if (interactive) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream, format: 'checking {bar} {value}/{total} designs · {failed} failed · {last}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let failed = 0;
    return {
      start: (total) => bar.start(total, 0, { failed, last: '' }),
      tick: (r) => {
        if (r.failed) failed++;
        bar.increment(1, { failed, last: r.id });
      },
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let of = 0;
  return {
    start: (total) => {
      of = total;
      if (!quiet) stream.write(`checking ${total} design${total === 1 ? '' : 's'}\n`);
    },
    tick: (r) => {
      done++;
      if (!quiet) stream.write(`[${done}/${of}] ${resultLine(r)}\n`);
    },
    stop: () => {},
  };
}
