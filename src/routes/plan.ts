import { outputPathFor } from '../graph/index.js';
import type { Tracker } from './context.js';
import type { HtmlPlan } from './types.js';
import type { PaginationVM, TemplateName, TemplateProps } from './view-model.js';

/** Whether a page is listed in sitemap.xml and indexed for search; where it goes if not `url`. */
export interface PlanFlags {
  sitemap: boolean;
  searchable: boolean;
  /** Output path, when it does not follow from the URL (404.html). */
  outPath?: string;
}

/** The plan of an HTML page: its template, view-model and URL, with the inputs `t` recorded. */
export function htmlPlan<K extends TemplateName>(
  t: Tracker,
  template: K,
  url: string,
  props: TemplateProps[K],
  flags: PlanFlags,
): HtmlPlan {
  return {
    kind: 'html',
    template,
    props,
    url,
    outPath: flags.outPath ?? outputPathFor(t.data.inputs.site.basePath, url),
    deps: t.deps,
    sitemap: flags.sitemap,
    searchable: flags.searchable,
  } as HtmlPlan;
}

/**
 * One page of a paginated list (home, topic hubs): `size` items per page, at least one page.
 * `pageUrl(k)` is the URL of page k; `links` are the page's `<link rel=prev/next>` for its meta.
 */
export function paginate<T>(
  items: readonly T[],
  size: number,
  n: number,
  pageUrl: (k: number) => string,
): {
  items: T[];
  pagination: PaginationVM;
  links: { prevUrl?: string; nextUrl?: string };
} {
  const total = pageCount(items.length, size);
  const pagination: PaginationVM = { page: n, totalPages: total };
  if (n > 1) pagination.prevUrl = pageUrl(n - 1);
  if (n < total) pagination.nextUrl = pageUrl(n + 1);
  return {
    items: items.slice((n - 1) * size, n * size),
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
