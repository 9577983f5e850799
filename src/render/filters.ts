import type { FilterImplOptions } from 'liquidjs';

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;
type FilterImpl = ThisParameterType<FilterHandler>;

/**
 * Filters added to LiquidJS. None of them needs a clock, a locale or the file system: the
 * view-model brings display strings (dates, reading times) ready to print.
 */

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * JSON that is safe to place inside `<script type="application/ld+json">` (or any `<script>`):
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026` so neither `</script>` nor `<!--` can
 * appear, and U+2028/U+2029 are escaped for old JavaScript parsers. The result is still exactly
 * the same JSON value. `undefined` becomes `null`.
 *
 * The filter is *not* marked raw: outside a script, auto-escaping still applies. Inside a script
 * write `{{ value | json | raw }}` — `raw` there is safe precisely because of this escaping.
 */
export function jsonForScript(value: unknown, indent?: unknown): string {
  const space = typeof indent === 'number' && indent > 0 ? Math.min(indent, 10) : undefined;
  const text = JSON.stringify(value === undefined ? null : value, null, space) ?? 'null';
  return text.replace(
    UNSAFE_IN_SCRIPT,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/**
 * Wrap LiquidJS's `date` filter so a template cannot read the clock (`"now"`, `"today"`): the same
 * input must always give the same bytes. Dates come from the view-model, already formatted.
 */
export function withoutClock(date: FilterHandler): FilterHandler {
  return function (this: FilterImpl, value: unknown, ...args: unknown[]) {
    if (value === 'now' || value === 'today') {
      throw new Error(
        `the date filter cannot read the clock ("${value}"): pages must not change between builds; use the view-model's dates (e.g. post.dateDisplay)`,
      );
    }
    return date.call(this, value, ...args);
  };
}
