import { error, warning, type Diagnostic } from '../diagnostics/index.js';
import type { PostEntry, SeriesEntry } from '../content/index.js';
import type { ExclusionReason } from './types.js';

/**
 * Series integrity over every post written (visible or not): two posts claiming one part and gaps
 * in the numbering are errors naming the files involved. A post naming an unknown series is an
 * error when the post is published; a draft or an expired post is left alone (as Hugo leaves
 * them: a draft is work in progress, checked when built with --drafts), and a post dated in the
 * future gets a warning, since a later build publishes it without anyone looking.
 */
export function checkSeries(
  posts: readonly PostEntry[],
  series: ReadonlyMap<string, SeriesEntry>,
  excluded: (p: PostEntry) => ExclusionReason | undefined = () => undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byseries = new Map<string, PostEntry[]>();
  for (const p of posts) {
    if (!p.series) continue;
    if (!series.has(p.series)) {
      const d = unknownSeries(p, p.series, [...series.keys()], excluded(p));
      if (d) out.push(d);
      continue;
    }
    const list = byseries.get(p.series) ?? [];
    list.push(p);
    byseries.set(p.series, list);
  }
  for (const [id, list] of [...byseries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.part! - b.part! || (a.file < b.file ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.part === cur.part) {
        out.push(
          error(
            'graph/duplicate-part',
            `Part ${cur.part} of series "${id}" is claimed by both ${prev.file} and ${cur.file}. Give each post its own part number.`,
            at(cur, 'part'),
          ),
        );
      }
    }
    const parts = [...new Set(list.map((p) => p.part!))];
    for (let expect = 1, i = 0; i < parts.length; expect++) {
      if (parts[i] === expect) {
        i++;
        continue;
      }
      const after = list.find((p) => p.part === parts[i])!;
      const before = list.filter((p) => p.part! < expect).pop();
      out.push(
        error(
          'graph/missing-part',
          `Series "${id}" has no part ${expect}: ${before ? `${before.file} is part ${before.part} and ` : ''}${after.file} is part ${after.part}. Renumber the parts or add the missing one (a draft counts).`,
          at(after, 'part'),
        ),
      );
      expect = parts[i]!;
      i++;
    }
  }
  return out;
}

/** A post naming a series that does not exist: left alone while it is a draft or expired. */
function unknownSeries(
  p: PostEntry,
  id: string,
  ids: string[],
  why: ExclusionReason | undefined,
): Diagnostic | undefined {
  if (why === 'draft' || why === 'expired') return undefined;
  const known = ids.sort();
  const fix = `Create content/series/${id}.md${known.length ? ` or use one of: ${known.join(', ')}` : ''}`;
  return why === 'future'
    ? warning(
        'graph/unknown-series',
        `Post names series "${id}", which has no definition; the build that publishes it will fail. ${fix}.`,
        at(p, 'series'),
      )
    : error(
        'graph/unknown-series',
        `Post names series "${id}", which has no definition. ${fix}.`,
        at(p, 'series'),
      );
}

function at(p: PostEntry, key: string) {
  const pos = p.keyLines[key] ?? { line: 1, column: 1 };
  return { file: p.file, ...pos };
}
