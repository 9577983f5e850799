import { afterAll, describe, expect, test } from 'vitest';
import { verifyOutput } from '../../src/check/verify.js';
import { outputPathFor } from '../../src/graph/permalinks.js';
import type { Generator } from '../../src/import/model.js';
import { buildFixture, diagnosticLines, type BuiltSite } from '../helpers/site.js';
import { importFixture } from './helpers.js';

/**
 * Each imported fixture builds with the real build (0 errors), and every old address listed in
 * its CASES.md answers: the page itself ("exact"), or a redirect page to the right page.
 */

interface Cases {
  base: string;
  baseUrl: string;
  /** Served by the page itself, not through a redirect. */
  exact: string[];
  /** Page -> heading ids it must have, as the old generator made them. */
  ids: Record<string, string[]>;
  /** Old address -> the address it must lead to (itself when exact or a file). */
  answers: Record<string, string>;
}

const HUGO: Cases = {
  base: '/',
  baseUrl: 'https://lexical-scope.example.org/',
  ids: {
    '/2024/01/tiny-parser/': ['panic-mode', 'what-the-lexer-hands-over', 'whats-next'],
    '/2023/11/b-tree-pages-on-disk/': ['whats-in-a-page'],
    '/notes/queues-and-latency/': ['c--rust-clients'],
  },
  exact: [
    '/',
    '/2024/01/tiny-parser/',
    '/2024/02/register-allocation-briefly/',
    '/2024/03/peephole-passes-in-a-weekend/',
    '/2023/11/b-tree-pages-on-disk/',
    '/databases/reading-query-plans/',
    '/about/',
    '/series/tiny-compiler/',
    '/posts/',
    '/notes/',
    '/notes/tcp-nagle/',
    '/notes/queues-and-latency/',
    '/series/',
    '/authors/',
    '/authors/rafael/',
    '/authors/ines/',
  ],
  answers: {
    '/posts/tiny-parser.html': '/2024/01/tiny-parser/',
    '/2019/12/parser-notes/': '/2024/01/tiny-parser/',
    '/lexer/': '/2024/01/tiny-parser/',
    '/2024/02/regalloc-notes/': '/2024/02/register-allocation-briefly/',
    '/2023/linear-scan/': '/2024/02/register-allocation-briefly/',
    '/notes/bufferbloat/': '/notes/queues-and-latency/',
    '/2024/03/peephole-passes-in-a-weekend/peephole.png': '',
    '/2024/03/peephole-passes-in-a-weekend/peephole-rules.txt': '',
    '/2023/11/b-tree-pages-on-disk/page-layout.png': '',
    '/2023/11/b-tree-pages-on-disk/btree.sql': '',
    '/favicon.ico': '',
    '/authors/rafael/portrait.jpg': '',
    '/notes/nagle-timeline.svg': '',
    '/index.xml': '',
    '/notes/figures/ack-delay.csv': '',
    '/images/lsm-levels.png': '',
    '/tags/': '/topics/',
    '/categories/': '/topics/',
    '/categories/compilers/': '/tags/compilers/',
    '/categories/databases/': '/tags/databases/',
    '/categories/networking/': '/tags/networking/',
    ...Object.fromEntries(
      [
        'parsing',
        'recursive-descent',
        'codegen',
        'register-allocation',
        'optimisation',
        'storage',
        'b-trees',
        'sql',
        'query-planning',
        'networking',
        'tcp',
        'latency',
      ].map((t) => [`/tags/${t}/`, `/tags/${t}/`]),
    ),
  },
};

