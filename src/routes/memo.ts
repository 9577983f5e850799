import { absolutizeHtml, htmlToText, withoutSidenotes } from './absolute-html.js';
import { lazyImages } from './images.js';
import type { RenderedBody } from './types.js';

/**
 * Strings derived from bodies and excerpts, kept across planning passes: a `serve` session plans
 * again after every edit, and most bodies did not change. Owned by whoever runs the planning
 * (the pipeline keeps one per session) and handed in with the route inputs; nothing here is
 * module-level state.
 */
export class RouteMemo {
  /** A full body with absolute URLs, per body object and page URL (feeds). */
  private readonly absolute = new WeakMap<RenderedBody, Map<string, string>>();
  /** Plain text of excerpt HTML (meta descriptions). */
  private readonly plain = new Map<string, string>();

  /**
   * A body as feeds carry it: URLs made absolute against its page, and every image lazy (a feed
   * reader shows many entries at once). Kept with the body it came from (the same object from
   * one rebuild to the next while the post is unchanged), so only changed bodies are redone.
   */
  feedBody(body: RenderedBody, pageUrl: string): string {
    let byUrl = this.absolute.get(body);
    if (!byUrl) this.absolute.set(body, (byUrl = new Map()));
    let html = byUrl.get(pageUrl);
    if (html === undefined) {
      html = lazyImages(absolutizeHtml(withoutSidenotes(body.html), pageUrl));
      byUrl.set(pageUrl, html);
    }
    return html;
  }

  /**
   * A list's summary of a post: the description, else the excerpt's text, cut at a word boundary
   * after `words` words (with an ellipsis).
   */
  summary(description: string, excerptHtml: string, words: number): string {
    const key = `${words}\0${description}\0${excerptHtml}`;
    let text = this.plain.get(key);
    if (text === undefined) {
      if (this.plain.size > 50_000) this.plain.clear();
      const all = (description || htmlToText(excerptHtml, words * 20)).split(/\s+/).filter(Boolean);
      text =
        all.length <= words
          ? all.join(' ')
          : `${all
              .slice(0, words)
              .join(' ')
              .replace(/[\s,;:.–—-]+$/, '')}…`;
      this.plain.set(key, text);
    }
    return text;
  }

  /** Plain text for meta descriptions from excerpt HTML. */
  plainText(html: string): string {
    let text = this.plain.get(html);
    if (text === undefined) {
      if (this.plain.size > 50_000) this.plain.clear();
      text = htmlToText(html);
      this.plain.set(html, text);
    }
    return text;
  }
}
