import type { PageInputs } from './inputs.js';
import type { FilePlan, RedirectHost } from './types.js';

/**
 * The host's own redirect file, from the aliases: real 301s for old URLs. `_redirects` is the
 * format Netlify made and Cloudflare Pages and GitLab Pages read (`from to status`, one a line,
 * paths with the base path: GitLab wants the project path in them); Netlify needs `301!` to
 * answer a path where a file (the redirect page) exists. `vercel.json` holds a `redirects` list
 * (Vercel reads it from the folder it deploys: `vercel deploy dist`).
 */
export function planRedirectFile(t: PageInputs, host: RedirectHost): FilePlan {
  const rules = t
    .aliases()
    .map((a) => ({ from: pathOf(a.from), to: pathOf(a.target) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const vercel = host === 'vercel';
  const text = vercel
    ? JSON.stringify(
        {
          redirects: rules.map((r) => ({
            source: vercelSource(r.from),
            destination: r.to,
            permanent: true,
          })),
        },
        null,
        2,
      ) + '\n'
    : `# Old URLs (aliases and redirects), written by Colophon for ${host}.\n` +
      rules.map((r) => `${r.from} ${r.to} ${host === 'netlify' ? '301!' : '301'}\n`).join('');
  const file = vercel ? 'vercel.json' : '_redirects';
  const url = t.url(`/${file}`);
  t.deps.seal();
  return {
    kind: 'file',
    url,
    outPath: file,
    deps: t.deps,
    sitemap: false,
    searchable: false,
    render: () => text,
  };
}

/** A URL path as a request line carries it: non-ASCII and spaces percent-encoded, once. */
function pathOf(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // Aliases are checked for malformed escapes; keep the text if one got through.
  }
  return encodeURI(decoded);
}

/** Vercel's `source` is a path-to-regexp pattern: its special characters are escaped. */
const vercelSource = (p: string) => p.replace(/[()[\]{}?+*:!]/g, '\\$&');
