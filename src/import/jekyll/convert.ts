import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  evalQuotedToken,
  Liquid,
  TagToken,
  Tokenizer,
  TokenKind,
  type TopLevelToken,
} from 'liquidjs';
import { asBlock, codeRanges, fence, inlineCode, inRanges, lineAt } from '../body.js';
import type { BodyContext } from '../context.js';
import { directiveName, leaf } from '../directives.js';
import { youtube, vimeo } from '../embeds.js';

/**
 * Jekyll's Liquid in post bodies -> Colophon Markdown, tokenised by LiquidJS (the engine
 * Colophon's templates use). Jekyll renders Liquid before Markdown, code included, so values
 * (`{{ site.title }}`, `{{ page.categories | join: ", " }}`) are evaluated everywhere with the
 * site's data; tags become fences, links, directives or callouts outside code, and inside code
 * only `raw` (removed, its content kept) and values are converted.
 */
const engine = new Liquid({ jekyllInclude: true, strictFilters: false, strictVariables: false });
engine.registerFilter('relative_url', function (this: unknown, v: unknown) {
  return relative(String(v ?? ''), baseOf(this));
});
engine.registerFilter('absolute_url', function (this: unknown, v: unknown) {
  return relative(String(v ?? ''), baseOf(this));
});
engine.registerFilter('markdownify', (v: unknown) => v);
engine.registerFilter('slugify', (v: unknown) =>
  String(v ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, ''),
);

function baseOf(self: unknown): string {
  const ctx = (self as { context?: { get(path: string[]): unknown } }).context;
  return String(ctx?.get(['site', 'baseurl']) ?? '');
}
const relative = (p: string, base: string) => (p.startsWith('/') ? `${base}${p}` : p);

export function convertJekyllBody(text: string, ctx: BodyContext): string {
  let tokens: TopLevelToken[];
  try {
    tokens = new Tokenizer(text, engine.options.operators).readTopLevelTokens(engine.options);
  } catch (e) {
    ctx.report.todo(
      { file: ctx.file, line: ctx.bodyLine },
      `The body's Liquid does not parse (${(e as Error).message.split('\n')[0]}); it was imported as written. Fix the template syntax.`,
    );
    return text;
  }
  const code = codeRanges(text);
  const scope = { site: ctx.site.siteData, page: ctx.doc?.params ?? {} };
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const at = { file: ctx.file, line: lineAt(text, t.begin, ctx.bodyLine) };
    if (t.kind === TokenKind.HTML) {
      out += t.getText();
      continue;
    }
    if (t.kind === TokenKind.Output) {
      if (beforeLink(tokens, i)) {
        // `{{ site.baseurl }}{% post_url x %}` (the Jekyll 3 habit): the link becomes a relative
        // .md link, and the build adds the base path itself.
        ctx.report.converted('{{ site.baseurl }} before a link -> dropped (the build adds it)', at);
        continue;
      }
      out += value(t.getText(), scope, ctx, at);
      continue;
    }
    const tag = t as TagToken;
    const inCode = inRanges(code, t.begin);
    const close = (name: string) => {
      let j = i + 1;
      while (
        j < tokens.length &&
        !(tokens[j] instanceof TagToken && (tokens[j] as TagToken).name === name)
      )
        j++;
      return j;
    };
    switch (tag.name) {
      case 'raw':
      case 'endraw':
        ctx.report.converted('{% raw %} removed, its content kept', at);
        continue;
      case 'comment': {
        i = close('endcomment');
        ctx.report.converted('{% comment %} dropped', at);
        continue;
      }
      case 'highlight': {
        const end = close('endhighlight');
        const inner = tokens
          .slice(i + 1, end)
          .map((x) => innerText(x, scope, ctx, at))
          .join('');
        const [lang = '', ...opts] = tag.args.trim().split(/\s+/);
        const marks = /mark_lines="([^"]*)"/.exec(tag.args)?.[1];
        const meta = [
          marks ? `{${marks.trim().split(/\s+/).join(',')}}` : '',
          opts.includes('linenos') ? 'showLineNumbers' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const endTok = tokens[end];
        out += asBlock(text, t.begin, endTok ? endTok.end : t.end, fence(lang, meta, inner));
        i = end;
        ctx.report.converted('{% highlight %} -> fenced code', at);
        continue;
      }
      case 'link':
      case 'post_url': {
        out += link(tag, ctx, at);
        continue;
      }
      case 'include':
      case 'include_relative': {
        if (inCode) break;
        out += include(tag, text, scope, ctx, at);
        continue;
      }
    }
    if (tag.name.startsWith('end')) continue;
    ctx.report.todo(
      at,
      `The Liquid tag ${tag.getText()} has no Colophon equivalent in a post; it is shown as code. Rewrite the passage (or move the logic to a template).`,
    );
    out += inCode ? tag.getText() : inlineCode(tag.getText());
  }
  return out;
}

const SITE_PREFIX = /^\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}$/;

/** Whether tokens[i] is `{{ site.baseurl }}`/`{{ site.url }}` directly before `link`/`post_url`. */
function beforeLink(tokens: TopLevelToken[], i: number): boolean {
  let j = i;
  while (tokens[j]?.kind === TokenKind.Output && SITE_PREFIX.test(tokens[j]!.getText())) j++;
  const next = tokens[j];
  return j > i && next instanceof TagToken && (next.name === 'post_url' || next.name === 'link');
}

