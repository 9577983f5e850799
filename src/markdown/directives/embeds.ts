import type { Element } from 'hast';
import { TWEET_URL } from './builtins.js';
import { classList, el, text } from './hast.js';

/**
 * Third-party embeds as facades: nothing is requested from another host until the reader asks.
 *
 * The page holds a title card made at build time (the label or title, the provider's name, a
 * play mark drawn by CSS) that is a plain link to the video or post: it works without scripts,
 * and a modified click still opens it in a new tab. With scripts, the theme's site.js replaces
 * the card with the player when it is clicked: an iframe on the provider's privacy-enhanced
 * domain (`data-embed-src`), or, for a gist, a sandboxed iframe that runs the gist's script
 * (`data-embed-script`). The card and the player have the same box, so nothing shifts.
 */
export interface EmbedInput {
  name: string;
  attributes: Record<string, string>;
  /** Plain-text label, '' without one. */
  label: string;
}

interface Facade {
  provider: string;
  title: string;
  href: string;
  src?: string;
  script?: string;
}

export function renderEmbed(input: EmbedInput): Element {
  const facade = facadeFor(input);
  return el(
    'div',
    {
      className: classList(
        ['embed', `embed-${input.name === 'x' ? 'tweet' : input.name}`],
        input.attributes,
      ),
    },
    [
      el(
        'a',
        {
          className: ['embed-facade'],
          href: facade.href,
          dataEmbedSrc: facade.src,
          dataEmbedScript: facade.script,
          dataEmbedTitle: facade.title,
        },
        [
          el('span', { className: ['embed-title'] }, [text(facade.title)]),
          el('span', { className: ['embed-provider'] }, [text(facade.provider)]),
        ],
      ),
    ],
  );
}

function facadeFor({ name, attributes: a, label }: EmbedInput): Facade {
  const titled = (fallback: string) => label || a['title'] || fallback;
  switch (name) {
    case 'youtube': {
      const id = a['id']!;
      const start = a['start'] ? Number(a['start']) : 0;
      return {
        provider: 'Video on YouTube',
        title: titled('YouTube video'),
        href: `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}s` : ''}`,
        src: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ''}`,
      };
    }
    case 'vimeo': {
      const id = a['id']!;
      return {
        provider: 'Video on Vimeo',
        title: titled('Vimeo video'),
        href: `https://vimeo.com/${id}`,
        src: `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1`,
      };
    }
    case 'gist': {
      const path = `${a['user']}/${a['id']}`;
      const file = a['file'] ? `?file=${encodeURIComponent(a['file'])}` : '';
      return {
        provider: 'Code on GitHub Gist',
        title: titled(a['file'] ? `${a['file']} (gist by ${a['user']})` : `Gist by ${a['user']}`),
        href: `https://gist.github.com/${path}${a['file'] ? `#file-${a['file'].replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}` : ''}`,
        script: `https://gist.github.com/${path}.js${file}`,
      };
    }
    default: {
      // tweet / x: `url=…`, or Hugo's `user=… id=…`.
      const m = a['url'] ? TWEET_URL.exec(a['url']) : null;
      const user = m?.[1] ?? a['user']!;
      const id = m?.[2] ?? a['id']!;
      return {
        provider: 'Post on X',
        title: titled(`Post by @${user}`),
        href: `https://x.com/${user}/status/${id}`,
        src: `https://platform.twitter.com/embed/Tweet.html?dnt=true&id=${id}`,
      };
    }
  }
}
