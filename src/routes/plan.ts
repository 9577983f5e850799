import { outputPathFor } from '../graph/index.js';
import type { Tracker } from './context.js';
import type { HtmlPlan } from './types.js';
import type { TemplateName, TemplateProps } from './view-model.js';

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