/** Text inside a highlight block: values evaluated, `raw` marks removed (their content is kept). */
function innerText(
  x: TopLevelToken,
  scope: object,
  ctx: BodyContext,
  at: { file: string; line: number },
): string {
  if (x.kind === TokenKind.Output) return value(x.getText(), scope, ctx, at);
  if (x instanceof TagToken && (x.name === 'raw' || x.name === 'endraw')) return '';
  return x.getText();
}

/** `{{ expression }}` evaluated with the site's data and the page's front matter. */
function value(
  expr: string,
  scope: object,
  ctx: BodyContext,
  at: { file: string; line: number },
): string {
  try {
    const v = engine.parseAndRenderSync(expr, scope);
    if (v === '')
      ctx.report.todo(
        at,
        `${expr} has no value in the site's data; Jekyll printed nothing, and so does the import. Check the passage.`,
      );
    else ctx.report.converted('{{ value }} -> its text', at);
    return v;
  } catch (e) {
    ctx.report.todo(
      at,
      `${expr} could not be evaluated (${(e as Error).message.split('\n')[0]}); it is shown as code. Write the text itself.`,
    );
    return inlineCode(expr);
  }
}

function link(tag: TagToken, ctx: BodyContext, at: { file: string; line: number }): string {
  const arg = tag.args.trim().replace(/^["']|["']$/g, '');
  let src: string | undefined;
  if (tag.name === 'link') src = arg.replace(/^\//, '');
  else {
    const name = path.posix.basename(arg);
    src = ctx.site.docs.find(
      (d) =>
        d.src.startsWith('_posts/') &&
        path.posix.basename(d.src).replace(/\.[a-z]+$/i, '') === name,
    )?.src;
    src ??= ctx.site.stubs.find(
      (s) => path.posix.basename(s.src).replace(/\.[a-z]+$/i, '') === name,
    )?.src;
  }
  const target = src ? ctx.linkToSrc(src) : undefined;
  if (!target) {
    ctx.report.todo(
      at,
      `${tag.getText()} names no imported post or page; "#" was written. Fix the link.`,
    );
    return '#';
  }
  ctx.report.converted(`{% ${tag.name} %} -> relative .md link`, at);
  return target;
}

/**
 * An include: a YouTube or Vimeo player becomes its directive, a note-like include a callout,
 * anything else a directive of the site with a starter template.
 */
function include(
  tag: TagToken,
  text: string,
  scope: object,
  ctx: BodyContext,
  at: { file: string; line: number },
): string {
  const tk = new Tokenizer(tag.args, engine.options.operators);
  const name = [...tk.readFileNameTemplate(engine.options)]
    .map((x) => x.getText())
    .join('')
    .trim();
  const args: Record<string, string> = {};
  for (const h of tk.readHashes(true)) {
    if (!h.value) continue;
    args[h.name.content] =
      h.value.kind === TokenKind.Quoted
        ? evalQuotedToken(h.value as never)
        : engine.parseAndRenderSync(`{{ ${h.value.getText()} }}`, scope);
  }
  const definedIn = ctx.site.shortcodes.get(name);
  const source = definedIn ? readFileSync(path.join(ctx.site.root, definedIn), 'utf8') : '';
  const param = (re: RegExp) => /include\.(\w+)/.exec(re.exec(source)?.[0] ?? '')?.[1];
  const block = (s: string) => asBlock(text, tag.begin, tag.end, s);
  const ytParam = param(/youtube(?:-nocookie)?\.com\/embed\/\{\{\s*include\.\w+/);
  if (ytParam) {
    const e = youtube(
      { id: args[ytParam], title: args['title'] },
      ctx,
      at,
      `{% include ${name} %}`,
    );
    if (e) return block(e.text);
  }
  const vParam = param(/player\.vimeo\.com\/video\/\{\{\s*include\.\w+/);
  if (vParam) {
    const e = vimeo({ id: args[vParam], title: args['title'] }, ctx, at, `{% include ${name} %}`);
    if (e) return block(e.text);
  }
  const kind = /(note|tip|warning|caution|important|info|alert|callout)/i
    .exec(name)?.[1]
    ?.toLowerCase();
  const body = args['content'] ?? args['text'] ?? args['message'];
  if (kind && body !== undefined) {
    const type =
      kind === 'tip'
        ? 'TIP'
        : kind === 'warning' || kind === 'alert'
          ? 'WARNING'
          : kind === 'caution'
            ? 'CAUTION'
            : kind === 'important'
              ? 'IMPORTANT'
              : 'NOTE';
    ctx.report.converted(`{% include ${name} %} -> > [!${type}] callout`, at);
    return block(
      `> [!${type}]\n${body
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    );
  }
  const dname = directiveName(name.replace(/\.[a-z]+$/i, ''));
  ctx.directives.set(dname, definedIn);
  ctx.report.todo(
    at,
    `{% include ${name} %} became the directive ::${dname}; templates/directives/${dname}.liquid is a starter${definedIn ? ` made from ${definedIn}` : ''}: port what it showed.`,
  );
  return block(leaf(dname, args));
}
