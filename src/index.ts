/** Colophon's programmatic API. */
export { buildSite, type BuildOptions, type BuildResult } from './pipeline/index.js';
export { renderMarkdown, createMarkdownRenderer } from './markdown/index.js';
export type { RenderedMarkdown, MarkdownOptions, RenderContext } from './markdown/types.js';
export { defineConfig, type UserConfig, type SiteConfig } from './config/index.js';
export type { Diagnostic, SourceSpan } from './diagnostics/index.js';