const ZOLA: Cases = {
  base: '/',
  baseUrl: 'https://packet-and-page.example.com/',
  ids: {
    '/blog/lsm-compaction/': ['level-0-tiering', 'write-amp', 'what-s-next'],
    '/blog/bloom-filters/': ['what-s-next'],
    '/2025/06/26/consensus-in-practice/': ['what-s-next'],
  },
  exact: [
    '/',
    '/about/',
    '/authors/',
    '/authors/mei-lindqvist/',
    '/authors/tomas-ferreira/',
    '/2025/01/15/Release-0.4.0/',
    '/2025/06/26/consensus-in-practice/',
    '/inside/',
    '/inside/2025/03/04/triage-rotation/',
    '/inside/2025/05/20/offsite-2025/',
    '/blog/',
    '/blog/lsm-compaction/',
    '/blog/bloom-filters/',
    '/blog/tiny-vm/',
    '/blog/tiny-vm/dispatch-loop/',
    '/blog/tiny-vm/stack-vs-register/',
    '/blog/tiny-vm/threaded-code/',
  ],
  answers: {
    '/2025/01/15/Release-0.4.0.html': '/2025/01/15/Release-0.4.0/',
    '/releases/0.4.0/': '/2025/01/15/Release-0.4.0/',
    '/2025/06/26/consensus-in-practice.html': '/2025/06/26/consensus-in-practice/',
    '/articles/': '/blog/',
    '/blog/page/2/': '/blog/page/2/',
    '/inside/2025/03/04/triage-rotation.html': '/inside/2025/03/04/triage-rotation/',
    '/inside/2025/05/20/offsite-2025/whiteboard.jpg': '',
    '/blog/bloom-filters/fpr.png': '',
    '/blog/bloom-filters/bloom.py': '',
    '/blog/tiny-vm/dispatch.png': '',
    '/blog/tiny-vm/computed-goto/': '/blog/tiny-vm/threaded-code/',
    '/tags/': '/topics/',
    '/categories/': '/topics/',
    '/categories/databases/': '/tags/databases/',
    '/favicon.ico': '',
    '/img/ring.png': '',
    ...Object.fromEntries(
      ['lsm', 'compaction', 'storage', 'bloom-filters', 'vm', 'interpreters', 'performance'].map(
        (t) => [`/tags/${t}/`, `/tags/${t}/`],
      ),
    ),
  },
};

const JEKYLL: Cases = {
  base: '/blog/',
  baseUrl: 'https://commit-log.example.net/blog/',
  ids: { '/2020/03/15/btree-vs-lsm/': ['tradeoffs', 'updating-in-place'] },
  exact: ['/', '/about/'],
  answers: {
    '/databases/2020/01/02/hello-storage.html': '/2020/01/02/hello-storage/',
    '/databases/internals/2020/03/15/btree-vs-lsm.html': '/2020/03/15/btree-vs-lsm/',
    '/networking/2021/06/01/tcp-slow-start.html': '/2021/06/01/tcp-slow-start/',
    '/networking/slow-start/': '/2021/06/01/tcp-slow-start/',
    '/2021/06/01/tcp-slow-start.html': '/2021/06/01/tcp-slow-start/',
    '/databases/2022/09/10/Query-Planner-Notes.html': '/2022/09/10/query-planner-notes/',
    '/networking/2023/02/28/io-uring-first-look.html': '/2023/02/28/io-uring-first-look/',
    '/2019/11/20/old-announcement.html': '/2021/06/01/tcp-slow-start/',
    '/about.html': '/about/',
    '/contact/': '/about/',
    '/uses.html': '/uses/',
    '/tags/': '/topics/',
    '/page2/': '/page/2/',
    '/feed.xml': '',
    '/talks/systems-meetup-2023/': '/talks/systems-meetup-2023/',
    '/assets/images/btree.png': '',
    '/assets/images/cwnd.png': '',
    '/assets/images/authors/mara.jpg': '',
    '/assets/files/schema.sql': '',
    '/favicon.ico': '',
  },
};

const CASES: Record<Generator, Cases> = { hugo: HUGO, zola: ZOLA, jekyll: JEKYLL };

/** Where each imported site uses a shortcode or include it defined (a starter template). */
const STARTER_USES: Record<Generator, string[]> = {
  hugo: [
    'content/posts/peephole-passes-in-a-weekend/index.md:32:1',
    'content/posts/reading-query-plans-without-fear.md:37:1',
  ],
  zola: ['content/posts/bloom-filters/index.md:31:1'],
  jekyll: [],
};

let builds: Promise<unknown> = Promise.resolve();

