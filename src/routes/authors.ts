import { fillString } from '../config/strings/index.js';
import { FIXED } from '../graph/index.js';
import type { PageInputs } from './inputs.js';
import { htmlPlan, paginate } from './plan.js';
import type { HtmlPlan } from './types.js';
import type { AuthorIndexVM, AuthorMetaVM, AuthorPageVM } from './view-model.js';

/**
 * An author's page, paginated like a topic hub (`/authors/x/`, `/authors/x/page/2/`): the first
 * page has the bio (the author file's body), every page `pageSize` of their posts, newest first.
 */
export function planAuthor(t: PageInputs, id: string, n: number): HtmlPlan {
  const a = t.author(id);
  const site = t.settings();
  const card = t.authorCard(id);
  const pageUrl = (k: number) => (k === 1 ? a.url : `${a.url}page/${k}/`);
  const { items, pagination, links } = paginate(t.authorPosts(id), site.pageSize, n, pageUrl);
  const bioHtml = n === 1 && a.entry ? t.body(`author:${id}`).html : '';
  const feeds = t.feedsFor(a.url.slice(site.basePath.length - 1));
  const image = t.socialCard(`author:${id}`);
  const url = pageUrl(n);
  const description = fillString(site.strings.authorDescription, {
    name: card.name,
    site: site.title,
  });
  const props: AuthorPageVM = {
    site: t.site(),
    page: t.meta(
      'author',
      url,
      n === 1 ? card.name : fillString(site.strings.pagedTitle, { title: card.name, page: n }),
      description,
      { ...(image ? { image } : {}), ...links, authors: authorsMeta(t, [id]) },
      { title: card.name, links: feeds },
    ),
    author: { ...card, bioHtml, posts: items.map((p) => t.card(p)), feeds },
    pagination,
  };
  return htmlPlan(t, 'author', url, props, { sitemap: true, searchable: n === 1 });
}

/** Every author, by name: only on a site with more than one (planRoutes decides). */
export function planAuthorIndex(t: PageInputs): HtmlPlan {
  const site = t.settings();
  const url = t.url(FIXED.authorIndex);
  const props: AuthorIndexVM = {
    site: t.site(),
    page: t.meta(
      'author-index',
      url,
      fillString(site.strings.authors),
      fillString(site.strings.authorsDescription, { site: site.title }),
    ),
    authors: t
      .authorIds()
      .all()
      .map((id) => t.authorCard(id)),
  };
  return htmlPlan(t, 'author-index', url, props, { sitemap: true, searchable: false });
}

/** Authors as `<head>` and JSON-LD name them: name, page, profiles (read through `t`). */
export function authorsMeta(t: PageInputs, ids: readonly string[]): AuthorMetaVM[] {
  return ids.map((id) => {
    const a = t.author(id);
    return { name: a.name, url: t.abs(a.url), sameAs: [...(a.entry?.links ?? [])] };
  });
}
