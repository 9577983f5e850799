/**
 * Pure part of code includes: which attributes a fence has (`file`, `lines`, `region`) and which
 * lines of the included text they select. No I/O: the build reads the file (readInclude).
 */

export interface IncludeAttribute {
  value: string;
  /** Offset of the attribute (`file=...`) in the fence's info string, for exact columns. */
  index: number;
}

export interface IncludeAttributes {
  file?: IncludeAttribute;
  lines?: IncludeAttribute;
  region?: IncludeAttribute;
}

const ATTRIBUTE = /(^|\s)(file|lines|region)=(?:"([^"]*)"|'([^']*)'|(\S+))/g;

/** The include attributes of a fence info string (`rust file="./wal.rs" lines="10-24"`). */
export function parseIncludeAttributes(info: string): IncludeAttributes {
  const out: IncludeAttributes = {};
  for (const m of info.matchAll(ATTRIBUTE)) {
    const key = m[2] as keyof IncludeAttributes;
    // The first one wins, as for HTML attributes.
    out[key] ??= { value: m[3] ?? m[4] ?? m[5] ?? '', index: m.index + (m[1]?.length ?? 0) };
  }
  return out;
}

export type Selection =
  /**
   * `lines`: the line number in the file of each line of `code` (1-based), so a block can be
   * numbered, and its `{3}` highlights read, as the lines of the file.
   */
  | { ok: true; code: string; lines: number[] }
  | { ok: false; rule: string; message: string; attribute: 'lines' | 'region' };

/**
 * `#region name` / `#endregion name` after an optional comment opener, in any comment style:
 * `// #region a`, `# #region a`, `-- #region a`, `<!-- #region a -->`, `/* #region a *\/`, C#'s
 * bare `#region a`. A bare `#endregion` closes the innermost open region.
 */
const MARKER = /^\s*(?:[^\w\s]{1,4}\s*)?#(end)?region\b(?:[ \t]+([\w.:-]+))?/;

interface Marker {
  end: boolean;
  name: string | undefined;
}

export function regionMarker(line: string): Marker | null {
  const m = MARKER.exec(line);
  return m ? { end: m[1] !== undefined, name: m[2] } : null;
}

/** Lines of a text without the empty string after a final newline; CRLF and CR become LF. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Select lines of an included file: `lines="10-24"` (1-based, inclusive; also `10`, `10-` and
 * lists like `1-3,8-9`), `region="append"`, or the whole file. Region marker lines never appear in
 * the result, the common indentation is removed and blank lines at either end are dropped.
 * `file` is the project-relative path, used in messages only.
 */
export function selectInclude(
  text: string,
  file: string,
  spec: { lines?: string; region?: string },
): Selection {
  const all = splitLines(text);
  if (spec.lines !== undefined && spec.region !== undefined) {
    return {
      ok: false,
      rule: 'include/bad-range',
      attribute: 'lines',
      message: `The fence gives both lines="${spec.lines}" and region="${spec.region}"; use one of them.`,
    };
  }
  // Line numbers in the file, parallel to the lines picked.
  let picked: string[];
  let numbers: number[];
  if (spec.lines !== undefined) {
    const ranges = parseLineRanges(spec.lines);
    if (typeof ranges === 'string')
      return { ok: false, rule: 'include/bad-range', attribute: 'lines', message: ranges };
    picked = [];
    numbers = [];
    for (const [from, to] of ranges) {
      const last = to ?? all.length;
      if (from > all.length || last > all.length) {
        return {
          ok: false,
          rule: 'include/bad-range',
          attribute: 'lines',
          message:
            `lines="${spec.lines}" goes past the end of ${file}, which has ${all.length} line${all.length === 1 ? '' : 's'}. ` +
            `Fix the range, or mark the code with "#region name" / "#endregion name" comments and use region="name" so it follows edits.`,
        };
      }
      picked.push(...all.slice(from - 1, last));
      for (let n = from; n <= last; n++) numbers.push(n);
    }
  } else if (spec.region !== undefined) {
    const r = pickRegion(all, spec.region, file);
    if (!r.ok) return r;
    picked = r.lines;
    numbers = r.numbers;
  } else {
    picked = all;
    numbers = all.map((_, i) => i + 1);
  }
  const kept = picked.flatMap((l, i) => (regionMarker(l) ? [] : [i]));
  const [start, end] = trimBlank(kept.map((i) => picked[i]!));
  const shown = kept.slice(start, end);
  const code = dedent(shown.map((i) => picked[i]!));
  return { ok: true, code: code.join('\n'), lines: shown.map((i) => numbers[i]!) };
}

