import { describe, expect, it } from 'vitest';
import { timeCrossed, visibilityTimes } from '../../src/pipeline/stages/graph.js';
import type { Entry } from '../../src/content/index.js';

const at = (iso: string) => new Date(iso);
const post = (date: string, expires?: string) =>
  ({ kind: 'post', date: at(date), ...(expires ? { expires: at(expires) } : {}) }) as Entry;

describe('timeCrossed (a quick rebuild falls back to a full one when a post appears or expires)', () => {
  const times = visibilityTimes([
    post('2026-03-01T00:00:00Z'),
    post('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
    { kind: 'series' } as Entry,
  ]);
  const t = (iso: string) => at(iso).getTime();

  it('collects post dates and expiry dates, sorted', () => {
    expect(times).toEqual([
      t('2026-01-01T00:00:00Z'),
      t('2026-03-01T00:00:00Z'),
      t('2026-06-01T00:00:00Z'),
    ]);
  });

  it('sees a date that falls after the last run and at or before now', () => {
    expect(timeCrossed(times, t('2026-02-28T23:59:59Z'), t('2026-03-01T00:00:00Z'))).toBe(true);
    expect(timeCrossed(times, t('2026-05-01T00:00:00Z'), t('2026-07-01T00:00:00Z'))).toBe(true);
    // The clock moved back (a corrected system time): the same span, the other way round.
    expect(timeCrossed(times, t('2026-07-01T00:00:00Z'), t('2026-05-01T00:00:00Z'))).toBe(true);
  });

  it('sees nothing when no date lies in the span', () => {
    expect(timeCrossed(times, t('2026-03-01T00:00:00Z'), t('2026-05-31T00:00:00Z'))).toBe(false);
    expect(timeCrossed(times, t('2026-06-01T00:00:00Z'), t('2027-01-01T00:00:00Z'))).toBe(false);
    expect(timeCrossed(times, t('2025-01-01T00:00:00Z'), t('2025-12-31T23:59:59Z'))).toBe(false);
    expect(timeCrossed([], 0, Date.now())).toBe(false);
    expect(timeCrossed(times, t('2026-03-01T00:00:00Z'), t('2026-03-01T00:00:00Z'))).toBe(false);
  });
});
