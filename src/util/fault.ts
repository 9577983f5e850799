import { writeFileSync } from 'node:fs';

/**
 * A point where tests kill the process (SIGKILL, as `kill -9` would) to prove that what is left
 * on disk is still a whole output: `COLOPHON_TEST_KILL_AT=<name>` in the environment. No effect
 * otherwise; the names are listed in docs/development.md.
 */
export function killPoint(name: string): void {
  if (process.env.COLOPHON_TEST_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * A stage where tests send the build a signal, as Ctrl-C or `kill` would, a few milliseconds after
 * it starts: `COLOPHON_TEST_SIGNAL_AT=<stage>:<SIGINT|SIGTERM>`. With
 * `COLOPHON_TEST_SIGNAL_LOG=<file>`, the time it was sent (ms since the epoch) is written there
 * first, so a test can measure how long the stop took from the signal, not from the spawn.
 */
export function signalPoint(stage: string): void {
  const [at, signal] = (process.env.COLOPHON_TEST_SIGNAL_AT ?? '').split(':');
  if (at !== stage || (signal !== 'SIGINT' && signal !== 'SIGTERM')) return;
  const log = process.env.COLOPHON_TEST_SIGNAL_LOG;
  setTimeout(() => {
    if (log) writeFileSync(log, String(Date.now()));
    process.kill(process.pid, signal);
  }, 5);
}
