import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { computeClosure } from './dependencies.js';
import { renderErrorToDiagnostic, RULES } from './errors.js';
import { createLiquid, DEFAULT_LIMITS } from './liquid.js';
import { defaultTemplatesDir, TemplateStore, type TemplateFile } from './store.js';

/**
 * Site-defined directives: `templates/directives/<name>.liquid` renders `::name{…}` (and
 * `:name[…]{…}`, `:::name … :::`), the way a Hugo site's `layouts/shortcodes/<name>.html` renders
 * `{{< name >}}`. The Markdown stage calls `render` for each use (through the RenderContext the
 * build gives it) with what its template gets:
 *
 *   name        the directive's name
 *   form        'text', 'leaf' or 'container'
 *   attributes  { key: value } as written (`{#x .y}` arrive as `id` and `class`)
 *   label       the `[label]` as plain text
 *   children    rendered HTML of the content (container) or of the label; escaped like any
 *               value unless the template prints it with `| raw`
 *
 * Like page templates, directive templates can `{% render %}` partials of the site or the theme
 * (names must be literals). `stamp(name)` hashes everything a name's output depends on (the
 * template and the partials it reaches, or "none"): the body cache records it, so editing a
 * directive template re-renders exactly the posts that use it.
 */
export interface DirectiveCallInput {
  name: string;
  form: 'text' | 'leaf' | 'container';
  attributes: Record<string, string>;
  label: string;
  children: string;
}

export type DirectiveOutput =
  { kind: 'ok'; html: string; warning?: string } | { kind: 'error'; rule: string; message: string };

/**
 * A template that still opens with the note `colophon import` writes into its starters: the
 * build warns at each use until the author ports the template and removes the note, so an
 * imported shortcode is never shown to readers as a placeholder without anyone being told.
 */
export const STARTER_RULE = 'markdown/directive-starter';
const STARTER_NOTE = new RegExp(
  `^\\s*\\{%-?\\s*comment\\s*-?%\\}(?:(?!\\{%-?\\s*endcomment)[^])*${STARTER_RULE}`,
);

export interface DirectiveRenderer {
  has(name: string): boolean;
  names(): readonly string[];
  stamp(name: string): string;
  render(call: DirectiveCallInput): DirectiveOutput;
}

export interface DirectiveRendererOptions {
  siteTemplatesDir?: string;
  projectRoot?: string;
  defaultTemplatesDir?: string;
}

export const DIRECTIVES_FOLDER = 'directives';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

interface Entry {
  file: TemplateFile;
  files: TemplateFile[];
  problem?: Diagnostic;
  stamp: string;
  starter: boolean;
}

/** A renderer over a snapshot of the template folders taken now (create a new one on change). */
export async function createDirectiveRenderer(
  options: DirectiveRendererOptions,
): Promise<DirectiveRenderer> {
  const projectRoot = options.projectRoot ?? process.cwd();
  const dirs = [
    ...(options.siteTemplatesDir
      ? [{ origin: 'site' as const, dir: path.resolve(options.siteTemplatesDir) }]
      : []),
    {
      origin: 'default' as const,
      dir: path.resolve(options.defaultTemplatesDir ?? defaultTemplatesDir()),
    },
  ];
  const store = new TemplateStore(dirs, projectRoot);
  // Not strict: a shortcode's optional attributes are simply absent, as with Hugo's `.Get`.
  const liquid = createLiquid(store, { strictVariables: false, limits: DEFAULT_LIMITS });
  const entries = new Map<string, Entry>();
  for (const [rel, file] of store.resolved) {
    const name = directiveName(rel);
    if (!name) continue;
    const closure = await computeClosure(liquid, store, `${DIRECTIVES_FOLDER}/${name}`);
    const problem = closure.diagnostics[0];
    entries.set(name, {
      file,
      files: closure.files,
      ...(problem ? { problem } : {}),
      stamp: stampOf(closure.files),
      starter: STARTER_NOTE.test(file.source),
    });
  }
  const names = [...entries.keys()].sort();

  return {
    has: (name) => entries.has(name),
    names: () => names,
    stamp: (name) => entries.get(name)?.stamp ?? 'none',
    render: (call) => renderCall(entries.get(call.name), call, liquid, store),
  };
}

function renderCall(
  entry: Entry | undefined,
  call: DirectiveCallInput,
  liquid: ReturnType<typeof createLiquid>,
  store: TemplateStore,
): DirectiveOutput {
  if (!entry)
    return {
      kind: 'error',
      rule: RULES.missingPartial,
      message: `No template ${DIRECTIVES_FOLDER}/${call.name}.liquid.`,
    };
  if (entry.problem) return failure(entry.problem);
  try {
    const html = liquid.renderFileSync(`${DIRECTIVES_FOLDER}/${call.name}`, {
      name: call.name,
      form: call.form,
      attributes: { ...call.attributes },
      label: call.label,
      children: call.children,
    }) as string;
    if (!entry.starter) return { kind: 'ok', html };
    return {
      kind: 'ok',
      html,
      warning: `::${call.name} is rendered by ${entry.file.displayPath}, the starter colophon import wrote; it shows the content only. Port what the original shortcode did, then remove the note at the top of the template.`,
    };
  } catch (err) {
    return failure(
      renderErrorToDiagnostic(
        err,
        store,
        entry.file,
        entry.files,
        `${DIRECTIVES_FOLDER}/${call.name}`,
        undefined,
      ),
    );
  }
}

/** `directives/youtube.liquid` -> `youtube`; files in subfolders are partials, not directives. */
function directiveName(rel: string): string | undefined {
  const m = /^directives\/([^/]+)\.liquid$/.exec(rel);
  return m && NAME.test(m[1]!) ? m[1] : undefined;
}

function stampOf(files: readonly TemplateFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.key}\0${f.source.length}\0${f.source}\0`);
  return h.digest('hex');
}

/** A template problem, reported at the directive: the message says where in the template. */
function failure(d: Diagnostic): DirectiveOutput {
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.column}: ` : '';
  return { kind: 'error', rule: d.rule, message: `${where}${d.message}` };
}
