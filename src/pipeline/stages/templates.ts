import type { Diagnostic } from '../../diagnostics/index.js';
import { createRenderer, type Renderer } from '../../render/index.js';
import type { Resources } from '../resources.js';
import { applyRules } from '../rules.js';
import type { Scope } from '../state.js';

/** The templates, parsed: the renderer (with its kept partial output) and their problems. */
export interface TemplatesOutput {
  renderer: Renderer;
  /** Rules applied. */
  diagnostics: Diagnostic[];
}

/**
 * Parse the templates and report every problem at once, before a page renders. The parsed
 * templates (and the partial output the renderer keeps) live until a template file changes.
 */
export async function templateStage(res: Resources, scope: Scope): Promise<TemplatesOutput> {
  const kept = scope.kind === 'partial' ? scope.last.templates : scope.keep.templates;
  if (kept) return kept;
  const renderer = createRenderer({
    siteTemplatesDir: res.config.templatesDir,
    strictVariables: res.options.strictVariables,
    projectRoot: res.config.root,
  });
  return { renderer, diagnostics: applyRules(await renderer.check(), res.config.rules) };
}
