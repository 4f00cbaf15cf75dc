// A long-running command stopped by Ctrl-C or SIGTERM closes its browser (and the browser's temporary profile) before
// it exits. Were the close skipped, the browser would still go (it exits when its pipe to this process closes): this
// is about tidiness and the conventional exit code, not about correctness.
import os from 'node:os';

/**
 * Until the returned function is called, SIGINT and SIGTERM run `close` and end the process with 128 + the signal's
 * number (130, 143). A second signal, or a close that takes longer than `graceMs`, ends it at once.
 */
export function closeOnSignals(close: () => Promise<unknown>, { graceMs = 5000 }: { graceMs?: number } = {}): () => void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (os.constants.signals[signal] ?? 0);
    if (closing) process.exit(code);
    closing = true;
    setTimeout(() => process.exit(code), graceMs);
    close().finally(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
