/**
 * Copy buttons on code blocks: the clipboard gets exactly the code of the Markdown source (no
 * line numbers, no diff markers, no removed lines), by keyboard, announced to screen readers.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGES, contextOptions, launch, url } from './helpers.js';

declare const document: any, navigator: any;

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext(contextOptions(1280));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url('') });
  page = await context.newPage();
  await page.goto(url(PAGES['post-diff']));
});
afterAll(async () => {
  await browser?.close();
});

/** The body of the fenced block whose info string has title="<title>" (the n-th one). */
async function fence(file: string, title: string, n = 0): Promise<string> {
  const md = await readFile(new URL(`../../content/${file}`, import.meta.url), 'utf8');
  const blocks = [...md.matchAll(/^```[^\n]*title="([^"]+)"[^\n]*\n([^]*?)\n```$/gm)].filter(
    (m) => m[1] === title,
  );
  const body = blocks[n]?.[2];
  if (body === undefined) throw new Error(`no block titled ${title} in ${file}`);
  return body;
}

/** Tab from the code (a focusable <pre>) to its copy button, press Enter, read the clipboard. */
async function copyByKeyboard(figureIndex: number): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
  const pre = page.locator('figure.code-block pre').nth(figureIndex);
  await pre.focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    cls: document.activeElement?.className,
    label: document.activeElement?.getAttribute('aria-label'),
  }));
  expect(focused.cls).toBe('copy-code');
  expect(focused.label).toMatch(/^Copy code/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('copy button', () => {
  test('line numbers are never copied: the exact source of a numbered block', async () => {
    const figure = page.locator('figure.code-block').nth(0);
    expect(await figure.locator('pre').getAttribute('data-line-numbers')).not.toBeNull();
    const copied = await copyByKeyboard(0);
    expect(copied).toBe(await fence('posts/storage-engine-sstables.md', 'sst/block.go'));
    expect(copied).not.toMatch(/^\s*1\s/);
  });

  test('a diff copies the code after the change: no markers, no removed lines', async () => {
    const index = await page
      .locator('figure.code-block')
      .evaluateAll((fs) => fs.findIndex((f) => f.querySelector('.diff.remove')));
    expect(index).toBeGreaterThan(0);
    const copied = await copyByKeyboard(index);
    const source = await fence('posts/storage-engine-sstables.md', 'sst/filter.go', 1);
    const after = source
      .split('\n')
      .filter((l) => !l.includes('[!code --]'))
      .map((l) => l.replace(/\s*\/\/ \[!code \+\+\]$/, ''));
    expect(copied.split('\n').map((l) => l.trimEnd())).toEqual(after);
    expect(copied).not.toMatch(/\[!code|^[+−-]/m);
    expect(copied).toContain('switch f.version {');
    expect(copied).not.toContain(
      'h := hash32(key)\n\treturn uint64(h), uint64(h>>17 | h<<15)\n\tswitch',
    );
  });

  test('success is announced through a polite live region that existed before', async () => {
    const region = page.locator('[role="status"][aria-live="polite"].sr-only');
    expect(await region.count()).toBe(1);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await copyByKeyboard(1);
    await expect
      .poll(() => region.textContent(), { timeout: 2000 })
      .toBe('Code copied to the clipboard');
    // The button shows it too, then returns to "Copy".
    await page.waitForFunction(
      () => document.querySelectorAll('.copy-code[data-copied]').length === 0,
      undefined,
      { timeout: 4000 },
    );
  });

  test('every code block has one button, named after its file or language', async () => {
    const labels = await page
      .locator('figure.code-block > .copy-code')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    expect(labels).toEqual([
      'Copy code: sst/block.go',
      'Copy code: sst/filter.go',
      'Copy code: sst/filter.go',
    ]);
  });
});
