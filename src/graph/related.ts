import type { GraphPost } from './types.js';

/**
 * Related posts: one point per shared topic, two for the same series; ties go to the newer post.
 * `posts` is newest first, so a stable sort keeps that order for equal scores.
 */
export function relatedPosts(posts: readonly GraphPost[], count: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (count === 0) {
    for (const p of posts) out.set(p.id, []);
    return out;
  }
  const byTopic = new Map<string, number[]>();
  const bySeries = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => m.set(k, [...(m.get(k) ?? []), i]);
  posts.forEach((p, i) => {
    for (const t of p.entry.topics) add(byTopic, t, i);
    if (p.entry.series) add(bySeries, p.entry.series, i);
  });
  posts.forEach((p, i) => {
    const score = new Map<number, number>();
    for (const t of p.entry.topics) for (const j of byTopic.get(t)!) if (j !== i) score.set(j, (score.get(j) ?? 0) + 1);
    if (p.entry.series) for (const j of bySeries.get(p.entry.series)!) if (j !== i) score.set(j, (score.get(j) ?? 0) + 2);
    const ranked = [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count);
    out.set(p.id, ranked.map(([j]) => posts[j]!.id));
  });
  return out;
}
