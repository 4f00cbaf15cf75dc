// What `convert` and `watch` say while they work, on stderr: a bar on an interactive terminal, plain lines in CI logs and
// pipes (a line per phase of each design, and a line every few seconds while a thinking model reasons), so a run is
// never silent for long. Colours follow NO_COLOR / FORCE_COLOR.
import path from 'node:path';
import type { ProgressEvent } from '../types.js';

export interface ConvertProgress {
  start(total: number): void;
  event(event: ProgressEvent): void;
  /** A finished design's line for stdout; above the bar while one is drawn on the same terminal (watch). */
  result(line: string): void;
  /** A line about the run (stderr), above the bar when there is one. */
  note(line: string): void;
  stop(): void;
}

export interface ConvertProgressOptions {
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** No per-design lines (--json); the bar still shows on a terminal. */
  quiet?: boolean;
  /** Paths are shown relative to this folder. */
  root?: string;
  /** How often a reasoning model's progress is reported in plain mode, ms. */
  reasoningEveryMs?: number;
  /** The count is not known at start (watch): each queued design adds one to it. */
  open?: boolean;
  /** Where result lines go. */
  out?: NodeJS.WriteStream;
}

/** Whether to colour a stream: FORCE_COLOR wins, then NO_COLOR, then whether the terminal has colours. */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && (stream.hasColors?.(env) ?? false);
}

const CODES = { red: 31, green: 32, yellow: 33, magenta: 35, dim: 2 } as const;
export type Paint = (color: keyof typeof CODES, text: string) => string;
export const painter = (enabled: boolean): Paint => (color, text) => (enabled ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text);

const isCi = (env: NodeJS.ProcessEnv) => Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';

export async function createConvertProgress({
  stream = process.stderr,
  env = process.env,
  quiet = false,
  root = process.cwd(),
  reasoningEveryMs = 5000,
  open = false,
  out = process.stdout,
}: ConvertProgressOptions = {}): Promise<ConvertProgress> {
  const rel = (p: string) => path.relative(root, p) || p;
  const print = (line: string) => out.write(`${line}\n`);
  if (stream.isTTY && !isCi(env)) {
    const { default: cliProgress } = await import('cli-progress');
    // A multi-bar can print lines above itself: watch's results appear there while the bar keeps its place.
    const multi = new cliProgress.MultiBar(
      { stream, format: `${open ? 'watching' : 'converting'} {bar} {value}/{total} designs · {failed} failed · {last}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let failed = 0, total = 0;
    // A design saved again while converting restarts its job: it still counts once.
    const active = new Set<string>();
    let bar: ReturnType<typeof multi.create> | undefined;
    const shared = Boolean(out.isTTY) || out === stream;
    // Logged lines wait for the next redraw, and stopping drops them: draw at once.
    const above = (line: string) => {
      multi.log(`${line}\n`);
      multi.update();
    };
    return {
      start: (n) => {
        total = n;
        bar = multi.create(n, 0, { failed, last: '' });
      },
      event: (e) => {
        const what = e.phase === 'reasoning' ? `reasoning (${e.received ?? 0} chars)` : `${e.phase}${e.round ? ` round ${e.round}` : ''}`;
        if (open && e.phase === 'queued' && !active.has(e.design)) bar?.setTotal(++total);
        if (e.phase === 'queued') active.add(e.design);
        if (e.phase === 'done' || e.phase === 'failed') active.delete(e.design);
        if (e.phase === 'failed') failed++;
        if (e.phase === 'done' || e.phase === 'failed') bar?.increment(1, { failed, last: `${path.basename(e.design)}: ${what}` });
        else bar?.update({ failed, last: `${path.basename(e.design)}: ${what}` });
      },
      result: (line) => (shared ? above(line) : print(line)),
      note: above,
      stop: () => multi.stop(),
    };
  }
  const note = (line: string) => stream.write(`${line}\n`);
  if (quiet) return { start: () => {}, event: () => {}, result: print, note, stop: () => {} };
  let finished = 0;
  let of = 0;
  const active = new Set<string>();
  const lastReasoning = new Map<string, number>();
  return {
    start: (total) => {
      of = total;
      if (!open) stream.write(`converting ${total} design${total === 1 ? '' : 's'}\n`);
    },
    event: (e) => {
      if (e.phase === 'queued') {
        if (open && !active.has(e.design)) of++;
        active.add(e.design);
        return;
      }
      if (e.phase === 'done' || e.phase === 'failed') {
        active.delete(e.design);
        finished++;
        stream.write(`[${finished}/${of}] ${e.phase} ${rel(e.design)}${e.phase === 'failed' && e.message ? `: ${e.message}` : ''}\n`);
        return;
      }
      if (e.phase === 'reasoning') {
        const now = Date.now();
        if (now - (lastReasoning.get(e.design) ?? 0) < reasoningEveryMs) return;
        lastReasoning.set(e.design, now);
        stream.write(`  ${rel(e.design)}: the model is reasoning (${e.received ?? 0} characters so far)\n`);
        return;
      }
      stream.write(`  ${rel(e.design)}: ${e.phase}${e.round ? ` (round ${e.round})` : ''}\n`);
    },
    result: print,
    note,
    stop: () => {},
  };
}
