import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with the path sent exactly as written (fetch and URL normalise `..` and encodings
 * away, which is the very thing these tests need to send).
 */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  opts: { noHost?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        headers,
        agent: false,
        setHost: !opts.noHost,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface SseEvent {
  event: string;
  data: string;
}

/** A connection to the reload endpoint that collects server-sent events. */
export class EventStream {
  readonly events: SseEvent[] = [];
  status = 0;
  private buffer = '';
  private waiters: { test: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  private req: http.ClientRequest | undefined;

  static open(port: number, headers: Record<string, string> = {}): Promise<EventStream> {
    const s = new EventStream();
    return new Promise((resolve, reject) => {
      s.req = http.request(
        { host: '127.0.0.1', port, path: '/__colophon/events', headers, agent: false },
        (res) => {
          s.status = res.statusCode ?? 0;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => s.push(chunk));
          res.on('error', () => undefined);
          resolve(s);
        },
      );
      s.req.on('error', reject);
      s.req.end();
    });
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (!data.length && event === 'message') continue; // a comment
      const e = { event, data: data.join('\n') };
      this.events.push(e);
      for (const w of [...this.waiters]) {
        if (w.test(e)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    }
  }

  /** The next event (from now on, or already received with `past`) that passes the test. */
  next(
    test: (e: SseEvent) => boolean,
    opts: { past?: boolean; timeoutMs?: number } = {},
  ): Promise<SseEvent> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const seen = opts.past ? this.events.find(test) : undefined;
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.req?.destroy();
  }
}
