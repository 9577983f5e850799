import { hash } from '../util/hash.js';
import { toolDigest } from '../version.js';

/** Bump when the card layout (social/draw.ts) changes its output for the same data. */
const LAYOUT_VERSION = 'card-v1';

export interface CardData {
  title: string;
  /** Small line above the title: "Building a Storage Engine · Part 2 of 5", "Topic · 12 posts". */
  kicker: string;
  siteName: string;
  /** Bottom-right label, e.g. "#databases". */
  tag: string;
  /** Optional cover image (already read), shown beside the title. */
  cover?: Uint8Array;
}

export function cardKey(data: CardData): string {
  const { cover, ...rest } = data;
  // The tool digest covers satori, sharp, the font package and this file's layout code.
  return hash(LAYOUT_VERSION, toolDigest(), JSON.stringify(rest), cover ? hash(cover) : '');
}
