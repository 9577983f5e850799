import { warning, type Diagnostic } from '../diagnostics/index.js';

/** `check --external`: a HEAD (then GET) per unique external URL, bounded in time and concurrency. */
export async function checkExternal(
  urls: Iterable<string>,
  timeoutMs = 10_000,
): Promise<Diagnostic[]> {
  const list = [...new Set(urls)].sort();
  const out: Diagnostic[] = [];
  let next = 0;
  const work = async () => {
    while (next < list.length) {
      const url = list[next++]!;
      const status = await probe(url, timeoutMs);
      if (status !== 'ok') out.push(warning('check/external-link', `${url}: ${status}.`));
    }
  };
  await Promise.all(Array.from({ length: 8 }, work));
  return out;
}

async function probe(url: string, timeoutMs: number): Promise<string> {
  for (const method of ['HEAD', 'GET']) {
    try {
      const res = await fetch(url, {
        method,
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.ok) return 'ok';
      if (method === 'GET' || (res.status !== 405 && res.status !== 403))
        return `HTTP ${res.status}`;
    } catch (e) {
      if (method === 'GET') return (e as Error).message;
    }
  }
  return 'unreachable';
}
