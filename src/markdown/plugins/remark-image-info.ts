import type { Root } from 'mdast';
import { stateOf, type RenderState } from '../state.js';
import type { ImageInfo } from '../types.js';

// Per render: resolved image URL -> what the build decided for it. Keyed by the render's state,
// which lives exactly as long as one render.
const infos = new WeakMap<RenderState, Map<string, ImageInfo>>();

/** Image data recorded for this render (see rehype-images.ts); empty when no image had any. */
export function imageInfos(state: RenderState): ReadonlyMap<string, ImageInfo> {
  return infos.get(state) ?? new Map();
}

/**
 * Runs just before remark-links: wraps the render's resolveImage so that each resolution that
 * carries image data (LinkResolution.image) is remembered under its final URL. remark-links stays
 * the only caller of the resolver, so the body cache records every image exactly once.
 */
export default function remarkImageInfo() {
  return (_tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    const seen = new Map<string, ImageInfo>();
    infos.set(state, seen);
    const ctx = state.ctx;
    state.ctx = {
      ...ctx,
      resolveImage(src) {
        const r = ctx.resolveImage(src);
        if (r.kind === 'rewrite' && r.image) seen.set(r.href, r.image);
        return r;
      },
    };
  };
}
