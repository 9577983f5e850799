import { Liquid } from 'liquidjs';
import { jsonForScript, withoutClock } from './filters.js';
import { slot, translate } from './strings.js';
import { EXTNAME, type TemplateStore } from './store.js';

export interface RenderLimits {
  /** Maximum characters parsed per template file. */
  parseLimit: number;
  /** Maximum wall-clock milliseconds for rendering one page. */
  renderLimit: number;
  /** Maximum characters of strings built by filters and tags while rendering one page. */
  memoryLimit: number;
}

export const DEFAULT_LIMITS: RenderLimits = {
  parseLimit: 10_000_000,
  renderLimit: 10_000,
  memoryLimit: 100_000_000,
};

/**
 * LiquidJS as every template of the site runs in it (pages and directives): over the in-memory
 * snapshot of the template folders, HTML-escaped output, strict filters, no clock or locale of
 * the machine, bounded parse and render work, and our filters (`json`, `jsonify`, `date`, `t`, `slot`).
 */
export function createLiquid(
  store: TemplateStore,
  options: { strictVariables: boolean; limits: RenderLimits },
): Liquid {
  const { limits } = options;
  const liquid = new Liquid({
    fs: store.liquidFs(),
    root: store.roots,
    extname: EXTNAME,
    relativeReference: false,
    cache: true,
    outputEscape: 'escape',
    strictFilters: true,
    strictVariables: options.strictVariables,
    // `{% if post.updated %}` must work for optional fields even with strict variables.
    lenientIf: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimit,
    memoryLimit: limits.memoryLimit,
    // Deterministic output: no date filter should ever depend on the machine.
    timezoneOffset: 0,
    locale: 'en-US',
  });
  liquid.registerFilter('json', jsonForScript);
  liquid.registerFilter('jsonify', jsonForScript);
  liquid.registerFilter('t', translate);
  liquid.registerFilter('slot', slot);
  const date = liquid.filters['date'];
  if (typeof date === 'function') liquid.registerFilter('date', withoutClock(date));
  return liquid;
}
