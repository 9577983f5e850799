import { outputPathFor } from '../graph/index.js';
import type { PageInputs } from './inputs.js';
import type { HtmlPlan } from './types.js';
import type { ListReads } from './views.js';
import type { PaginationVM, TemplateName, TemplateProps } from './view-model.js';

/** Whether a page is listed in sitemap.xml and indexed for search; where it goes if not `url`. */
export interface PlanFlags {
  sitemap: boolean;
  searchable: boolean;
  /** Output path, when it does not follow from the URL (404.html). */
  outPath?: string;
}

/**
 * The plan of an HTML page: its template, view-model and URL, with the inputs `t` recorded. Its
 * dependencies are sealed here: the page's key is made from them before it renders.
 */
export function htmlPlan<K extends TemplateName>(
  t: PageInputs,
  template: K,
  url: string,
  props: TemplateProps[K],
  flags: PlanFlags,
): HtmlPlan {
  const outPath = flags.outPath ?? outputPathFor(t.settings().basePath, url);
  t.deps.seal();
  return {
    kind: 'html',
    template,
    props,
    url,
    outPath,
    deps: t.deps,
    sitemap: flags.sitemap,
    searchable: flags.searchable,
  } as HtmlPlan;
}

/**
 * Page `n` of a paginated list (home, topic hubs): `size` items per page, at least one page.
 * `pageUrl(k)` is the URL of page k; `links` are the page's `<link rel=prev/next>` for its meta.
 * Records the page's items and the number of pages, not the whole list.
 */
export function paginate<T>(
  list: ListReads<T>,
  size: number,
  n: number,
  pageUrl: (k: number) => string,
): {
  items: readonly T[];
  pagination: PaginationVM;
  links: { prevUrl?: string; nextUrl?: string };
} {
  const total = list.pages(size);
  const pagination: PaginationVM = { page: n, totalPages: total };
  if (n > 1) pagination.prevUrl = pageUrl(n - 1);
  if (n < total) pagination.nextUrl = pageUrl(n + 1);
  return {
    items: list.slice((n - 1) * size, n * size),
    pagination,
    links: {
      ...(pagination.prevUrl ? { prevUrl: pagination.prevUrl } : {}),
      ...(pagination.nextUrl ? { nextUrl: pagination.nextUrl } : {}),
    },
  };
}

/** How many pages a list of `length` items takes, `size` per page: at least one. */
export const pageCount = (length: number, size: number): number =>
  Math.max(1, Math.ceil(length / size));
