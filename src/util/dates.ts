/**
 * Dates in content are calendar dates (`2026-03-14`) or date-times. We keep them as strings and
 * check them strictly: `2024-02-30` is an error, never March 1.
 */
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseContentDate(input: string): Date | undefined {
  const m = DATE_RE.exec(input.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  // A date without a zone is a calendar date in UTC: the same bytes in every time zone.
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? normaliseZone(zone) : 'Z'}`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

function normaliseZone(z: string): string {
  if (z === 'Z') return z;
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

/** `14 March 2026`: locale-independent so output never depends on the machine's LANG. */
export function displayDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Now" for filtering future/expired posts: SOURCE_DATE_EPOCH when set, for reproducible builds. */
export function buildNow(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
