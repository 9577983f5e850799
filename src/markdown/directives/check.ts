import type { Nodes } from 'mdast';
import type { Position } from 'unist';
import { closest } from '../../util/suggest.js';
import { report, type RenderState } from '../state.js';
import { BUILTINS, type AttributeRule, type BuiltinSpec, type DirectiveForm } from './builtins.js';

/**
 * The checks of a directive use that make its diagnostics: an unknown name, the wrong form for a
 * built-in, unknown, missing or invalid attributes, each reported where it is written.
 */

export type Directive = Extract<
  Nodes,
  { type: 'containerDirective' | 'leafDirective' | 'textDirective' }
>;

export const SIGIL: Record<DirectiveForm, string> = { text: ':', leaf: '::', container: ':::' };

/**
 * `::unconverted[{{< name args >}}]{from=hugo}`: what an importer writes for a shortcode or tag
 * with no Colophon equivalent (remark-directives.ts).
 */
export const UNCONVERTED = 'unconverted';

/** Checks form and attributes of a built-in; false when an error was reported. */
export function checkBuiltin(
  state: RenderState,
  node: Directive,
  form: DirectiveForm,
  spec: BuiltinSpec,
  attributes: Record<string, string>,
): boolean {
  const written = `${SIGIL[form]}${node.name}`;
  if (form !== spec.form) {
    const shape =
      spec.form === 'leaf'
        ? `on a line of its own: ::${node.name}{${firstExample(spec)}}`
        : `around its content, between a line :::${node.name} and a line :::`;
    report(
      state,
      'error',
      'markdown/directive-form',
      `${written} is written as a ${form} directive, but ${SIGIL[spec.form]}${node.name} (${spec.what}) is a ${spec.form === 'leaf' ? 'block' : 'container'}: write it ${shape}.`,
      node.position,
    );
    return false;
  }
  warnUnknownAttributes(state, node, written, spec, attributes);
  const values = checkValues(state, node, written, spec, attributes);
  return checkOneOf(state, node, written, spec, attributes) && values;
}

/** A written attribute the built-in does not have: a warning, with the closest name. */
function warnUnknownAttributes(
  state: RenderState,
  node: Directive,
  written: string,
  spec: BuiltinSpec,
  attributes: Record<string, string>,
): void {
  const known = [...Object.keys(spec.attributes), 'class'];
  for (const name of Object.keys(attributes)) {
    if (known.includes(name)) continue;
    const guess = closest(name, known);
    report(
      state,
      'warning',
      'markdown/directive-unknown-attribute',
      `${written} has no attribute "${name}"; it is ignored.${guess ? ` Did you mean "${guess}"?` : ''} Its attributes are: ${known.join(', ')}.`,
      at(node, name),
    );
  }
}

/** Required attributes present, and every value the built-in checks valid. */
function checkValues(
  state: RenderState,
  node: Directive,
  written: string,
  spec: BuiltinSpec,
  attributes: Record<string, string>,
): boolean {
  let ok = true;
  for (const [name, rule] of Object.entries(spec.attributes)) {
    const value = attributes[name];
    if (value === undefined) {
      if (rule.required) {
        report(
          state,
          'error',
          'markdown/directive-missing-attribute',
          `${written} needs ${name}=…, as in ${written}{${requiredExamples(spec)}}.${rule.hint ?? ''}`,
          node.position,
        );
        ok = false;
      }
      continue;
    }
    const problem = rule.check?.(value.trim());
    if (problem) {
      report(
        state,
        'error',
        'markdown/directive-invalid-attribute',
        `${written}: ${name}=${JSON.stringify(value)} ${problem}. Example: ${written}{${exampleWith(spec, rule)}}.`,
        at(node, name),
      );
      ok = false;
    }
  }
  return ok;
}

/** Built-ins that accept one of several sets of attributes (`::tweet{url=…}` or `{user=… id=…}`). */
function checkOneOf(
  state: RenderState,
  node: Directive,
  written: string,
  spec: BuiltinSpec,
  attributes: Record<string, string>,
): boolean {
  if (spec.oneOf && !spec.oneOf.sets.some((set) => set.every((n) => attributes[n] !== undefined))) {
    const sets = spec.oneOf.sets.map((set) => set.map((n) => `${n}=…`).join(' and ')).join(', or ');
    report(
      state,
      'error',
      'markdown/directive-missing-attribute',
      `${written} needs ${sets}: write ${written}{${spec.oneOf.example}}.`,
      node.position,
    );
    return false;
  }
  return true;
}

/** Where an attribute is written (remark-directive's verbose positions), else the directive. */
function at(node: Directive, name: string): Position | undefined {
  return node.data?.position?.attributes?.[name] ?? node.position;
}

/** The required attributes' examples, and this attribute's when it is optional. */
function exampleWith(spec: BuiltinSpec, rule: AttributeRule): string {
  const required = requiredExamples(spec);
  return rule.required ? required : [required, rule.example].filter(Boolean).join(' ');
}

function requiredExamples(spec: BuiltinSpec): string {
  return Object.values(spec.attributes)
    .filter((r) => r.required)
    .map((r) => r.example)
    .join(' ');
}

function firstExample(spec: BuiltinSpec): string {
  const required = Object.values(spec.attributes).filter((r) => r.required);
  return (required.length ? required : Object.values(spec.attributes).slice(0, 1))
    .map((r) => r.example.split(' ')[0])
    .join(' ');
}

/** `markdown/unknown-directive`, with the closest known name and every name there is. */
export function unknownDirective(state: RenderState, node: Directive, form: DirectiveForm): void {
  const site = state.ctx.directives?.names() ?? [];
  const builtins = [...Object.keys(BUILTINS), UNCONVERTED].sort();
  // One- and two-letter names are too short to guess from.
  const guess = closest(node.name, [...builtins, ...site], node.name.length <= 2 ? 0 : undefined);
  const written = `${SIGIL[form]}${node.name}`;
  const text = form === 'text' ? ` If the colon is meant as text, escape it: \\:${node.name}.` : '';
  report(
    state,
    'error',
    'markdown/unknown-directive',
    `Unknown directive ${written}.${guess ? ` Did you mean ${SIGIL[form]}${guess}?` : ''} ` +
      `Built in: ${builtins.join(', ')}` +
      (site.length ? `; defined by this site: ${site.join(', ')}` : '') +
      `. To define ${written}, add templates/directives/${node.name}.liquid.${text}`,
    node.position,
  );
}
