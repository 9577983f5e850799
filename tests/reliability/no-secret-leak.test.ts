/**
 * Promise 8: nothing outside the project is ever read to print a diagnostic. A symlink that is not
 * followed is reported by its own path only: no code frame, no byte of its target. The warning
 * for `content/posts/evil.md -> /outside/creds` used to show the first lines of the credentials in
 * its code frame, and a link to /proc/self/environ printed the whole environment, CI tokens
 * included. Every place that can show a diagnostic is run here against links to a file holding a
 * fake secret and to /proc/self/environ (whose environment holds another): content/ (file and
 * bundle), public/, snippets/ (code includes) and templates/; `build`, `check`, and `serve`'s
 * terminal output and error overlay.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameSource } from '../../src/diagnostics/index.js';
import { EventStream } from '../dev/http.js';
import {
  cleanupAll,
  finished,
  listTree,
  makeProject,
  post,
  runCli,
  startCli,
  tempDir,
  waitFor,
  type FileSpec,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

const FILE_SECRET = 'fake-secret-in-a-file-5d1b9e';
const ENV_SECRET = 'fake-secret-in-the-environment-77c0a4';
const ENV = { COLOPHON_FAKE_CI_TOKEN: ENV_SECRET };
const ENVIRON = '/proc/self/environ';
const hasEnviron = process.platform === 'linux' && existsSync(ENVIRON);
/** A named pipe: reading it would wait for a writer forever. */
const mkfifo = (p: string) => process.platform !== 'win32' && execFileSync('mkfifo', [p]);

/** A file outside any project holding the fake secret (on its first lines, as credentials are). */
async function creds(): Promise<string> {
  const dir = await tempDir('colophon-outside-');
  const file = path.join(dir, 'creds');
  await writeFile(file, `TOKEN=${FILE_SECRET}\nsecond=${FILE_SECRET}\n`);
  return file;
}

/** Links in every folder Colophon reads, to the secret file and (on Linux) the environment. */
function links(secret: string): Record<string, FileSpec> {
  const to = (target: string) => ({ symlink: target });
  const env = (rel: string): Record<string, FileSpec> => (hasEnviron ? { [rel]: to(ENVIRON) } : {});
  return {
    'content/posts/evil.md': to(secret),
    ...env('content/posts/env.md'),
    'content/posts/linked-bundle/index.md': to(secret),
    'content/posts/bundle/index.md': post({ title: 'Bundle', date: '2024-01-02' }),
    'content/posts/bundle/creds.txt': to(secret),
    ...env('content/posts/bundle/env.txt'),
    'public/creds.txt': to(secret),
    ...env('public/env.txt'),
    'snippets/creds.rs': to(secret),
    ...env('snippets/env.rs'),
    'templates/post.liquid': to(secret),
    'templates/partials/evil.liquid': to(secret),
    ...env('templates/page.liquid'),
  };
}

const ok = { 'content/posts/ok.md': post({ title: 'Fine', date: '2024-01-01' }) };
const includes = {
  'content/posts/inc.md': post(
    { title: 'Includes', date: '2024-01-03' },
    '```rust file="creds.rs"\n```\n\n```rust file="env.rs"\n```\n',
  ),
};

function expectNoSecret(text: string) {
  expect(text.includes(FILE_SECRET), text).toBe(false);
  expect(text.includes(ENV_SECRET), text).toBe(false);
}

/** The warning for a link, exactly: its own path, then nothing but a blank line. */
const linkWarning = (rule: string, file: string, rest: string) =>
  `${file}:1:1 warning [${rule}] Symlink ${file} ${rest}\n\n`;

