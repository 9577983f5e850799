/**
 * A point where tests kill the process (SIGKILL, as `kill -9` would) to prove that what is left
 * on disk is still a whole output: `COLOPHON_TEST_KILL_AT=<name>` in the environment. No effect
 * otherwise; the names are listed in docs/development.md.
 */
export function killPoint(name: string): void {
  if (process.env.COLOPHON_TEST_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}
