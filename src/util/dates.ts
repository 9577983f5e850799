/**
 * Dates in content are calendar dates (`2026-03-14`) or date-times. We keep them as strings and
 * check them strictly: `2024-02-30` is an error, never March 1.
 *
 * Accepted, besides `YYYY-MM-DD`: ISO date-times (`2026-03-14T09:30:00+01:00`) and the forms
 * blogs written for other generators use: a space instead of `T` and a space before the zone
 * (Jekyll, YAML timestamps: `2020-01-02 15:32:14 -0300`), zones as `Z`, `+HH`, `+HHMM` or
 * `+HH:MM`, and English month names (Astro's starter: `Jul 08 2022`, `July 8, 2022`,
 * `8 July 2022`).
 */
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([Zz]|[+-]\d{2}(?::?\d{2})?))?)?$/;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** `Jul 08 2022`, `July 8, 2022`, `Sept 8 2022` (month first). */
const MONTH_FIRST_RE = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
/** `8 July 2022`, `08 Jul 2022` (day first). */
const DAY_FIRST_RE = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/;

export function parseContentDate(input: string): Date | undefined {
  const text = input.trim();
  const m = DATE_RE.exec(text);
  if (!m) return parseNamedMonth(text);
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  if (!realDay(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const z = zone ? normaliseZone(zone) : 'Z';
  if (z !== 'Z' && (Number(z.slice(1, 3)) > 14 || Number(z.slice(4)) > 59)) return undefined;
  // A date without a zone is a calendar date in UTC: the same bytes in every time zone.
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * Why a date is refused, for the diagnostic: a day that does not exist (`2024-02-30`) or a form
 * we do not read (`12/01/2026`, told apart so the author is not told that a real day is not
 * one). Undefined when the date is fine. No final period: the caller ends the sentence.
 */
export function dateProblem(input: string): string | undefined {
  if (parseContentDate(input)) return undefined;
  const text = input.trim();
  const named = MONTH_FIRST_RE.exec(text)?.[1] ?? DAY_FIRST_RE.exec(text)?.[2];
  if (DATE_RE.test(text) || (named && monthNumber(named)))
    return 'not a real calendar date; use YYYY-MM-DD (or an ISO date-time)';
  return `not a date format Colophon reads; write it as YYYY-MM-DD${meant(text)}. Accepted: YYYY-MM-DD, an ISO date-time (2026-03-14T09:30:00+01:00), a date-time with spaces (2026-03-14 09:30 +0100), or an English month name (14 March 2026, Mar 14 2026)`;
}

/** `: 2026-12-01 (1 December) or 2026-01-12 (12 January)` for `12/01/2026`; '' when unclear. */
function meant(text: string): string {
  const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$|^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (ymd) {
    const [y, m, d] = (ymd[1] ? ymd.slice(1, 4) : ymd.slice(4, 7)).map(Number) as [
      number,
      number,
      number,
    ];
    return realDay(y, m, d) ? `: ${day(y, m, d)}` : '';
  }
  const dmy = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (!dmy) return '';
  const [a, b, y] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
  // Dots are day first wherever they are used (1.12.2026); slashes and dashes go either way.
  const readings = (
    dmy[2] === '.'
      ? [[b, a]]
      : [
          [a, b],
          [b, a],
        ]
  ).filter(
    ([m, d], i, all) =>
      realDay(y, m!, d!) && all.findIndex(([m2, d2]) => m2 === m && d2 === d) === i,
  );
  if (!readings.length) return '';
  const one = ([m, d]: number[]) =>
    `${day(y, m!, d!)}${readings.length > 1 ? ` (${d} ${MONTHS[m! - 1]})` : ''}`;
  return `: ${readings.map(one).join(' or ')}`;
}

const day = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A date with an English month name, as a UTC calendar day (like `YYYY-MM-DD`). */
function parseNamedMonth(text: string): Date | undefined {
  const first = MONTH_FIRST_RE.exec(text);
  const dayFirst = first ? undefined : DAY_FIRST_RE.exec(text);
  const [name, day, year] = first
    ? [first[1]!, first[2]!, first[3]!]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
      : [];
  if (name === undefined || day === undefined || year === undefined) return undefined;
  const month = monthNumber(name);
  if (month === 0 || !realDay(Number(year), month, Number(day))) return undefined;
  return new Date(`${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}T00:00:00Z`);
}

/** 1-12 for a full English month name or its first three letters (`Sep`, also `Sept`); else 0. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return (
    MONTH_NAMES.findIndex(
      (full) =>
        full === lower || (lower.length >= 3 && lower.length <= 4 && full.startsWith(lower)),
    ) + 1
  );
}

function realDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `Z`, `+HH:MM`: the forms Date.parse reads everywhere. */
function normaliseZone(z: string): string {
  if (z === 'Z' || z === 'z') return 'Z';
  if (z.length === 3) return `${z}:00`;
  return z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as the site's language writes it (`14. März 2026`, `2026年3月14日`), with `Intl` in UTC:
 * the same bytes whatever the machine's locale and time zone. Plain `en` keeps the theme's
 * day-month-year (`14 March 2026`); `en-US` gives `March 14, 2026`.
 */
export function displayDate(d: Date, language = 'en'): string {
  if (/^en$/i.test(language))
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  let format = dateFormats.get(language);
  if (!format) {
    let locale = 'en';
    try {
      locale = Intl.getCanonicalLocales(language)[0] ?? 'en';
    } catch {
      // Not a BCP 47 tag: the English form rather than a failed build.
    }
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(d);
}

/** "Now" for filtering future/expired posts: SOURCE_DATE_EPOCH when set, for reproducible builds. */
export function buildNow(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
