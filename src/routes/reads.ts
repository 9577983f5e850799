/**
 * Field-level dependencies on post cards.
 *
 * A card (title, dates, excerpt, reading time, word count, topics, series…) appears on many pages,
 * and each page shows only some of its fields: the archive shows titles and dates, home shows the
 * excerpt, the post page's JSON-LD shows the word count. Recording "this page depends on card x"
 * would re-render the archive whenever a post's word count changes. Instead, every card a PageInputs
 * hands out is a read-recording view: the fields read while planning the page *and while
 * rendering it* are recorded. A page is reused when every card field it read is unchanged — the
 * template's output is a function of what it read, so its bytes cannot have changed.
 */

/** Pseudo-field recorded when the set of a card's keys is read (`{...card}`, `json`, `for … in`). */
const KEYS = '*';

/** What a page read of cards: `[fields joined by ",", card ids]`, grouped by field set, sorted. */
export type CardReadList = [string, string[]][];

/** The cards of one planning pass. */
export interface CardSource {
  /** JSON of the given fields of a card, undefined when the card is gone. */
  cardFields(postId: string, fields: string): string | undefined;
  /** The card itself, undefined when the post is gone. */
  cardValue(postId: string): object | undefined;
}

/** Which fields of a card changed: null when none, 'all' when it exists on one side only. */
export type CardDiff = (cardId: string) => Set<string> | 'all' | null;

/**
 * Which fields of a card differ between two planning passes: null when none, 'all' when the card
 * exists in only one of them. `*` is in the set when its keys differ.
 */
export function cardDiff(before: CardSource, after: CardSource): CardDiff {
  const memo = new Map<string, Set<string> | 'all' | null>();
  return (id) => {
    let d = memo.get(id);
    if (d !== undefined) return d;
    const a = before.cardValue(id) as Record<string, unknown> | undefined;
    const b = after.cardValue(id) as Record<string, unknown> | undefined;
    if (!a || !b) d = 'all';
    else if (a === b) d = null;
    else {
      const set = new Set<string>();
      const ka = Object.keys(a);
      const kb = Object.keys(b);
      if (ka.join(',') !== kb.join(',')) set.add(KEYS);
      for (const k of new Set([...ka, ...kb])) {
        const x = a[k];
        const y = b[k];
        if (
          x !== y &&
          (typeof x !== 'object' ||
            typeof y !== 'object' ||
            JSON.stringify(x) !== JSON.stringify(y))
        )
          set.add(k);
      }
      d = set.size ? set : null;
    }
    memo.set(id, d);
    return d;
  };
}

/** Did any card field in the list change, according to a diff? */
export function readsChanged(list: CardReadList, diff: CardDiff): boolean {
  for (const [fields, ids] of list) {
    let names: string[] | undefined;
    for (const id of ids) {
      const d = diff(id);
      if (d === null) continue;
      if (d === 'all') return true;
      names ??= fields.split(',');
      if (names.some((f) => d.has(f))) return true;
    }
  }
  return false;
}

/** What a recording view is a view of, and where its reads go. */
export interface CardView {
  /** The card's id: a post id, or `series/<id>`. */
  readonly id: string;
  /** The card itself. */
  readonly vm: object;
  /** Record that a field (or `*`, the list of keys) was read, as a read through the view would. */
  readonly record: (field: string) => void;
}

/** How a recording view answers "which card are you a view of": a key only its trap knows. */
const VIEW = Symbol('colophon.cardView');

/** The card behind a recording view, undefined for any other value. */
export function cardViewOf(value: unknown): CardView | undefined {
  return typeof value === 'object' && value !== null
    ? (value as { [VIEW]?: CardView })[VIEW]
    : undefined;
}

/**
 * A view of `target` (a card, or another view of it) that calls `record` with every field read
 * through it: property reads, `in` tests, descriptor lookups (LiquidJS's `ownPropertyOnly`) and
 * the list of keys (`*`).
 */
export function recordingView(
  id: string,
  vm: object,
  target: object,
  record: (field: string) => void,
): object {
  return new Proxy(target, new Recorder(id, vm, record));
}

/**
 * The traps of a recording view, and what it is a view of. A class, so that the four traps are
 * shared methods, and the view answers `cardViewOf` itself (no WeakMap entry per view): a 67-part
 * series box hands out 67 views per post page, ~90,000 in a build of 4,000 posts, and per-view
 * closures and entries cost ~30 MB of the heap and ~130 ms of planning.
 */
class Recorder implements ProxyHandler<object>, CardView {
  constructor(
    readonly id: string,
    readonly vm: object,
    readonly record: (field: string) => void,
  ) {}
  get(t: object, k: string | symbol, receiver: unknown): unknown {
    if (k === VIEW) return this;
    if (typeof k === 'string') this.record(k);
    return Reflect.get(t, k, receiver);
  }
  has(t: object, k: string | symbol): boolean {
    if (typeof k === 'string') this.record(k);
    return Reflect.has(t, k);
  }
  getOwnPropertyDescriptor(t: object, k: string | symbol): PropertyDescriptor | undefined {
    if (typeof k === 'string') this.record(k);
    return Reflect.getOwnPropertyDescriptor(t, k);
  }
  ownKeys(t: object): (string | symbol)[] {
    this.record(KEYS);
    return Reflect.ownKeys(t);
  }
}

export class CardReads {
  private readonly fields = new Map<string, Set<string>>();
  private readonly views = new Map<string, object>();

  constructor(readonly source: CardSource) {}

  /** A view of a card that records every field read through it. */
  watch<T extends object>(id: string, vm: T): T {
    let view = this.views.get(id);
    if (!view) {
      let seen = this.fields.get(id);
      if (!seen) this.fields.set(id, (seen = new Set()));
      const fields = seen;
      view = recordingView(id, vm, vm, (k) => fields.add(k));
      this.views.set(id, view);
    }
    return view as T;
  }

  /**
   * Which post cards were handed out (sorted). Which cards a page shows is decided by its builder
   * from the graph (neighbours, related posts, list membership): that choice is part of its key.
   */
  ids(): string[] {
    return this.watched().filter((id) => !id.includes('/'));
  }

  /** Every card handed out: post cards (`<post id>`) and series cards (`series/<id>`), sorted. */
  watched(): string[] {
    return [...this.views.keys()].sort();
  }

  /** The reads so far, grouped by field set. */
  list(): CardReadList {
    const groups = new Map<string, string[]>();
    for (const [id, set] of this.fields) {
      if (set.size === 0) continue;
      const key = [...set].sort().join(',');
      const ids = groups.get(key);
      if (ids) ids.push(id);
      else groups.set(key, [id]);
    }
    return [...groups]
      .map(([k, ids]) => [k, ids.sort()] as [string, string[]])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** The values of every field read, in list order: equal strings, equal reads. */
export function readValues(list: CardReadList, source: CardSource): string | undefined {
  const parts: string[] = [];
  for (const [fields, ids] of list) {
    parts.push(fields);
    for (const id of ids) {
      const v = source.cardFields(id, fields);
      if (v === undefined) return undefined;
      parts.push(id, v);
    }
  }
  return parts.join('\u0000');
}

/** JSON of some fields of a card (`*` is the list of its keys). */
export function pickFields(vm: object, fields: string): string {
  const rec = vm as Record<string, unknown>;
  return JSON.stringify(
    fields.split(',').map((f) => (f === KEYS ? Object.keys(rec).join(',') : (rec[f] ?? null))),
  );
}
