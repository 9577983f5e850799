/**
 * The import report: what came across, every conversion by kind, every dropped key with its
 * reason, what was left out, and every place that needs a human at file:line. Written to
 * DEST/IMPORT.md and summarised on the terminal.
 */

export interface Place {
  /** SRC-relative file. */
  file: string;
  line?: number;
}

interface Note {
  at: Place;
  text: string;
}

const where = (p: Place) => (p.line ? `${p.file}:${p.line}` : p.file);

export class Report {
  readonly counts = new Map<string, number>();
  private readonly conversions = new Map<string, Place[]>();
  private readonly dropped = new Map<string, { reason: string; places: Place[] }>();
  private readonly leftOut: Note[] = [];
  private readonly human: Note[] = [];
  private readonly info: string[] = [];

  count(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  /** A conversion of one kind (`{{< youtube >}} -> ::youtube`) made at a place. */
  converted(kind: string, at: Place): void {
    const list = this.conversions.get(kind) ?? [];
    list.push(at);
    this.conversions.set(kind, list);
  }

  /** A front-matter or config key with no meaning here (grouped by key and reason). */
  drop(key: string, reason: string, at: Place): void {
    const id = `${key}\u0000${reason}`;
    const entry = this.dropped.get(id) ?? { reason, places: [] };
    entry.places.push(at);
    this.dropped.set(id, entry);
  }

  /** A file not imported, and why. */
  leave(at: Place, why: string): void {
    this.leftOut.push({ at, text: why });
  }

  /** A place a person must look at, and what to do there. */
  todo(at: Place, what: string): void {
    this.human.push({ at, text: what });
  }

  /** A site-wide fact worth saying (which URL scheme was chosen, ...). */
  note(text: string): void {
    this.info.push(text);
  }

  get todoCount(): number {
    return this.human.length;
  }

  /** The whole report as Markdown (IMPORT.md). Deterministic: every list is sorted. */
  markdown(title: string): string {
    const out: string[] = [`# Import report: ${title}`, ''];
    out.push('## Imported', '');
    for (const [what, n] of [...this.counts].sort(byKey)) out.push(`- ${what}: ${n}`);
    if (this.info.length) out.push('', '## Notes', '', ...this.info.map((t) => `- ${t}`));
    out.push('', `## Needs a human (${this.human.length})`, '');
    if (!this.human.length) out.push('Nothing: every construct had a Colophon equivalent.');
    for (const n of sortNotes(this.human)) out.push(`- \`${where(n.at)}\`: ${n.text}`);
    out.push('', '## Conversions', '');
    if (!this.conversions.size) out.push('None: the bodies needed no conversion.');
    for (const [kind, places] of [...this.conversions].sort(byKey))
      out.push(`- ${kind} (${places.length}): ${places.map((p) => `\`${where(p)}\``).join(', ')}`);
    out.push('', '## Dropped keys', '');
    const drops = [...this.dropped.entries()].sort(byKey);
    if (!drops.length) out.push('None.');
    for (const [id, d] of drops) {
      const key = id.split('\u0000')[0]!;
      out.push(
        `- \`${key}\` (${d.places.length}): ${d.reason} ${d.places.map((p) => `\`${where(p)}\``).join(', ')}`,
      );
    }
    out.push('', '## Left out', '');
    if (!this.leftOut.length) out.push('Nothing.');
    for (const n of sortNotes(this.leftOut)) out.push(`- \`${where(n.at)}\`: ${n.text}`);
    return out.join('\n') + '\n';
  }

  /** A few lines for the terminal. */
  summary(): string[] {
    const counts = [...this.counts].sort(byKey).map(([w, n]) => `${n} ${w}`);
    const kinds = [...this.conversions].sort((a, b) => b[1].length - a[1].length);
    const lines = [`Imported: ${counts.join(', ') || 'nothing'}.`];
    if (kinds.length)
      lines.push(
        `Converted: ${kinds
          .slice(0, 6)
          .map(([k, p]) => `${p.length} × ${k}`)
          .join(', ')}${kinds.length > 6 ? `, and ${kinds.length - 6} more kinds` : ''}.`,
      );
    const n = this.leftOut.length;
    lines.push(
      `Dropped keys: ${this.dropped.size} kinds; left out: ${n} ${n === 1 ? 'file or folder' : 'files and folders'}.`,
    );
    lines.push(
      this.human.length
        ? `Needs a human: ${this.human.length} places (listed in IMPORT.md).`
        : 'Needs a human: nothing.',
    );
    return lines;
  }
}

const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort(
    (a, b) =>
      (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : 0) ||
      (a.at.line ?? 0) - (b.at.line ?? 0) ||
      (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
}
