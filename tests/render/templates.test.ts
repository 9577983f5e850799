import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createRenderer, PAGE_TEMPLATES } from '../../src/render/index.js';
import type { Element } from 'hast';
import type { ImageVM, TemplateName } from '../../src/routes/view-model.js';
import { fixtures, postPage } from '../fixtures/render/view-models.js';
import { attr, byClass, byTag, elements, hasClass, meta, one, parse, text } from './html.js';

const renderer = createRenderer({ strictVariables: true });

async function render(name: TemplateName, props: unknown = fixtures[name]()) {
  const { html, templatesUsed } = await renderer.renderPage(name, props as never);
  return { html, templatesUsed, ...parse(html) };
}

describe('default theme', () => {
  test('the default theme has no template problems', async () => {
    expect(await renderer.check()).toEqual([]);
  });

  test.each(PAGE_TEMPLATES)('%s: valid, semantic HTML5 with landmarks and one h1', async (name) => {
    const { root, errors } = await render(name);
    expect(errors).toEqual([]);
    const html = one(byTag(root, 'html'), 'html');
    expect(attr(html, 'lang')).toBe('en');
    expect(byTag(root, 'h1')).toHaveLength(1);
    expect(byTag(root, 'title')).toHaveLength(1);
    if (name === 'redirect') return;
    const main = one(byTag(root, 'main'), 'main');
    expect(attr(main, 'id')).toBe('theme.main');
    expect(byTag(root, 'header').some((h) => hasClass(h, 'site-header'))).toBe(true);
    expect(byTag(root, 'footer').some((f) => hasClass(f, 'site-footer'))).toBe(true);
    for (const nav of byTag(root, 'nav')) expect(attr(nav, 'ariaLabel')).toBeTruthy();
    const skip = one(byClass(root, 'skip-link'), 'skip link');
    expect(attr(skip, 'href')).toBe('#theme.main');
    // Assets from the view-model only, never from another host.
    const css = elements(root, (e) => e.tagName === 'link' && attr(e, 'rel') === 'stylesheet');
    expect(css.map((l) => attr(l, 'href'))).toContain('/blog/css/site.css');
    for (const el of elements(root, (e) => ['link', 'script', 'img'].includes(e.tagName))) {
      const rel = attr(el, 'rel');
      if (rel === 'canonical') continue;
      const url = attr(el, 'href') ?? attr(el, 'src');
      if (url !== undefined) expect(url).toMatch(/^\/blog\//);
    }
    const scripts = elements(root, (e) => e.tagName === 'script' && !!attr(e, 'src'));
    // search.js (and Pagefind) load with the search page, elsewhere only when search is opened.
    expect(scripts.map((e) => attr(e, 'src'))).toEqual(
      name === 'search' ? ['/blog/js/site.js', '/blog/js/search.js'] : ['/blog/js/site.js'],
    );
    for (const js of scripts) expect(attr(js, 'defer')).toBe('true');
    for (const time of byTag(root, 'time'))
      expect(attr(time, 'dateTime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('rendering is deterministic', async () => {
    for (const name of PAGE_TEMPLATES) {
      const a = await render(name);
      const b = await render(name);
      expect(a.html).toBe(b.html);
    }
  });

  test('templatesUsed lists the page template, its layout and every partial, sorted', async () => {
    const expected = [
      'template:layouts/base.liquid',
      'template:partials/byline.liquid',
      'template:partials/footer.liquid',
      'template:partials/head.liquid',
      'template:partials/header.liquid',
      'template:partials/jsonld-post.liquid',
      'template:partials/picture.liquid',
      'template:partials/post-card.liquid',
      'template:partials/post-list.liquid',
      'template:partials/series-box.liquid',
      'template:partials/series-nav.liquid',
      'template:partials/toc.liquid',
      'template:partials/topic-list.liquid',
      'template:post.liquid',
    ];
    expect((await render('post')).templatesUsed).toEqual(expected);
    expect(await renderer.dependencies('post')).toEqual(expected);
    expect((await render('redirect')).templatesUsed).toEqual(['template:redirect.liquid']);
  });

  test('templateHashes and digest cover the theme', () => {
    const hashes = renderer.templateHashes();
    expect(Object.keys(hashes)).toContain('template:partials/head.liquid');
    expect(Object.keys(hashes)).toContain('template:post.liquid');
    expect(renderer.digest()).toMatch(/^[0-9a-f]{64}$/);
    expect(renderer.resolveTemplate('template:post.liquid')?.origin).toBe('default');
  });

  test('the inline theme script matches the CSP hash documented in the head partial', () => {
    const head = readFileSync(
      new URL('../../templates/partials/head.liquid', import.meta.url),
      'utf8',
    );
    const script = /<script>([^<]*)<\/script>/.exec(head)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(head).toContain(`'sha256-${hash}'`);
    expect(script).not.toMatch(/\{\{|\{%/);
  });
});

describe('post page', () => {
  test('header, meta, series box, toc, body, navigation, related', async () => {
    const { root } = await render('post');
    const h1 = one(byTag(root, 'h1'), 'h1');
    expect(text(h1)).toBe('Veth pairs: the cable between namespaces');
    const article = one(
      byTag(root, 'article').filter((a) => hasClass(a, 'post')),
      'article.post',
    );
    const times = byTag(article, 'time').slice(0, 2);
    expect(times.map((t) => attr(t, 'dateTime'))).toEqual(['2026-02-07', '2026-02-11']);
    expect(text(article)).toContain('14 min read');
    // The series box says which part this is; the meta line does not repeat it.
    expect(text(one(byClass(article, 'post-meta'), 'meta'))).not.toContain('Part 2 of 4');

    const box = one(byClass(root, 'series-box'), 'series box');
    expect(text(box).replace(/\s+/g, ' ')).toContain(
      'Part 2 of 4 in Container networking from scratch',
    );
    const current = elements(box, (e) => attr(e, 'ariaCurrent') === 'page');
    expect(current.map((e) => attr(e, 'href'))).toEqual(['/blog/posts/veth-pairs/']);
    expect(byTag(one(byClass(box, 'series-parts'), 'parts'), 'li')).toHaveLength(4);

    const toc = one(
      elements(root, (e) => e.tagName === 'nav' && attr(e, 'ariaLabel') === 'Table of contents'),
      'toc',
    );
    expect(byTag(toc, 'details')).toHaveLength(1);
    expect(byTag(toc, 'a').map((a) => attr(a, 'href'))).toEqual([
      '#creating-the-pair',
      '#why-not-a-bridge-yet',
      '#watching-packets-cross',
      '#throughput-roughly',
      '#fixing-the-routing-table',
      '#what-the-runtime-does-for-you',
    ]);

    // The body HTML goes through untouched.
    expect(byClass(root, 'code-block')).toHaveLength(5);
    expect(byClass(root, 'callout')).toHaveLength(4);

    const seriesNav = one(byClass(root, 'pager-series'), 'series pager');
    expect(byTag(seriesNav, 'a').map((a) => attr(a, 'href'))).toEqual([
      '/blog/posts/namespaces-101/',
      '/blog/posts/linux-bridges/',
    ]);
    const postsNav = one(byClass(root, 'pager-posts'), 'post pager');
    expect(text(postsNav)).toContain('Older post');
    expect(byTag(one(byClass(root, 'related'), 'related'), 'article')).toHaveLength(3);
  });

  test('head: canonical, description, OpenGraph, Twitter, feeds, article dates; KaTeX only with math', async () => {
    const { root, html } = await render('post');
    const link = (rel: string) =>
      elements(root, (e) => e.tagName === 'link' && attr(e, 'rel') === rel);
    expect(attr(one(link('canonical'), 'canonical'), 'href')).toBe(
      'https://ada.example.org/blog/posts/veth-pairs/',
    );
    expect(link('alternate').map((l) => attr(l, 'type'))).toEqual([
      'application/rss+xml',
      'application/atom+xml',
      'application/feed+json',
    ]);
    expect(meta(root, 'property', 'og:type')).toBe('article');
    expect(meta(root, 'property', 'og:image')).toBe(
      'https://ada.example.org/blog/posts/veth-pairs/social.png',
    );
    expect(meta(root, 'property', 'article:published_time')).toBe('2026-02-07');
    expect(meta(root, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(meta(root, 'name', 'robots')).toBeUndefined();
    const hrefs = link('stylesheet').map((l) => attr(l, 'href'));
    expect(hrefs).toEqual(['/blog/css/site.css', '/blog/vendor/katex/katex.min.css']);
    // KaTeX's stylesheet is in the body, right before the text: it does not hold back the header.
    const katex = one(
      elements(root, (e) => e.tagName === 'link' && attr(e, 'href')?.includes('katex') === true),
      'katex link',
    );
    const article = one(
      byTag(root, 'article').filter((a) => hasClass(a, 'post')),
      'article.post',
    );
    expect(elements(article, (e) => e === katex)).toHaveLength(1);
    expect(html.indexOf('katex.min.css')).toBeLessThan(html.indexOf('<div class="prose">'));

    const noMath = postPage();
    noMath.post.hasMath = false;
    const plain = await render('post', noMath);
    expect(plain.html).not.toContain('katex.min.css');
  });

  test('JSON-LD BlogPosting', async () => {
    const { root } = await render('post');
    const ld = one(
      elements(root, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json'),
      'ld+json',
    );
    expect(JSON.parse(text(ld))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'Veth pairs: the cable between namespaces',
      description:
        'Connect a network namespace to the host with a veth pair, route packets across it and measure what it costs.',
      datePublished: '2026-02-07',
      dateModified: '2026-02-11',
      url: 'https://ada.example.org/blog/posts/veth-pairs/',
      mainEntityOfPage: {
        '@type': 'WebPage',
        '@id': 'https://ada.example.org/blog/posts/veth-pairs/',
      },
      author: { '@type': 'Person', name: 'Ada Marlowe', url: 'https://ada.example.org/' },
      image: 'https://ada.example.org/blog/posts/veth-pairs/social.png',
      isPartOf: { '@type': 'CreativeWorkSeries', name: 'Container networking from scratch' },
      keywords: ['Networking', 'Containers'],
      wordCount: 3220,
      inLanguage: 'en',
    });
  });

  test('search indexing: posts and pages are indexed, drafts and chrome are not', async () => {
    const { root } = await render('post');
    const article = one(
      elements(root, (e) => attr(e, 'dataPagefindBody') !== undefined),
      'pagefind body',
    );
    expect(hasClass(article, 'post')).toBe(true);
    for (const cls of ['series-box', 'toc', 'chips', 'post-footer']) {
      expect(attr(one(byClass(root, cls), cls), 'dataPagefindIgnore')).toBeDefined();
    }
    const draft = postPage();
    draft.post.draft = true;
    expect((await render('post', draft)).html).not.toContain('data-pagefind-body');
    expect((await render('page')).html).toContain('data-pagefind-body');
    for (const name of ['home', 'archive', '404', 'redirect', 'search'] as const) {
      expect((await render(name)).html).not.toContain('data-pagefind-body');
    }
  });

  test('optional fields may be absent under strict variables', async () => {
    const p = postPage();
    const post = p.post as Partial<typeof p.post>;
    delete post.seriesBox;
    delete post.series;
    delete post.updated;
    delete post.updatedDisplay;
    delete post.prev;
    delete post.next;
    delete post.cover;
    delete p.page.image;
    post.related = [];
    post.toc = [];
    const { root, errors } = await render('post', p);
    expect(errors).toEqual([]);
    expect(byClass(root, 'series-box')).toHaveLength(0);
    expect(byClass(root, 'toc')).toHaveLength(0);
    expect(byClass(root, 'related')).toHaveLength(0);
    expect(meta(root, 'name', 'twitter:card')).toBe('summary');
    const ld = JSON.parse(
      text(elements(root, (e) => attr(e, 'type') === 'application/ld+json')[0]!),
    );
    expect(ld.dateModified).toBe('2026-02-07');
    expect(ld.image).toBeUndefined();
  });
});

describe('list and other pages', () => {
  test('home: intro, series cards, excerpts, "Read more" names the post, pagination', async () => {
    const { root } = await render('home');
    expect(text(one(byTag(root, 'h1'), 'h1'))).toBe('Packet Lore');
    const more = byClass(root, 'read-more');
    expect(more).toHaveLength(6);
    expect(text(more[0]!)).toBe('Read more: NAT, conntrack and the iptables maze →');
    expect(attr(more[0]!, 'href')).toBe('/blog/posts/nat-and-iptables/');
    const cards = byClass(root, 'series-card');
    expect(cards).toHaveLength(2);
    expect(text(cards[0]!)).toContain('4 of 6 published');
    const pager = one(byClass(root, 'pager-pages'), 'pagination');
    expect(text(pager)).toContain('Page 1 of 3');
    expect(byTag(pager, 'a').map((a) => attr(a, 'href'))).toEqual(['/blog/page/2/']);
    // Lists are lists.
    expect(byTag(one(byClass(root, 'post-list'), 'post list'), 'li')).toHaveLength(6);
  });

  test('series page: status, progress, parts in order with reading times, planned parts', async () => {
    const { root } = await render('series');
    expect(text(one(byTag(root, 'h1'), 'h1'))).toBe('Container networking from scratch');
    expect(text(root)).toContain('4 of 6 published');
    expect(text(root)).toContain('2 more parts are planned.');
    const parts = byTag(one(byClass(root, 'part-list'), 'parts'), 'li');
    expect(parts.map((li) => text(byClass(li, 'part-number')[0]!))).toEqual(['1', '2', '3', '4']);
    expect(text(parts[1]!)).toContain('14 min read');
    expect(text(parts[1]!)).not.toContain('Part 2 of 4 in');
    const cover = one(byClass(root, 'cover'), 'cover');
    expect([attr(cover, 'width'), attr(cover, 'height')]).toEqual(['1200', '500']);
  });

  test('covers the build processed are a <picture> like a Markdown image; eager only where they lead the page', async () => {
    const picture = (name: string): ImageVM['picture'] => ({
      sources: [
        {
          type: 'image/avif',
          srcset: `/blog/_img/${name}-480-a.avif 480w, /blog/_img/${name}-800-b.avif 800w`,
        },
        {
          type: 'image/webp',
          srcset: `/blog/_img/${name}-480-c.webp 480w, /blog/_img/${name}-800-d.webp 800w`,
        },
      ],
      src: `/blog/_img/${name}-800-e.jpg`,
      srcset: `/blog/_img/${name}-480-f.jpg 480w, /blog/_img/${name}-800-e.jpg 800w`,
      sizes: '(min-width: 48rem) 42rem, 100vw',
    });
    const cover = (name: string): ImageVM => ({
      src: `/blog/${name}.jpg`,
      alt: `Cover ${name}`,
      width: 800,
      height: 400,
      picture: picture(name)!,
    });
    const describeImg = (el: Element) => ({
      parent: el.tagName,
      sources: byTag(el, 'source').map((s) => `${attr(s, 'type')} ${attr(s, 'sizes')}`),
      img: byTag(el, 'img').map((i) =>
        [
          'src',
          'srcSet',
          'width',
          'height',
          'alt',
          'className',
          'loading',
          'fetchPriority',
          'decoding',
        ]
          .map((k) => `${k}=${attr(i, k) ?? '-'}`)
          .join(' '),
      ),
    });
    const sizes = '(min-width: 48rem) 42rem, 100vw';

    // Post page: the cover in the header, above the fold.
    const p = postPage();
    p.post.cover = cover('post');
    const post = await render('post', p);
    expect(post.errors).toEqual([]);
    const pictures = byTag(one(byClass(post.root, 'post-header'), 'header'), 'picture');
    expect(pictures.map(describeImg)).toEqual([
      {
        parent: 'picture',
        sources: [`image/avif ${sizes}`, `image/webp ${sizes}`],
        img: [
          `src=/blog/_img/post-800-e.jpg srcSet=/blog/_img/post-480-f.jpg 480w, /blog/_img/post-800-e.jpg 800w width=800 height=400 alt=Cover post className=cover loading=eager fetchPriority=high decoding=-`,
        ],
      },
    ]);

    // Series index: two cards with covers, only the first may load eagerly.
    const index = fixtures['series-index']();
    index.series = index.series.map((s, i) => ({ ...s, cover: cover(`s${i}`) }));
    const list = await render('series-index', index);
    const imgs = byTag(list.root, 'img');
    expect(
      imgs.map((i) => [
        attr(i, 'src'),
        attr(i, 'loading'),
        attr(i, 'fetchPriority') ?? '-',
        attr(i, 'decoding') ?? '-',
      ]),
    ).toEqual([
      ['/blog/_img/s0-800-e.jpg', 'eager', 'high', '-'],
      ['/blog/_img/s1-800-e.jpg', 'lazy', '-', 'async'],
    ]);
    expect(imgs.every((i) => hasClass(i, 'series-card-cover'))).toBe(true);

    // A cover without variants (remote, SVG, images off) stays a plain <img> with what is known.
    const series = fixtures.series();
    series.series.cover = { src: 'https://cdn.example/c.png', alt: 'Remote' };
    const plain = await render('series', series);
    expect(byTag(plain.root, 'picture')).toHaveLength(0);
    expect(describeImg(one(byClass(plain.root, 'page-header'), 'header')).img).toEqual([
      'src=https://cdn.example/c.png srcSet=- width=- height=- alt=Remote className=cover loading=eager fetchPriority=high decoding=-',
    ]);
  });

  test('topic page: intro, series and posts', async () => {
    const { root } = await render('topic');
    expect(byClass(root, 'series-card')).toHaveLength(1);
    expect(byClass(root, 'card').length).toBeGreaterThan(3);
    expect(text(root)).toContain('Follow this topic (RSS)');
  });

  test('archive: one section per year with a list of posts', async () => {
    const { root } = await render('archive');
    const years = byClass(root, 'archive-year');
    expect(years.map((y) => text(byTag(y, 'h2')[0]!))).toEqual(['2026 6 posts', '2025 2 posts']);
    expect(byTag(byTag(years[1]!, 'ul')[0]!, 'li')).toHaveLength(2);
  });

  test('404 offers a way back', async () => {
    const { root } = await render('404');
    const links = byTag(one(byClass(root, 'not-found-actions'), 'actions'), 'a').map((a) =>
      attr(a, 'href'),
    );
    expect(links).toEqual(['/blog/', '/blog/search/']);
    expect(meta(root, 'name', 'robots')).toBe('noindex');
  });

  test('redirect: meta refresh, canonical, noindex and a link', async () => {
    const { root } = await render('redirect');
    const target = 'https://ada.example.org/blog/posts/veth-pairs/';
    const refresh = one(
      elements(root, (e) => attr(e, 'httpEquiv') === 'refresh'),
      'refresh',
    );
    expect(attr(refresh, 'content')).toBe(`0; url=${target}`);
    const canonical = one(
      elements(root, (e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical'),
      'canonical',
    );
    expect(attr(canonical, 'href')).toBe(target);
    expect(meta(root, 'name', 'robots')).toBe('noindex');
    expect(byTag(root, 'a').map((a) => attr(a, 'href'))).toEqual([target]);
  });

  test('search: a labelled form wired to Pagefind under basePath, and a noscript message', async () => {
    const { root, html } = await render('search');
    const box = one(
      elements(root, (e) => attr(e, 'id') === 'search'),
      '#search',
    );
    expect(attr(box, 'dataBundle')).toBe('/blog/pagefind/');
    expect(attr(box, 'dataBase')).toBe('/blog/');
    const form = one(byTag(box, 'form'), 'form');
    expect(attr(form, 'role')).toBe('search');
    expect(attr(form, 'action')).toBe('/blog/search/');
    const input = one(byTag(form, 'input'), 'input');
    expect(attr(input, 'name')).toBe('q');
    const label = one(byTag(form, 'label'), 'label');
    expect(attr(label, 'htmlFor')).toBe(attr(input, 'id'));
    expect(one(byClass(box, 'search-status'), 'status').properties['ariaLive']).toBe('polite');
    expect(html).toMatch(/<noscript><p class="notice">Search needs JavaScript\./);
    expect(meta(root, 'name', 'robots')).toBe('noindex');
  });

  test('the header search link opens search with scripts and leads to the search page without', async () => {
    const { root } = await render('post');
    const link = one(byClass(root, 'nav-search'), 'search link');
    expect(attr(link, 'href')).toBe('/blog/search/');
    expect(attr(link, 'dataSearchJs')).toBe('/blog/js/search.js');
    expect(attr(link, 'dataBundle')).toBe('/blog/pagefind/');
    expect(attr(link, 'ariaKeyShortcuts')).toBe('/');
  });

  test('navigation marks the current page', async () => {
    const { root } = await render('archive');
    const nav = one(
      elements(root, (e) => e.tagName === 'nav' && attr(e, 'ariaLabel') === 'Site'),
      'site nav',
    );
    const current = elements(nav, (e) => attr(e, 'ariaCurrent') === 'page');
    expect(current.map((a) => attr(a, 'href'))).toEqual(['/blog/archive/']);
  });

  test('standalone page: title, updated date, body, no KaTeX without math', async () => {
    const { root, html } = await render('page');
    expect(text(one(byTag(root, 'h1'), 'h1'))).toBe('About');
    expect(html).toContain('<a href="mailto:ada@example.org">');
    expect(html).not.toContain('katex');
  });
});
