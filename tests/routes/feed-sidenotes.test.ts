import { expect, test } from 'vitest';
import { renderMarkdown } from '../../src/markdown/index.js';
import { withoutSidenotes } from '../../src/routes/absolute-html.js';

test('feeds carry a body without its sidenotes: the same bytes as plain footnotes', async () => {
  const source =
    'A note[^a] and <span class="x">raw *span*</span>.\n\n- item[^b]\n\n' +
    '[^a]: With <span>nested</span> HTML and $x^2$ math.\n[^b]: Two.\n\n    Paragraphs.\n';
  const withNotes = (await renderMarkdown(source)).html;
  const plain = (await renderMarkdown(source, { sidenotes: false })).html;
  expect(withNotes).toContain('class="sidenote"');
  expect(
    withoutSidenotes(withNotes).replace(' class="footnotes sidenoted"', ' class="footnotes"'),
  ).toBe(plain);
});
