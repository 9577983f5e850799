import { IncludeTag, LayoutTag, LookupType, RenderTag } from 'liquidjs';
import type { Liquid, Template } from 'liquidjs';
import { error } from '../diagnostics/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseErrorToDiagnostic, RULES, spanOf } from './errors.js';
import type { TemplateFile, TemplateStore } from './store.js';

/**
 * The static closure of a page template: the template itself plus every layout and partial it can
 * reach through `{% layout %}`, `{% include %}` and `{% render %}`, in both branches of every
 * `{% if %}`. It is computed once per template by walking the parsed trees (the same parsed trees
 * LiquidJS caches and renders with), so it costs nothing per page and does not depend on which
 * branch one page happens to take. A superset of what one page reads is exactly right for a
 * dependency graph: a page never misses a rebuild.
 *
 * Two restrictions make this exact, and are reported as diagnostics:
 * - partial names must be string literals (`{% include 'partials/head' %}`), not variables;
 * - templates must not include themselves (recursion), directly or through other templates.
 */
export interface Closure {
  /** Files in first-use order, the page template first. */
  files: TemplateFile[];
  diagnostics: Diagnostic[];
}

export async function computeClosure(
  liquid: Liquid,
  store: TemplateStore,
  rootName: string,
): Promise<Closure> {
  const files: TemplateFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const root = store.lookup(rootName);
  if (!root) {
    diagnostics.push(
      error(
        RULES.missingPartial,
        `There is no \`${rootName}.liquid\` page template in the site's templates/ folder nor in the default theme. Create templates/${rootName}.liquid.`,
      ),
    );
    return { files, diagnostics };
  }

  async function visitFile(file: TemplateFile, name: string, kind: LookupType, chain: string[]) {
    state.set(file.key, 'visiting');
    files.push(file);
    let templates: Template[];
    try {
      // Same names and lookup kinds as the tags use at render time, so the parse is cached once.
      // Synchronously: the template cache then holds parsed templates, not promises, and pages
      // render with renderFileSync (renderer.ts).
      templates = liquid.parseFileSync(name, kind);
    } catch (err) {
      diagnostics.push(parseErrorToDiagnostic(err, store, file));
      state.set(file.key, 'done');
      return;
    }
    await visitTemplates(templates, file, [...chain, file.rel]);
    state.set(file.key, 'done');
  }

  async function visitTemplates(templates: Template[], file: TemplateFile, chain: string[]) {
    for (const tpl of templates) {
      if (tpl instanceof IncludeTag || tpl instanceof RenderTag || tpl instanceof LayoutTag) {
        const isLayout = tpl instanceof LayoutTag;
        if (isLayout) {
          // The template's own blocks, rendered into the layout.
          await visitTemplates(drain(tpl.children(false)), file, chain);
          if (tpl.file === undefined) continue; // {% layout none %}
        }
        const scope = tpl.partialScope();
        const span = spanOf(tpl.token, store, file);
        if (!scope) {
          diagnostics.push(
            error(
              RULES.dynamicPartial,
              `The template name in \`${tpl.token.getText()}\` is computed at render time, so Colophon cannot tell which pages depend on it. Write the name as a quoted string, e.g. {% include 'partials/card' %}.`,
              span,
            ),
          );
          continue;
        }
        const target = store.lookup(scope.name);
        if (!target) {
          diagnostics.push(
            error(
              RULES.missingPartial,
              `The template \`${scope.name}\` does not exist in the site's templates/ folder nor in the default theme. Create ${withExt(scope.name)} or fix the name.`,
              span,
            ),
          );
          continue;
        }
        const seen = state.get(target.key);
        if (seen === 'visiting') {
          const cycle = [...chain.slice(chain.indexOf(target.rel)), target.rel].join(' → ');
          diagnostics.push(
            error(
              RULES.recursion,
              `\`${target.rel}\` includes itself (${cycle}). Templates cannot recurse; render nested data with nested loops instead.`,
              span,
            ),
          );
          continue;
        }
        if (seen === 'done') continue;
        await visitFile(
          target,
          scope.name,
          isLayout ? LookupType.Layouts : LookupType.Partials,
          chain,
        );
      } else if (tpl.children) {
        await visitTemplates(drain(tpl.children(false, true)), file, chain);
      }
    }
  }

  await visitFile(root, rootName, LookupType.Root, []);
  return { files, diagnostics };
}

/** Run one of LiquidJS's `children()` generators. Without partials they never wait on anything. */
function drain<T>(gen: Generator<unknown, T>): T {
  let step = gen.next();
  while (!step.done) step = gen.next(step.value as never);
  return step.value;
}

function withExt(name: string): string {
  return name.endsWith('.liquid') ? name : `${name}.liquid`;
}
