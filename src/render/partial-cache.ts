import { evalToken, RenderTag } from 'liquidjs';
import type { Context, Emitter, Hash, Template, Token } from 'liquidjs';
import { cardViewOf, pickFields, recordingView } from '../routes/reads.js';

/**
 * The output of `{% render %}` partials, kept and reused across pages and rebuilds.
 *
 * A list page renders one partial per post (the archive: 4,000 entries; home and topic pages:
 * post cards; post pages: related posts), and LiquidJS spends ~30 µs on each. `{% render %}` has
 * an isolated scope: the partial sees its arguments and nothing else, so its output is a function
 * of the partial files and the values it read from them. When every argument is a plain value
 * (string, number, boolean, nil) or a card (a read-recording view, routes/reads.ts), the output is
 * kept with the card fields it read and their values. The same call with the same plain values,
 * on cards whose read fields are unchanged, writes the kept output and replays its reads into the
 * page's own record, so page-level reuse (pipeline/stages/pages.ts) stays exact. Any other
 * argument (a list, an image, the site) renders as usual. Like Hugo's `partialCached`, but the key
 * is found by recording, not declared by the theme author, so it cannot go stale. (Not to be
 * confused with a URL's fragment, `#section`, which link checks are about.)
 */
export class PartialOutputCache {
  private readonly entries = new Map<string, KeptOutput>();
  private chars = 0;
  hits = 0;
  misses = 0;

  /** `maxChars`: total size of kept outputs; the oldest are dropped beyond it. */
  constructor(private readonly maxChars = 64 * 1024 * 1024) {}

  get(key: string): KeptOutput | undefined {
    return this.entries.get(key);
  }

  set(key: string, output: KeptOutput): void {
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.html.length;
      this.entries.delete(key);
    }
    this.entries.set(key, output);
    this.chars += output.html.length;
    for (const [k, f] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= f.html.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

interface KeptOutput {
  html: string;
  cards: CardRead[];
}

/** The fields a kept output read of one card argument, and their values then. */
interface CardRead {
  name: string;
  /** The card object last checked: the same object has the same values (cards are immutable). */
  vm: object;
  /** The fields read, sorted (replayed on every reuse), and joined for `pickFields`. */
  fields: string[];
  joined: string;
  json: string;
}

/** The parts of LiquidJS's RenderTag this tag reads (private there; checked before use). */
interface RenderTagParts {
  file: unknown;
  currentFile?: string;
  hash: Hash;
  with?: { value: Token; alias?: string };
  forBinding?: unknown;
}

/** LiquidJS's `render` tag, with its output kept in `cache` when its arguments allow it. */
export function cachedRenderTag(cache: PartialOutputCache): typeof RenderTag {
  return class CachedRenderTag extends RenderTag {
    override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const tag = this as unknown as RenderTagParts;
      // `render 'x' for items` (a forloop in scope) and computed file names render as usual.
      if (typeof tag.file !== 'string' || tag.forBinding !== undefined || !tag.hash) {
        yield* super.render(ctx, emitter);
        return;
      }
      const file = tag.file;
      const args = (yield tag.hash.render(ctx)) as Record<string, unknown>;
      if (tag.with) args[tag.with.alias ?? file] = yield evalToken(tag.with.value, ctx);

      const key = keyOf(file, args);
      if (key !== undefined) {
        const kept = cache.get(key);
        if (kept && stillValid(kept, args)) {
          cache.hits++;
          for (const c of kept.cards) {
            const card = cardViewOf(args[c.name])!;
            for (const f of c.fields) card.record(f);
          }
          emitter.write(kept.html);
          return;
        }
      }
      const reads = new Map<string, { vm: object; fields: Set<string> }>();
      if (key !== undefined) {
        for (const [name, value] of Object.entries(args)) {
          const card = cardViewOf(value);
          if (!card) continue;
          const fields = new Set<string>();
          reads.set(name, { vm: card.vm, fields });
          args[name] = recordingView(card.id, card.vm, value as object, (k) => {
            fields.add(k);
            card.record(k);
          });
        }
      }
      const child = ctx.spawn();
      Object.assign(child.bottom(), args);
      const templates = (yield this.liquid._parsePartialFile(
        file,
        child.sync,
        tag.currentFile,
      )) as Template[];
      const html = (yield this.liquid.renderer.renderTemplates(templates, child)) as string;
      emitter.write(html);
      if (key === undefined) return;
      cache.misses++;
      const cards: CardRead[] = [];
      for (const [name, { vm, fields: set }] of reads) {
        const fields = [...set].sort();
        const joined = fields.join(',');
        cards.push({ name, vm, fields, joined, json: joined ? pickFields(vm, joined) : '' });
      }
      cache.set(key, { html, cards });
    }
  };
}

/** The cache key of a call: the file and every argument; undefined when one is not cacheable. */
function keyOf(file: string, args: Record<string, unknown>): string | undefined {
  const parts = [file];
  for (const name of Object.keys(args).sort()) {
    const v = args[name];
    const card = cardViewOf(v);
    if (card) parts.push(`${name}#${card.id}`);
    else if (v === undefined || v === null) parts.push(`${name}=nil`);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      parts.push(`${name}=${JSON.stringify(v)}`);
    else return undefined;
  }
  return parts.join('\u0000');
}

function stillValid(kept: KeptOutput, args: Record<string, unknown>): boolean {
  for (const c of kept.cards) {
    const vm = cardViewOf(args[c.name])?.vm;
    if (!vm) return false;
    if (vm === c.vm) continue;
    if (c.joined && pickFields(vm, c.joined) !== c.json) return false;
    c.vm = vm;
  }
  return true;
}