describe.each(['hugo', 'zola', 'jekyll'] as Generator[])('the imported %s site', (g) => {
  // One build at a time: Pagefind's backend is one per process, and a build closes it when done.
  const site = builds.then(async () => {
    const imported = await importFixture(g);
    const built = await buildFixture(imported.dest);
    return { imported, built };
  });
  builds = site.catch(() => undefined);
  afterAll(async () => {
    const s = await site;
    await s.built.cleanup();
    await s.imported.cleanup();
  });

  // The first test waits for the import and a full build (Shiki, cards, search): slow on a busy
  // machine, so it has more time than the default.
  test('builds with no errors', async () => {
    const { built } = await site;
    expect(diagnosticLines(built.result.diagnostics.filter((d) => d.severity === 'error'))).toEqual(
      [],
    );
  }, 120_000);

  test("the only warnings are at the uses of the site's own shortcodes, until their starters are ported", async () => {
    const { built } = await site;
    const warnings = built.result.diagnostics.filter((d) => d.severity === 'warning');
    expect(diagnosticLines(warnings).map((l) => l.replace(/\] .*/, ']'))).toEqual(
      STARTER_USES[g].map((at) => `${at} warning [markdown/directive-starter]`),
    );
  }, 120_000);

  test('every old address answers, at the right page', async () => {
    const { built } = await site;
    const c = CASES[g];
    const problems: string[] = [];
    const page = (url: string) => built.files.get(outputPathFor(c.base, c.base + url.slice(1)));
    for (const url of c.exact) {
      const html = page(url);
      if (html === undefined) problems.push(`${url}: no page`);
      else if (redirectOf(html)) problems.push(`${url}: a redirect, not the page itself`);
    }
    for (const [url, to] of Object.entries(c.answers)) {
      const html = page(url);
      if (html === undefined) {
        problems.push(`${url}: nothing there`);
        continue;
      }
      if (to === '' || to === url) continue;
      const target = redirectOf(html);
      const wanted = new URL(c.base + to.slice(1), 'https://x').pathname;
      if (target !== wanted) problems.push(`${url}: leads to ${target ?? 'itself'}, not ${wanted}`);
      else if (page(to) === undefined) problems.push(`${url}: its target ${to} does not exist`);
    }
    expect(problems).toEqual([]);
  });

  test('passes colophon check: every internal link, image and fragment resolves', async () => {
    const { built } = await site;
    const c = CASES[g];
    const checked = await verifyOutput({
      dir: built.outDir,
      baseUrl: c.baseUrl,
      basePath: c.base,
      label: 'dist/',
    });
    expect(diagnosticLines(checked.diagnostics)).toEqual([]);
  });

  test("heading ids are the old generator's, and HTML shown as code stays code", async () => {
    const { built } = await site;
    const c = CASES[g];
    const missing: string[] = [];
    for (const [url, ids] of Object.entries(c.ids)) {
      const html = built.files.get(outputPathFor(c.base, c.base + url.slice(1))) ?? '';
      for (const id of ids) if (!html.includes(` id="${id}"`)) missing.push(`${url}#${id}`);
    }
    expect(missing).toEqual([]);
    const live = [...built.files].filter(
      ([f, html]) => f.endsWith('.html') && /<form class="playground"/.test(html),
    );
    expect(live.map(([f]) => f)).toEqual([]);
  });

  test('no template syntax reaches readers outside code', async () => {
    const { built } = await site;
    const shown: string[] = [];
    for (const [file, html] of built.files) {
      if (!file.endsWith('.html')) continue;
      const text = html
        .replace(/<(pre|code|script|style)\b[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, '');
      const m = /\{\{[<%]|[>%]\}\}|\{%|\{\{ *[\w.]+ *(?:\||\}\})/.exec(text);
      if (m)
        shown.push(
          `${file}: ${text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ')}`,
        );
    }
    expect(shown).toEqual([]);
  });
});

function redirectOf(html: string): string | undefined {
  const m = /<meta http-equiv="refresh" content="0; url=([^"]+)"/.exec(html);
  return m ? new URL(m[1]!.replace(/&amp;/g, '&')).pathname : undefined;
}

export type { BuiltSite };
