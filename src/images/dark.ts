import type { ImageAnswer, VariantJob } from './store.js';

/**
 * Dark-mode variants: `chart.dark.png` beside `chart.png` (any image extension on either side) is
 * the picture to show in dark mode. Its picture data goes into the light image's answer
 * (`ImageInfo.dark`, emitted as `<source media="(prefers-color-scheme: dark)">`), and its
 * variants are written whenever the light image is used. The dark file stays an image of its own
 * too. Keys are decoded URL paths (`/posts/x/chart.png`).
 */
export function pairDarkVariants(
  answers: Map<string, ImageAnswer>,
  jobs: Map<string, VariantJob[]>,
): void {
  const byStem = new Map<string, string[]>();
  for (const key of answers.keys()) {
    const stem = key.replace(/\.[^./]+$/, '');
    if (!/\.dark$/i.test(stem)) byStem.set(stem, [...(byStem.get(stem) ?? []), key]);
  }
  for (const [darkKey, darkAnswer] of answers) {
    const stem = /^(.*)\.dark\.[^./]+$/i.exec(darkKey)?.[1];
    if (stem === undefined || !('image' in darkAnswer)) continue;
    const dark = darkAnswer.image;
    for (const key of byStem.get(stem) ?? []) {
      const light = answers.get(key);
      if (!light || !('image' in light)) continue;
      answers.set(key, {
        image: {
          ...light.image,
          dark: {
            sources: dark.sources,
            srcset: dark.fallback?.srcset ?? srcsetUrl(darkKey),
            width: dark.width,
            height: dark.height,
          },
        },
      });
      const extra = jobs.get(darkKey) ?? [];
      if (extra.length > 0) jobs.set(key, [...(jobs.get(key) ?? []), ...extra]);
    }
  }
}

/** A URL as one srcset candidate: percent-encoded, commas too (they separate candidates). */
function srcsetUrl(decoded: string): string {
  return encodeURI(decoded).replace(/,/g, '%2C');
}