/** `10-24`, `10`, `10-`, `1-3,8-9` -> [from, to | null (to the end)][]; a message when malformed. */
export function parseLineRanges(text: string): [number, number | null][] | string {
  const out: [number, number | null][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*$/.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = !m ? NaN : m[3] !== undefined ? Number(m[3]) : m[2] ? null : from;
    if (!m || from < 1 || (to !== null && to < from)) {
      return `lines="${text}" is not a line range. Write lines="10-24" (1-based, inclusive), lines="10" for one line, lines="10-" to the end, or a list such as lines="1-3,8-9".`;
    }
    out.push([from, to]);
  }
  return out;
}

function pickRegion(
  all: string[],
  name: string,
  file: string,
): { ok: true; lines: string[]; numbers: number[] } | (Selection & { ok: false }) {
  const open: { name: string | undefined; line: number }[] = [];
  const names: string[] = [];
  const lines: string[] = [];
  const numbers: number[] = [];
  let found = false;
  for (const [i, line] of all.entries()) {
    const marker = regionMarker(line);
    if (marker && !marker.end) {
      open.push({ name: marker.name, line: i + 1 });
      if (marker.name !== undefined && !names.includes(marker.name)) names.push(marker.name);
      if (marker.name === name) found = true;
      continue;
    }
    if (marker?.end) {
      // A named end closes that region (and anything left open inside it); a bare one the innermost.
      const at =
        marker.name === undefined
          ? open.length - 1
          : open.map((o) => o.name).lastIndexOf(marker.name);
      if (at >= 0) open.splice(at);
      continue;
    }
    if (open.some((o) => o.name === name)) {
      lines.push(line);
      numbers.push(i + 1);
    }
  }
  const unclosed = open.find((o) => o.name === name);
  if (unclosed) {
    return {
      ok: false,
      rule: 'include/unclosed-region',
      attribute: 'region',
      message: `Region "${name}" starts at line ${unclosed.line} of ${file} but never ends. Add a "#endregion ${name}" comment where it should stop.`,
    };
  }
  if (!found) {
    const known = names.length
      ? `Regions in that file: ${names.map((n) => `"${n}"`).join(', ')}.`
      : 'That file has no regions yet.';
    return {
      ok: false,
      rule: 'include/unknown-region',
      attribute: 'region',
      message: `${file} has no region "${name}". ${known} Mark the code with "#region ${name}" and "#endregion ${name}" comments (// #region ${name}, # #region ${name}, ...) or fix the name.`,
    };
  }
  return { ok: true, lines, numbers };
}

/** The range [start, end) of `lines` without the blank lines at either end. */
function trimBlank(lines: string[]): [number, number] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return [start, end];
}

/**
 * Line numbers as runs `[first, count]` (`[10, 11, 12, 20]` -> `[[10, 3], [20, 1]]`); undefined
 * when they are simply 1, 2, 3, … (nothing to tell the highlighter).
 */
export function lineRuns(numbers: readonly number[]): [number, number][] | undefined {
  const runs: [number, number][] = [];
  for (const n of numbers) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else runs.push([n, 1]);
  }
  return runs.length === 0 || (runs.length === 1 && runs[0]![0] === 1) ? undefined : runs;
}

/** Removes the whitespace prefix that every non-blank line shares (a region inside an `impl`). */
function dedent(lines: string[]): string[] {
  let prefix: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const ws = /^[ \t]*/.exec(line)![0];
    if (prefix === null) prefix = ws;
    else {
      let n = 0;
      while (n < prefix.length && n < ws.length && prefix[n] === ws[n]) n++;
      prefix = prefix.slice(0, n);
    }
    if (prefix === '') return lines;
  }
  const cut = prefix?.length ?? 0;
  return cut === 0 ? lines : lines.map((l) => (l.trim() === '' ? '' : l.slice(cut)));
}