describe('links to secrets are reported by their own path only', () => {
  let p: Project;
  it('build: exit 0, every link warned about, no frame, no secret', async () => {
    p = await makeProject({ ...ok, ...links(await creds()) });
    const r = await runCli(['build'], { cwd: p.root, env: ENV });
    expectNoSecret(r.stdout + r.stderr);
    expect(r.code, r.stderr).toBe(0);
    const followed =
      'leads outside the project and is not followed. Copy the file into the project instead.';
    for (const f of ['content/posts/evil.md', 'content/posts/linked-bundle/index.md'])
      expect(r.stderr).toContain(linkWarning('content/symlink-outside', f, followed));
    expect(r.stderr).toContain(
      linkWarning(
        'public/symlink-outside',
        'public/creds.txt',
        'leads outside the project and is not copied. Copy the files into public/ instead.',
      ),
    );
    if (hasEnviron) {
      expect(r.stderr).toContain(
        linkWarning('content/symlink-outside', 'content/posts/env.md', followed),
      );
    }
    expect(r.stderr).not.toMatch(/^> /m);
    // Nor was any linked file read as content: a linked bundle index.md used to be.
    const files = await listTree(p.out);
    expect(files).toContain('posts/ok/index.html');
    expect(files.filter((f) => f.includes('linked-bundle'))).toEqual([]);
    for (const f of files) expectNoSecret((await readFile(path.join(p.out, f))).toString('latin1'));
  });

  it('check: no secret', async () => {
    const r = await runCli(['check'], { cwd: p.root, env: ENV });
    expectNoSecret(r.stdout + r.stderr);
    expect(r.stderr).not.toMatch(/^> /m);
    expect(r.code, r.stderr).toBe(0);
  });

  it('build and check with code includes of linked snippets: refused, no secret', async () => {
    const q = await makeProject({ ...ok, ...includes, ...links(await creds()) });
    for (const cmd of ['build', 'check']) {
      const r = await runCli([cmd], { cwd: q.root, env: ENV });
      expectNoSecret(r.stdout + r.stderr);
      expect(r.stderr).toContain('content/posts/inc.md:');
      expect(r.code, r.stderr).toBe(1);
    }
  });

  it("serve: terminal output and the error overlay's messages hold no secret", async () => {
    const q = await makeProject(
      { ...ok, ...includes, ...links(await creds()) },
      { rules: { 'content/symlink-outside': 'error', 'public/symlink-outside': 'error' } },
    );
    const child = startCli(['serve', '--port', '0'], { cwd: q.root, env: ENV });
    try {
      const up = await waitFor(
        () => /Serving http:\/\/\S+:(\d+)\//.test(child.output.stdout),
        60_000,
      );
      expect(up, child.output.stderr).toBe(true);
      const port = Number(/Serving http:\/\/\S+:(\d+)\//.exec(child.output.stdout)![1]);
      const events = await EventStream.open(port);
      const e = await events.next((x) => x.event === 'error', { past: true });
      events.close();
      const messages = JSON.parse(e.data) as { messages: string[] };
      expect(messages.messages.join('\n')).toContain('content/posts/evil.md');
      expectNoSecret(e.data);
    } finally {
      child.kill('SIGTERM');
    }
    const r = await finished(child);
    expectNoSecret(r.stdout + r.stderr);
    expect(r.stderr).toContain('[content/symlink-outside]');
  });
});

describe('frameSource: the only text a code frame is built from', () => {
  async function setup() {
    const dir = await tempDir();
    const root = path.join(dir, 'site');
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    await mkdir(path.join(root, 'shared'), { recursive: true });
    await writeFile(path.join(root, 'content/posts/a.md'), 'line one\nline two\n');
    await writeFile(path.join(root, 'shared/note.md'), 'shared text\n');
    await writeFile(path.join(dir, 'creds'), `TOKEN=${FILE_SECRET}\n`);
    return { dir, root };
  }

  it('text Colophon already read wins; a regular file inside the project is read', async () => {
    const { root } = await setup();
    const known = new Map([['content/posts/a.md', 'from memory\n']]);
    expect(frameSource(root, 'content/posts/a.md', known)).toBe('from memory\n');
    expect(frameSource(root, 'content/posts/a.md', new Map())).toBe('line one\nline two\n');
  });

  it('never reads through a link, out of the project, or from something that is not a file', async () => {
    const { dir, root } = await setup();
    await symlink(path.join(dir, 'creds'), path.join(root, 'content/posts/out.md'));
    await symlink('../../shared/note.md', path.join(root, 'content/posts/in.md'));
    await symlink(path.join(dir), path.join(root, 'linked-dir'));
    if (hasEnviron) await symlink(ENVIRON, path.join(root, 'content/posts/env.md'));
    mkfifo(path.join(root, 'content/posts/pipe.md'));
    const none = new Map<string, string>();
    expect(frameSource(root, 'content/posts/out.md', none)).toBeUndefined();
    expect(frameSource(root, 'content/posts/in.md', none)).toBeUndefined();
    expect(frameSource(root, 'linked-dir/creds', none)).toBeUndefined();
    expect(frameSource(root, 'content/posts/env.md', none)).toBeUndefined();
    expect(frameSource(root, '../creds', none)).toBeUndefined();
    expect(frameSource(root, path.join(dir, 'creds'), none)).toBeUndefined();
    expect(frameSource(root, 'content/posts', none)).toBeUndefined();
    expect(frameSource(root, 'content/posts/pipe.md', none)).toBeUndefined();
    expect(frameSource(root, 'content/posts/missing.md', none)).toBeUndefined();
  });

  it('a huge file gives no frame rather than being read whole', async () => {
    const { root } = await setup();
    await writeFile(path.join(root, 'content/posts/big.md'), 'x'.repeat(9 * 1024 * 1024));
    expect(frameSource(root, 'content/posts/big.md', new Map())).toBeUndefined();
  });
});
