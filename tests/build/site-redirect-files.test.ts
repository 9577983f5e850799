import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, diagnosticLines, SITES } from '../helpers/site.js';

/**
 * `host`: the aliases fixture's old URLs as the host's own redirect file, so they
 * get real 301s. The redirect pages stay (GitLab excepted: it serves a file over a rule).
 */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-redirects-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function withHost(host: string, baseUrl = 'https://aliases.example/'): Promise<string> {
  const root = path.join(tmp, `${host}-${baseUrl.length}`);
  await cp(path.join(SITES, 'aliases'), root, { recursive: true });
  const config = path.join(root, 'colophon.config.ts');
  const text = await readFile(config, 'utf8');
  await writeFile(
    config,
    text
      .replace("baseUrl: 'https://aliases.example/',", `baseUrl: '${baseUrl}',`)
      .replace('search: { enabled: false },', `search: { enabled: false },\n  host: '${host}',`),
  );
  return root;
}

const RULES = [
  ['/2019/05/old-url/', '/posts/moved-post/'],
  ['/contact-me/', '/contact/'],
  ['/legacy/moved.html', '/posts/moved-post/'],
  ['/old-contact', '/contact/'],
];

describe('host redirect files from aliases', () => {
  test.each([
    ['netlify', '301!'],
    ['cloudflare', '301'],
  ])('%s: _redirects with %s, and the redirect pages stay', async (host, status) => {
    const site = await buildFixture(await withHost(host));
    try {
      expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
      expect(site.file('_redirects')).toBe(
        `# Old URLs (aliases and redirects), written by Colophon for ${host}.\n` +
          RULES.map(([from, to]) => `${from} ${to} ${status}\n`).join(''),
      );
      expect(site.files.has('old-contact/index.html')).toBe(true);
      expect(site.files.has('legacy/moved.html')).toBe(true);
      // A host file, not a page: in no sitemap.
      expect(site.file('sitemap.xml')).not.toContain('_redirects');
    } finally {
      await site.cleanup();
    }
  });

  test("the config's redirects are rules too, to a site path or an address elsewhere", async () => {
    const root = await withHost('netlify', 'https://aliases.example/r/');
    const config = path.join(root, 'colophon.config.ts');
    const text = await readFile(config, 'utf8');
    await writeFile(
      config,
      text.replace(
        "host: 'netlify',",
        "host: 'netlify',\n  redirects: { '/tags/': '/topics/', '/gone.html': 'https://example.org/x' },",
      ),
    );
    const site = await buildFixture(root);
    try {
      expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
      expect(site.file('_redirects')).toContain('\n/r/gone.html https://example.org/x 301!\n');
      expect(site.file('_redirects')).toContain('\n/r/tags/ /r/topics/ 301!\n');
    } finally {
      await site.cleanup();
    }
  });

  test('gitlab: the rules carry the project path; no redirect pages (GitLab serves a file over a rule)', async () => {
    const site = await buildFixture(await withHost('gitlab', 'https://you.gitlab.io/blog/'));
    try {
      expect(site.file('_redirects')).toBe(
        '# Old URLs (aliases and redirects), written by Colophon for gitlab.\n' +
          RULES.map(([from, to]) => `/blog${from} /blog${to} 301\n`).join(''),
      );
      for (const page of ['old-contact/index.html', 'contact-me/index.html', 'legacy/moved.html'])
        expect(site.files.has(page), page).toBe(false);
      expect(site.files.has('contact/index.html')).toBe(true);
    } finally {
      await site.cleanup();
    }
  });

  test('vercel: vercel.json with permanent redirects', async () => {
    const site = await buildFixture(await withHost('vercel'));
    try {
      expect(JSON.parse(site.file('vercel.json'))).toEqual({
        redirects: RULES.map(([source, destination]) => ({ source, destination, permanent: true })),
      });
      expect(site.files.has('old-contact/index.html')).toBe(true);
    } finally {
      await site.cleanup();
    }
  });

  test('an unknown host is a config error with the choices', async () => {
    const site = await buildFixture(await withHost('netlfy'));
    try {
      expect(site.result.ok).toBe(false);
      expect(diagnosticLines(site.result.diagnostics)[0]).toContain(
        '[config/invalid-value] Invalid config value at "host": Invalid option: expected one of "netlify"|"cloudflare"|"gitlab"|"vercel".',
      );
    } finally {
      await site.cleanup();
    }
  });
});
