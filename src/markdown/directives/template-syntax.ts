/**
 * What a piece of template syntax found in prose looks like, and what to write instead: the
 * message of `markdown/template-syntax` (plugins/remark-template-syntax.ts).
 */

// `{{< x >}}`, `{{% x %}}` (Hugo shortcodes); `{% x %}` (Liquid, Jinja, Tera); `{{ x }}`.
export const TEMPLATE_SYNTAX = /\{\{<[^\n]*?>\}\}|\{\{%[^\n]*?%\}\}|\{%[^\n]*?%\}|\{\{[^\n]*?\}\}/g;
// Hugo's way of showing a shortcode as text: `{{</* x */>}}`, `{{%/* x */%}}`.
export const HUGO_ESCAPED = /^\{\{([<%])\/\*([^\n]*?)\*\/([>%])\}\}$/;

const DIRECTIVE_FOR: Record<string, string> = {
  youtube: '::youtube{id=…}',
  vimeo: '::vimeo{id=…}',
  figure: '::figure{src=… alt=… caption=…}',
  gist: '::gist{user=… id=…}',
  tweet: '::tweet{url=…}',
  x: '::tweet{url=…}',
  twitter: '::tweet{url=…}',
  details: ':::details{summary=…} … :::',
  video: '::video{src=…}',
};

/** "a Hugo shortcode ({{< youtube >}})", and what to write instead, for one match. */
export function describeTemplateSyntax(match: string): string {
  const inner = match.replace(/^\{\{?[<%]?-?\s*|\s*-?[>%]?\}\}?$/g, '');
  const name = /^\/?\s*([A-Za-z_][\w.-]*)/.exec(inner)?.[1] ?? '';
  const closing = inner.startsWith('/');
  const instead = insteadOf(name.toLowerCase());
  const quoted = '`' + match + '`';
  const show = ` To show it as written, put it in backticks (${quoted}) or escape its first brace (\\${match.slice(0, 2)}).`;
  if (match.startsWith('{{<') || match.startsWith('{{%')) {
    const what = closing
      ? `the end of a Hugo shortcode (${name})`
      : `a Hugo shortcode (${name || 'unnamed'})`;
    return `${quoted} looks like ${what}; Colophon runs no shortcodes, so readers would see it as text. ${instead}${show}`;
  }
  if (match.startsWith('{%')) {
    if (name === 'end' && inner.trim() === 'end')
      return `${quoted} looks like the end of a Zola shortcode with a body ({% name(…) %} … {% end %}); Colophon runs no shortcodes. Write a container directive (:::name{…} … :::) instead.${show}`;
    if (/^[A-Za-z_]\w*\s*\(/.test(inner))
      return `${quoted} looks like a Zola shortcode with a body ({% ${name}(…) %}); Colophon runs no shortcodes. ${instead}${show}`;
    const tag = ['highlight', 'endhighlight'].includes(name)
      ? ' Write a fenced code block (```lang) instead of {% highlight %}.'
      : ['post_url', 'link'].includes(name)
        ? " Link to the post's .md file with a relative link instead ([title](./post.md))."
        : ['raw', 'endraw'].includes(name)
          ? ' Nothing is evaluated here, so {% raw %} is not needed: put the example in code.'
          : ` ${instead}`;
    return `${quoted} looks like a Liquid tag (Jekyll), or a Jinja/Tera tag; Colophon does not evaluate templates in posts, so readers would see it as text.${tag}${show}`;
  }
  if (/^[A-Za-z_]\w*\s*\(/.test(inner))
    return `${quoted} looks like a Zola shortcode (${name}(…)); Colophon runs no shortcodes. ${instead}${show}`;
  if (
    /^[.$]/.test(inner) ||
    /^[a-z]\w*\s+"/.test(inner) ||
    /^(?:if|range|with|end|else|template|define|block)\b/.test(inner)
  )
    return `${quoted} looks like a Go template action (as Hugo layouts and Go's present tool write them); Colophon does not evaluate templates in posts. ${instead}${show}`;
  if (/^(?:site|page|layout|include|content|post)\./.test(inner) || inner.includes('|'))
    return `${quoted} looks like a Liquid value (Jekyll); Colophon does not evaluate templates in posts, so readers would see it as text. Site values belong in templates; write the text itself here.${show}`;
  return `${quoted} looks like template syntax (Liquid, Go templates, Handlebars, ...); Colophon does not evaluate templates in posts, so readers would see it as text.${show}`;
}

function insteadOf(name: string): string {
  const directive = DIRECTIVE_FOR[name];
  if (directive) return `Write the directive ${directive} instead.`;
  if (name === 'highlight') return 'Write a fenced code block (```lang) instead.';
  if (name === 'ref' || name === 'relref')
    return "Link to the post's .md file with a relative link instead ([title](./post.md)).";
  if (name === '' || name === 'end') return 'Write a directive (::name{…}) instead.';
  return `Write a directive ::${name}{…} (or :::${name}{…} … ::: around content) instead, with a template templates/directives/${name}.liquid.`;
}
