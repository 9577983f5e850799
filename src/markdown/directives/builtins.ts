/**
 * The built-in directives: which forms they take, which attributes they accept, and what a good
 * value looks like. Rendering is in embeds.ts (third-party players and posts) and blocks.ts
 * (figure, video, details, aside); remark-directives.ts applies these rules.
 */
export type DirectiveForm = 'text' | 'leaf' | 'container';

export interface AttributeRule {
  /** Checks a value; returns what is wrong with it (a sentence), or null when it is fine. */
  check?: (value: string) => string | null;
  required?: boolean;
  /** Shown when the attribute is missing or wrong: `id=dQw4w9WgXcQ`. */
  example: string;
  /** Said after the example when the attribute is missing. */
  hint?: string;
}

export interface BuiltinSpec {
  form: 'leaf' | 'container';
  /** Accepted attributes; `class` is accepted by every directive. */
  attributes: Record<string, AttributeRule>;
  /** What the directive is, for messages. */
  what: string;
  /** Alternatives where one of several attributes is required (`url`, or `user` and `id`). */
  oneOf?: { sets: string[][]; example: string };
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_URL =
  /(?:youtube(?:-nocookie)?\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/|live\/)|youtu\.be\/)([A-Za-z0-9_-]{11})/;
export const TWEET_URL =
  /^https:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/(\d{1,20})(?:[/?#].*)?$/;

const seconds = (value: string) => (/^\d{1,6}$/.test(value) ? null : 'is not a number of seconds');

const youtubeId = (value: string): string | null => {
  if (YOUTUBE_ID.test(value)) return null;
  const fromUrl = YOUTUBE_URL.exec(value)?.[1];
  if (fromUrl) return `is a URL, not a video id; write id=${fromUrl}`;
  return 'is not a YouTube video id (11 letters, digits, - or _, as in youtube.com/watch?v=dQw4w9WgXcQ)';
};

const vimeoId = (value: string): string | null => {
  if (/^\d{1,12}$/.test(value)) return null;
  const fromUrl = /vimeo\.com\/(?:video\/)?(\d{1,12})/.exec(value)?.[1];
  if (fromUrl) return `is a URL, not a video id; write id=${fromUrl}`;
  return 'is not a Vimeo video id (the number in vimeo.com/76979871)';
};

const localPath = (value: string): string | null => {
  if (value.trim() === '') return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value))
    return 'is a remote URL; only files of the site are accepted (beside the post, or in public/), so nothing is loaded from another host';
  return null;
};

const boolean = (value: string) =>
  ['', 'true', 'false'].includes(value) ? null : 'must be true or false (or written alone)';

export const BUILTINS: Record<string, BuiltinSpec> = {
  youtube: {
    form: 'leaf',
    what: 'a YouTube video',
    attributes: {
      id: { required: true, check: youtubeId, example: 'id=dQw4w9WgXcQ' },
      start: { check: seconds, example: 'start=90' },
      title: { example: 'title="What the talk is about"' },
    },
  },
  vimeo: {
    form: 'leaf',
    what: 'a Vimeo video',
    attributes: {
      id: { required: true, check: vimeoId, example: 'id=76979871' },
      title: { example: 'title="What the video shows"' },
    },
  },
  video: {
    form: 'leaf',
    what: 'a video file of the site',
    attributes: {
      src: { required: true, check: localPath, example: 'src=./clip.mp4' },
      poster: { check: localPath, example: 'poster=./clip.jpg' },
      captions: { check: localPath, example: 'captions=./clip.vtt' },
      title: { example: 'title="What the video shows"' },
      width: { check: pixels, example: 'width=1280' },
      height: { check: pixels, example: 'height=720' },
    },
  },
  figure: {
    form: 'leaf',
    what: 'an image with a caption',
    attributes: {
      src: { required: true, check: localOrRemote, example: 'src=./chart.png' },
      alt: {
        required: true,
        example: 'alt="What the image shows"',
        hint: ' Describe the image for readers who cannot see it; write alt="" only for a decorative image.',
      },
      caption: { example: 'caption="Figure 1: ..."' },
      credit: { example: 'credit="Photo: Ada"' },
      creditLink: { check: url, example: 'creditLink=https://example.com/' },
      link: { example: 'link=./chart-large.png' },
      title: { example: 'title="..."' },
    },
  },
  gist: {
    form: 'leaf',
    what: 'a GitHub gist',
    attributes: {
      user: {
        required: true,
        check: pattern(/^[A-Za-z0-9-]{1,39}$/, 'a GitHub user name'),
        example: 'user=octocat',
      },
      id: {
        required: true,
        check: pattern(/^[0-9a-f]{5,40}$/, 'a gist id (hexadecimal)'),
        example: 'id=6cad326836d38bd3a7ae',
      },
      file: { example: 'file=hello.rb' },
      title: { example: 'title="..."' },
    },
  },
  tweet: {
    form: 'leaf',
    what: 'a post on X (Twitter)',
    attributes: {
      url: { check: tweetUrl, example: 'url=https://x.com/user/status/1234567890' },
      user: { check: pattern(/^[A-Za-z0-9_]{1,15}$/, 'a user name'), example: 'user=jack' },
      id: { check: pattern(/^\d{1,20}$/, 'a post id (digits)'), example: 'id=20' },
      title: { example: 'title="..."' },
    },
    oneOf: { sets: [['url'], ['user', 'id']], example: 'url=https://x.com/user/status/1234567890' },
  },
  details: {
    form: 'container',
    what: 'a disclosure (details and summary)',
    attributes: {
      summary: { example: 'summary="Show the full log"' },
      open: { check: boolean, example: 'open' },
      name: { example: 'name=faq' },
    },
  },
  aside: {
    form: 'container',
    what: 'an aside',
    attributes: {},
  },
};
// `::x{url=…}` is the same as `::tweet`, as in Hugo.
BUILTINS['x'] = BUILTINS['tweet']!;

function pattern(re: RegExp, what: string) {
  return (value: string) => (re.test(value) ? null : `is not ${what}`);
}

function pixels(value: string): string | null {
  return /^\d{1,5}$/.test(value) && Number(value) > 0 ? null : 'is not a size in pixels';
}

function url(value: string): string | null {
  return /^(?:https?:\/\/|\/|\.\.?\/)/.test(value)
    ? null
    : 'is not a link (an https:// URL or a path)';
}

function localOrRemote(value: string): string | null {
  return value.trim() === '' ? 'is empty' : null;
}

function tweetUrl(value: string): string | null {
  return TWEET_URL.test(value)
    ? null
    : 'is not the address of a post (https://x.com/<user>/status/<id>)';
}
