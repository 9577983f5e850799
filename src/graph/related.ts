import type { GraphPost } from './types.js';

/**
 * Related posts: one point per shared topic; ties go to the newer post. Parts of the post's own
 * series are left out: its page lists them already (series box and navigation). Pages read the
 * result as the recorded `related` list (routes/inputs.ts), whose fingerprint is the chosen ids,
 * so a change of series membership (always a full run) re-plans exactly the posts it affects.
 * `posts` is newest first, so among equal scores the lower index wins.
 *
 * Runs on every rebuild in `serve`, so it is linear in the number of (post, candidate) pairs that
 * share something, with no per-post sorting or allocation: scores live in one reused typed array,
 * and the best `count` candidates are kept in a small insertion-sorted list.
 */
export function relatedPosts(posts: readonly GraphPost[], count: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (count === 0) {
    for (const p of posts) out.set(p.id, []);
    return out;
  }
  const byTopic = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  posts.forEach((p, i) => {
    for (const t of p.entry.topics) add(byTopic, t, i);
  });
  const score = new Int32Array(posts.length);
  const touched: number[] = [];
  const bump = (j: number, by: number) => {
    if (score[j] === 0) touched.push(j);
    score[j]! += by;
  };
  const best: number[] = [];
  posts.forEach((p, i) => {
    const series = p.entry.series;
    for (const t of p.entry.topics)
      for (const j of byTopic.get(t)!)
        if (j !== i && !(series && posts[j]!.entry.series === series)) bump(j, 1);
    best.length = 0;
    for (const j of touched) {
      // Keep `best` ordered by score desc, then index asc; insert j if it beats the last one.
      const s = score[j]!;
      let k = best.length;
      while (k > 0 && better(s, j, score[best[k - 1]!]!, best[k - 1]!)) k--;
      if (k < count) {
        best.splice(k, 0, j);
        if (best.length > count) best.pop();
      }
    }
    out.set(
      p.id,
      best.map((j) => posts[j]!.id),
    );
    for (const j of touched) score[j] = 0;
    touched.length = 0;
  });
  return out;
}

function better(s: number, j: number, s2: number, j2: number): boolean {
  return s > s2 || (s === s2 && j < j2);
}
