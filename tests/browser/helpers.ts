/** Shared helpers of the browser suite: one Chromium per test file, the sample site's pages. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

// Browser globals inside page.evaluate callbacks (the project compiles without the DOM lib).
declare const window: any, document: any;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Base URL of the served sample site (no trailing slash). */
export const base = (): string => inject('baseUrl');
export const url = (p: string): string => base() + p;

/** One page of each kind of the sample blog. */
export const PAGES = {
  home: '/',
  /** Long, with KaTeX (inline and display), line numbers, a TOC and several code blocks. */
  post: '/posts/storage-engine-memtable/',
  /** Code blocks with diff notation and line numbers, plus math. */
  'post-diff': '/posts/storage-engine-sstables/',
  /** Six code blocks, no math. */
  'post-code': '/posts/nic-to-kernel/',
  /** A Mermaid sequence diagram and a Graphviz graph, drawn at build time. */
  'post-diagrams': '/posts/deadlock-detection/',
  /** Directives: a responsive figure, a YouTube embed (a facade until clicked), details, aside. */
  'post-embed': '/posts/latency-percentiles/',
  series: '/series/storage-engine/',
  topic: '/topics/databases/',
  archive: '/archive/',
  '404': '/no-such-page/',
  search: '/search/',
  page: '/about/',
  'series-index': '/series/',
  'topic-index': '/topics/',
  'home-2': '/page/2/',
  /** An author with an avatar, profile links, a bio and two pages of posts. */
  author: '/authors/maren-holt/',
  'author-index': '/authors/',
} as const;
export type PageName = keyof typeof PAGES;
export const PAGE_NAMES = Object.keys(PAGES) as PageName[];

export const WIDTHS = [1280, 390] as const;
export const SCHEMES = ['light', 'dark'] as const;

export function contextOptions(
  width: number,
  scheme: 'light' | 'dark' = 'light',
  extra: BrowserContextOptions = {},
): BrowserContextOptions {
  return {
    viewport: { width, height: width < 600 ? 844 : 900 },
    colorScheme: scheme,
    reducedMotion: 'reduce',
    ...extra,
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
/** axe-core's browser build, injected as an inline script (no request). */
export function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Run axe (WCAG 2.x A/AA plus best practices) on the page as it is now. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeScript() });
  return page.evaluate(async () => {
    const r: { violations: AxeViolation[] } = await window.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** A readable one-line-per-node report of axe violations. */
export function formatViolations(list: AxeViolation[]): string {
  return list
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
          )
          .join('\n'),
    )
    .join('\n');
}
