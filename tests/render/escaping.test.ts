import { describe, expect, test } from 'vitest';
import { createRenderer, jsonForScript, PAGE_TEMPLATES } from '../../src/render/index.js';
import { fixtures, HOSTILE, hostile } from '../fixtures/render/view-models.js';
import { attr, byTag, elements, meta, one, parse, text } from './html.js';

/**
 * Every author-controlled string becomes HOSTILE, which tries to close the element, the attribute
 * and the script it lands in. The parsed page must contain it as text, never as markup.
 */
describe('hostile strings are escaped in every context', () => {
  const renderer = createRenderer({ strictVariables: true });

  test.each(PAGE_TEMPLATES)('%s', async (name) => {
    const props = hostile(fixtures[name]());
    const { html } = await renderer.renderPage(name, props as never);
    const { root, errors } = parse(html);

    // Raw: neither the tag nor the attribute break-out survives anywhere (JSON-LD, where a
    // quote is `\"`, is checked below).
    const outsideJson = html.replace(/<script type="application\/ld\+json">[^]*?<\/script>/, '');
    expect(outsideJson).not.toContain('<script>alert(1)');
    expect(outsideJson).not.toContain('"onmouseover=');
    expect(outsideJson).not.toContain('</title></script>');
    expect(errors).toEqual([]);

    // Parsed: no element gained an event handler, no extra script appeared.
    for (const el of elements(root)) {
      for (const key of Object.keys(el.properties)) expect(key.toLowerCase()).not.toMatch(/^on/);
    }
    const scripts = byTag(root, 'script');
    for (const s of scripts) {
      const type = attr(s, 'type');
      const src = attr(s, 'src');
      if (type === 'application/ld+json') continue;
      if (src) expect(['/blog/js/site.js', '/blog/js/search.js']).toContain(src);
      else expect(text(s)).toMatch(/^try\{var t=localStorage/);
    }

    if (name === 'redirect') return;
    // The title and the description reach the document as the exact text.
    expect(text(one(byTag(root, 'title'), 'title'))).toBe(HOSTILE);
    expect(meta(root, 'name', 'description')).toBe(HOSTILE);
    expect(meta(root, 'property', 'og:title')).toBe(HOSTILE);
    expect(meta(root, 'name', 'twitter:description')).toBe(HOSTILE);
    expect(meta(root, 'name', 'author')).toBe(HOSTILE);
    // Attributes keep the hostile text whole (e.g. feed titles, aria-labels).
    for (const link of elements(
      root,
      (e) => e.tagName === 'link' && attr(e, 'rel') === 'alternate',
    )) {
      expect(attr(link, 'title')).toBe(HOSTILE);
    }
    expect(text(root)).toContain(HOSTILE);
  });

  test.each(PAGE_TEMPLATES)(
    '%s: the theme strings (config `strings`) are text too',
    async (name) => {
      type Strings = Record<string, unknown>;
      const props = fixtures[name]() as { site: { strings: Strings; scriptStrings: Strings } };
      const strings = props.site.strings;
      for (const key of Object.keys(strings))
        strings[key] = typeof strings[key] === 'string' ? `${HOSTILE}{page}` : { other: HOSTILE };
      const script = props.site.scriptStrings;
      for (const key of Object.keys(script)) script[key] = HOSTILE;
      const { html } = await renderer.renderPage(name, props as never);
      const { root, errors } = parse(html);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('"onmouseover=');
      expect(errors).toEqual([]);
      for (const el of elements(root)) {
        for (const key of Object.keys(el.properties)) expect(key.toLowerCase()).not.toMatch(/^on/);
      }
      expect(text(root)).toContain(HOSTILE);
      // public/js reads its strings back whole from <body data-strings>.
      if (name === 'redirect') return;
      const body = one(byTag(root, 'body'), 'body');
      expect(JSON.parse(String(attr(body, 'dataStrings'))).copy).toBe(HOSTILE);
    },
  );

  test('post: JSON-LD stays valid JSON and carries the hostile text exactly', async () => {
    const props = hostile(fixtures.post());
    const { html } = await renderer.renderPage('post', props);
    const ld = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(html)![1]!;
    expect(ld).not.toMatch(/[<>]/);
    const data = JSON.parse(ld);
    expect(data.headline).toBe(HOSTILE);
    expect(data.description).toBe(HOSTILE);
    expect(data.author.name).toBe(HOSTILE);
    expect(data.keywords).toEqual([HOSTILE, HOSTILE]);
    expect(data.isPartOf.name).toBe(HOSTILE);
  });

  test('post: series box, TOC entries, chips and pager titles are text', async () => {
    const props = hostile(fixtures.post());
    const { html } = await renderer.renderPage('post', props);
    const { root } = parse(html);
    const toc = one(
      elements(root, (e) => attr(e, 'ariaLabel') === 'Table of contents'),
      'toc',
    );
    expect(byTag(toc, 'a').every((a) => text(a) === HOSTILE)).toBe(true);
    const seriesNav = elements(
      root,
      (e) => e.tagName === 'nav' && (attr(e, 'ariaLabel') ?? '').startsWith('Series'),
    );
    expect(attr(one(seriesNav, 'series nav'), 'ariaLabel')).toBe(`Series “${HOSTILE}”`);
  });
});

describe('json filter', () => {
  test('escapes what could end a script or confuse old parsers, and stays the same JSON', () => {
    const value = { a: '</script><!--', b: 'x & y > z', c: '\u2028\u2029', d: [1, null, true] };
    const out = jsonForScript(value);
    expect(out).toBe(
      '{"a":"\\u003c/script\\u003e\\u003c!--","b":"x \\u0026 y \\u003e z","c":"\\u2028\\u2029","d":[1,null,true]}',
    );
    expect(JSON.parse(out)).toEqual(value);
    expect(jsonForScript(undefined)).toBe('null');
    expect(jsonForScript('a', 2)).toBe('"a"');
  });
});
