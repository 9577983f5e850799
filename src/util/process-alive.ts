import { readFile } from 'node:fs/promises';

/**
 * Whether process `pid` is running and may be the one that made something at time `since` (ms).
 *
 * A pid is reused once its process has exited: after a reboot or a long time, a folder named after
 * a dead build can carry the pid of an unrelated live process. Where the start time of a process
 * can be read (Linux /proc), one that started after the thing was made is not its maker. Elsewhere
 * a live pid counts as the maker: a leftover then waits for a later sweep rather than risk removing
 * the work of a live build.
 */
export async function processAlive(pid: number, since?: number): Promise<boolean> {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (since === undefined) return true;
  const started = await startTime(pid);
  // /proc's boot time has whole seconds: a margin so that a maker is never taken for a stranger.
  return started === undefined || started <= since + 2_000;
}

/** Start of a process in ms since the epoch, from /proc (Linux); undefined elsewhere. */
async function startTime(pid: number): Promise<number | undefined> {
  try {
    const [stat, sys] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      bootTime ?? readFile('/proc/stat', 'utf8'),
    ]);
    bootTime = sys;
    const boot = Number(/^btime (\d+)$/m.exec(sys)?.[1]);
    // Fields after the command name (which may hold spaces and parentheses): state is field 3,
    // starttime field 22, in clock ticks since boot (100 per second on Linux).
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    if (!Number.isFinite(boot) || !Number.isFinite(ticks)) return undefined;
    return boot * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}

let bootTime: string | undefined;
