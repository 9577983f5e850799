import { dep, fingerprint, type EntryRef, type ListName, type PageDeps } from './deps.js';

/**
 * Recording views of the site graph, the way route builders see it: a read is a declaration.
 *
 * `nodeView` wraps a graph node (a post, a series, a topic, a page, with its entry): every field
 * read through it, however deep (`post.entry.toc`), is recorded on the page's dependencies with
 * the value it had. A field added to the front matter tomorrow is recorded the first time a
 * builder reads it, with no list of dependencies to keep in step. `ListReads` does the same for
 * the graph's lists, recording only the part a page shows (a slice of the posts, their count).
 */

/** What a builder gets: the node, read-only all the way down. */
export type View<T> = { readonly [K in keyof T]: FieldView<T[K]> };
/** A field's view (distributes over `| undefined`): dates and arrays are values. */
type FieldView<V> = V extends Date
  ? V
  : V extends readonly (infer U)[]
    ? readonly U[]
    : V extends object
      ? View<V>
      : V;

/** A node's fields are recorded, nested objects are views too; arrays and dates are values. */
const nested = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function nodeView<T extends object>(of: EntryRef, node: T, deps: PageDeps): View<T> {
  return new Proxy(node, new NodeRecorder(of, deps, '')) as View<T>;
}

class NodeRecorder implements ProxyHandler<object> {
  private readonly children = new Map<string, object>();
  constructor(
    private readonly of: EntryRef,
    private readonly deps: PageDeps,
    private readonly prefix: string,
  ) {}

  private read(k: string, v: unknown): unknown {
    if (!nested(v)) {
      this.deps.record(dep.field(this.of, this.prefix + k), () => fingerprint(v));
      return v;
    }
    let child = this.children.get(k);
    if (!child) {
      child = new Proxy(v, new NodeRecorder(this.of, this.deps, `${this.prefix}${k}.`));
      this.children.set(k, child);
    }
    return child;
  }
  get(t: object, k: string | symbol, receiver: unknown): unknown {
    const v: unknown = Reflect.get(t, k, receiver);
    return typeof k === 'string' ? this.read(k, v) : v;
  }
  has(t: object, k: string | symbol): boolean {
    if (typeof k === 'string') this.read(k, Reflect.get(t, k));
    return Reflect.has(t, k);
  }
  getOwnPropertyDescriptor(t: object, k: string | symbol): PropertyDescriptor | undefined {
    const d = Reflect.getOwnPropertyDescriptor(t, k);
    if (typeof k === 'string') {
      const v: unknown = d?.value;
      this.deps.record(dep.field(this.of, this.prefix + k), () => fingerprint(v));
    }
    return d;
  }
  ownKeys(t: object): (string | symbol)[] {
    const keys = Reflect.ownKeys(t);
    this.deps.record(dep.field(this.of, `${this.prefix}*`), () => fingerprint(keys));
    return keys;
  }
}

/** A list of the graph, recorded by the part a page reads of it. */
export class ListReads<T> {
  constructor(
    private readonly list: ListName,
    private readonly scope: string,
    private readonly items: readonly T[],
    private readonly deps: PageDeps,
  ) {}

  count(): number {
    const n = this.items.length;
    this.deps.record(dep.list(this.list, this.scope, 'count'), () => String(n));
    return n;
  }

  /** How many pages the list takes at `size` items a page (at least one). */
  pages(size: number): number {
    const n = Math.max(1, Math.ceil(this.items.length / size));
    this.deps.record(dep.list(this.list, this.scope, `pages/${size}`), () => String(n));
    return n;
  }

  slice(from: number, to: number): readonly T[] {
    const part = this.items.slice(from, to);
    this.deps.record(dep.list(this.list, this.scope, `${from}-${to}`), () => fingerprint(part));
    return part;
  }

  all(): readonly T[] {
    this.deps.record(dep.list(this.list, this.scope, 'all'), () => fingerprint(this.items));
    return this.items;
  }
}
