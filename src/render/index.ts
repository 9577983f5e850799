/**
 * The render stage: PagePlan props -> HTML through LiquidJS templates. The only module that
 * reads `templates/` (the site's own, layered over the bundled default theme).
 */
export { createRenderer, DEFAULT_LIMITS, PAGE_TEMPLATES } from './renderer.js';
export type { Renderer, RendererOptions, RenderedPage, RenderLimits } from './renderer.js';
export { jsonForScript } from './filters.js';
export {
  createDirectiveRenderer,
  type DirectiveRenderer,
  type DirectiveRendererOptions,
} from './directives.js';
export { RULES as TEMPLATE_RULES } from './errors.js';
export { defaultTemplatesDir } from './store.js';
export type { TemplateOrigin } from './store.js';
