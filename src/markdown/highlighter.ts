import { bundledLanguages, createHighlighter, type Highlighter } from 'shiki';

export type { Highlighter };

/** Languages shiki renders without a grammar. */
const PLAIN = new Set(['text', 'txt', 'plain', 'plaintext']);

let shared: Promise<Highlighter> | undefined;

/**
 * One highlighter per process, shared by every renderer (a highlighter owns the WASM regex
 * engine and every loaded grammar; creating one per renderer would repeat that work).
 * Themes and languages are loaded into it on demand.
 */
export function sharedHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [], langs: [] });
  return shared;
}

/**
 * Wraps a highlighter with memoised, concurrency-safe loading: renders run in parallel and
 * may ask for the same grammar at the same time.
 */
export class HighlighterHandle {
  private readonly loading = new Map<string, Promise<boolean>>();

  constructor(readonly shiki: Highlighter) {}

  async loadThemes(names: string[]): Promise<void> {
    const loaded = new Set(this.shiki.getLoadedThemes());
    for (const name of names) {
      if (loaded.has(name)) continue;
      try {
        // Theme names come from the config; shiki checks them against its bundle.
        await this.shiki.loadTheme(name as Parameters<Highlighter['loadTheme']>[0]);
      } catch (cause) {
        throw new Error(
          `Unknown code theme "${name}" in markdown options; use one of shiki's bundled themes ` +
            `(e.g. github-light, github-dark).`,
          { cause },
        );
      }
    }
  }

  /**
   * The shiki language id to use for a fence language, or null when shiki does not know it.
   * Loads the grammar the first time. `lang` is lower-cased; aliases (`ts`, `sh`) are fine.
   */
  async resolve(lang: string): Promise<string | null> {
    if (lang === '' || PLAIN.has(lang)) return 'text';
    if (!Object.hasOwn(bundledLanguages, lang)) return null;
    let pending = this.loading.get(lang);
    if (!pending) {
      pending = this.shiki
        .loadLanguage(lang as keyof typeof bundledLanguages)
        .then(() => true)
        .catch(() => false);
      this.loading.set(lang, pending);
    }
    return (await pending) ? lang : null;
  }
}

const handles = new WeakMap<Highlighter, HighlighterHandle>();

/** One handle per highlighter, so renderers sharing a highlighter share its loading state. */
export function handleFor(shiki: Highlighter): HighlighterHandle {
  let handle = handles.get(shiki);
  if (!handle) {
    handle = new HighlighterHandle(shiki);
    handles.set(shiki, handle);
  }
  return handle;
}
