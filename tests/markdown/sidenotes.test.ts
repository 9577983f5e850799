import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/markdown/index.js';

const SOURCE = `Intro with a note.[^a] More text, and the same note again.[^a]

- an item with a note[^b]

> quoted, with a note[^c]

[^a]: The first note, with [a link](https://example.com) and \`code\`.
[^b]: One.

    Two paragraphs.
[^c]: Quoted.
`;

describe('sidenotes: a margin copy of each footnote after its first reference', () => {
  test('an aria-hidden copy with no ids, no back-link and no tab stops', async () => {
    const { html } = await renderMarkdown(SOURCE);
    expect(html).toContain(
      '<sup><a href="#user-content-fn-a" id="user-content-fnref-a" data-footnote-ref aria-describedby="footnote-label">1</a></sup>' +
        '<span class="sidenote" aria-hidden="true" data-pagefind-ignore=""><span class="sidenote-number">1</span>' +
        'The first note, with <a href="https://example.com" tabindex="-1">a link</a> and <code>code</code>.</span> More text',
    );
    // One copy per note, even when it is referenced twice.
    expect(html.match(/class="sidenote"/g)).toHaveLength(3);
    expect(html).toContain(
      'note<sup><a href="#user-content-fn-b" id="user-content-fnref-b" data-footnote-ref aria-describedby="footnote-label">2</a></sup>' +
        '<span class="sidenote" aria-hidden="true" data-pagefind-ignore=""><span class="sidenote-number">2</span>' +
        '<span class="sidenote-p">One.</span><span class="sidenote-p">Two paragraphs.</span></span></li>',
    );
    expect(html).toContain(
      'data-footnote-ref aria-describedby="footnote-label">3</a></sup><span class="sidenote"',
    );
    // The footnotes themselves are untouched; every note has a copy, so the section says so.
    expect(html).toContain('<section data-footnotes class="footnotes sidenoted">');
    expect(html).toContain(
      'aria-label="Back to reference 3" class="data-footnote-backref">↩</a></p>',
    );
  });

  test('a reference in a table or heading, or a note that is more than paragraphs, gets no copy', async () => {
    const { html } = await renderMarkdown(
      '| a |\n| - |\n| cell[^t] |\n\nText.[^l]\n\n[^t]: In a table.\n[^l]: A list:\n\n    - one\n',
    );
    expect(html).not.toContain('class="sidenote"');
    expect(html).toContain('<section data-footnotes class="footnotes">');
  });

  test('markdown.sidenotes: false leaves plain footnotes', async () => {
    const { html } = await renderMarkdown(SOURCE, { sidenotes: false });
    expect(html).not.toContain('sidenote');
  });

  test('the excerpt carries neither the reference nor its copy', async () => {
    const { excerptHtml } = await renderMarkdown(SOURCE);
    expect(excerptHtml).toBe('<p>Intro with a note. More text, and the same note again.</p>');
  });
});
