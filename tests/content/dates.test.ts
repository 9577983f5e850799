import { describe, expect, test } from 'vitest';
import { dateProblem, parseContentDate } from '../../src/util/dates.js';

const iso = (s: string) => parseContentDate(s)?.toISOString();

describe('content dates', () => {
  test.each([
    ['2026-03-14', '2026-03-14T00:00:00.000Z'],
    ['2026-03-14T09:30:00+01:00', '2026-03-14T08:30:00.000Z'],
    ['2026-03-14T09:30:00Z', '2026-03-14T09:30:00.000Z'],
    // Jekyll / YAML timestamps: a space for the T, and a space before the zone.
    ['2020-01-02 15:32:14 -0300', '2020-01-02T18:32:14.000Z'],
    ['2020-01-02 15:32:14 +05:30', '2020-01-02T10:02:14.000Z'],
    ['2020-01-02 15:32:14.250 Z', '2020-01-02T15:32:14.000Z'], // kept to the second,
    ['2020-01-02 15:32:14-0300', '2020-01-02T18:32:14.000Z'],
    ['2020-01-02 15:32 +0100', '2020-01-02T14:32:00.000Z'],
    ['2020-01-02 15:32', '2020-01-02T15:32:00.000Z'],
    ['2001-12-14 21:59:43.10 -05', '2001-12-15T02:59:43.000Z'],
    ['2001-12-14t21:59:43z', '2001-12-14T21:59:43.000Z'],
    // Month names (Astro's starter writes `pubDate: 'Jul 08 2022'`): a UTC calendar day.
    ['Jul 08 2022', '2022-07-08T00:00:00.000Z'],
    ['July 8, 2022', '2022-07-08T00:00:00.000Z'],
    ['Sept 8 2022', '2022-09-08T00:00:00.000Z'],
    ['8 July 2022', '2022-07-08T00:00:00.000Z'],
    ['29 Feb 2024', '2024-02-29T00:00:00.000Z'],
  ])('%s is %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  test.each([
    '2024-02-30',
    '2025-02-29 10:00:00 -0300',
    '2020-01-02 24:00:00 +0000',
    '2020-01-02 15:60',
    '2020-01-02 15:32:14 +2500',
    '2020-01-02 15:32:14 +05:75',
    '2020-01-02  15:32:14',
    '2020-01-02 15:32:14 EST',
    'Feb 30 2024',
    'Foo 3 2024',
    'Ju 3 2024',
    '03/04/2026',
    '20260102',
  ])('%s is refused', (input) => {
    expect(parseContentDate(input)).toBeUndefined();
  });
});

describe('why a date is refused', () => {
  const FORMS =
    'Accepted: YYYY-MM-DD, an ISO date-time (2026-03-14T09:30:00+01:00), a date-time with spaces (2026-03-14 09:30 +0100), or an English month name (14 March 2026, Mar 14 2026)';

  test('a day that does not exist is not a real calendar date', () => {
    for (const input of ['2024-02-30', 'Feb 30 2024', '2025-02-29 10:00:00 -0300'])
      expect(dateProblem(input), input).toBe(
        'not a real calendar date; use YYYY-MM-DD (or an ISO date-time)',
      );
  });

  test.each([
    // Both readings exist: both offered, each named.
    ['12/01/2026', ': 2026-12-01 (1 December) or 2026-01-12 (12 January)'],
    // Only one reading is a real day.
    ['31/01/2026', ': 2026-01-31'],
    ['01/31/2026', ': 2026-01-31'],
    ['05-05-2026', ': 2026-05-05'],
    // Dots: day first.
    ['1.12.2026', ': 2026-12-01'],
    ['2026/03/14', ': 2026-03-14'],
    ['20260314', ': 2026-03-14'],
    ['next tuesday', ''],
    ['Foo 3 2024', ''],
  ])('%s is a format we do not read%s', (input, meant) => {
    expect(dateProblem(input)).toBe(
      `not a date format Colophon reads; write it as YYYY-MM-DD${meant}. ${FORMS}`,
    );
  });

  test('a good date has no problem', () => {
    expect(dateProblem('2026-03-14')).toBeUndefined();
  });
});
