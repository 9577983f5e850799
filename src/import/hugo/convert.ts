import {
  applyEdits,
  literalBraces,
  asBlock,
  codeRanges,
  fence,
  inlineCode,
  inRanges,
  lineAt,
  type Edit,
} from '../body.js';
import { fenceMetaFromOptions, parseOptionString, type BodyContext } from '../context.js';
import { container, directiveName, KEPT, leaf, unconverted } from '../directives.js';
import { scanHugo, unescapeHugo, type HugoCall } from './shortcodes.js';
import { embed, textValue } from './embeds.js';

/**
 * Hugo shortcodes -> Colophon Markdown. Hugo expands shortcodes everywhere, code included (which
 * is why authors escape them with comment marks inside the braces), so: escaped calls become
 * the literal text they showed; outside code, every call is converted; inside code, only calls that produce plain
 * text (`param`, `ref`) are, and anything else is left as written and listed for a human.
 */
export function convertHugoBody(text: string, ctx: BodyContext, offset = 0): string {
  const out = convertCalls(text, ctx, offset);
  if (offset) return out;
  return literalBraces(out, (at) =>
    ctx.report.converted('literal {{ }} in prose -> inline code', {
      file: ctx.file,
      line: lineAt(out, at, ctx.bodyLine),
    }),
  );
}

function convertCalls(text: string, ctx: BodyContext, offset: number): string {
  // Most pages have no shortcode: no Markdown parse for them.
  if (!text.includes('{{<') && !text.includes('{{%')) return text;
  const code = codeRanges(text);
  const calls = scanHugo(text);
  const edits: Edit[] = [];
  const line = (at: number) => lineAt(text, at, ctx.bodyLine) + offset;
  const pairs = pair(calls);
  let skipUntil = -1;
  for (const call of calls) {
    if (call.start < skipUntil || call.closing) {
      if (call.closing && call.start >= skipUntil && !call.escaped) orphanClose(call);
      continue;
    }
    const at = { file: ctx.file, line: line(call.start) };
    const inCode = inRanges(code, call.start);
    if (call.escaped) {
      const literal = unescapeHugo(call.raw);
      edits.push({
        start: call.start,
        end: call.end,
        text: inCode ? literal : inlineCode(literal),
      });
      ctx.report.converted('escaped shortcode -> literal text', at);
      continue;
    }
    const close = pairs.get(call);
    const end = close ? close.end : call.end;
    const inner = close ? text.slice(call.end, close.start) : undefined;
    if (close) skipUntil = close.end;
    const name = call.name.toLowerCase();
    const plain = textValue(name, call, ctx, at);
    if (plain !== undefined) {
      edits.push({ start: call.start, end, text: plain });
      continue;
    }
    if (inCode) {
      ctx.report.todo(
        at,
        `Hugo would expand the shortcode ${call.raw} inside this code; it is left as written. Replace it with what it showed.`,
      );
      continue;
    }
    const innerLine = inner === undefined ? 0 : line(call.end) - ctx.bodyLine;
    const converted =
      inner === undefined ? undefined : () => convertHugoBody(inner, ctx, innerLine);
    const out = convertCall(name, call, inner, converted, ctx, at);
    edits.push({
      start: call.start,
      end,
      text: out.block ? asBlock(text, call.start, end, out.text) : out.text,
    });
  }
  return applyEdits(text, edits);

  function orphanClose(call: HugoCall): void {
    ctx.report.todo(
      { file: ctx.file, line: line(call.start) },
      `A closing ${call.raw} has no opening shortcode; it is left as written.`,
    );
  }
}

/** Opening calls matched with their closing call (nesting respected). */
function pair(calls: HugoCall[]): Map<HugoCall, HugoCall> {
  const out = new Map<HugoCall, HugoCall>();
  const stack: HugoCall[] = [];
  for (const c of calls) {
    if (c.escaped || c.selfClosing) continue;
    if (!c.closing) stack.push(c);
    else {
      const i = stack.map((s) => s.name).lastIndexOf(c.name);
      if (i < 0) continue;
      out.set(stack[i]!, c);
      stack.length = i;
    }
  }
  return out;
}

interface Out {
  text: string;
  block: boolean;
}

function convertCall(
  name: string,
  call: HugoCall,
  inner: string | undefined,
  converted: (() => string) | undefined,
  ctx: BodyContext,
  at: { file: string; line: number },
): Out {
  if (name === 'highlight' && inner !== undefined) {
    const opts = { ...parseOptionString(call.positional[1] ?? ''), ...call.named };
    ctx.report.converted('{{< highlight >}} -> fenced code', at);
    return {
      text: fence(
        call.positional[0] ?? call.named['lang'] ?? '',
        fenceMetaFromOptions(opts),
        inner,
      ),
      block: true,
    };
  }
  if (name === 'details' && converted) {
    const summary = call.named['summary'] ?? call.positional[0] ?? 'Details';
    const open = call.named['open'] === 'true' || call.named['open'] === '';
    ctx.report.converted('{{< details >}} -> :::details', at);
    return { text: container('details', { summary, open }, converted()), block: true };
  }
  const e = embed(name, call, ctx, at);
  if (e !== undefined) return e;
  return custom(call, converted, ctx, at);
}

/** A shortcode of the site or its theme becomes a directive with a starter template. */
function custom(
  call: HugoCall,
  converted: (() => string) | undefined,
  ctx: BodyContext,
  at: { file: string; line: number },
): Out {
  const definedIn = ctx.site.shortcodes.get(call.name);
  if (definedIn === undefined) {
    ctx.report.todo(
      at,
      `Unknown shortcode "${call.name}" (no definition in layouts/ or themes/): ${KEPT}`,
    );
    if (!converted) return { text: unconverted(call.raw, 'hugo'), block: false };
    return { text: unconverted(call.raw, 'hugo', converted()), block: true };
  }
  const name = directiveName(call.name);
  const attrs: Record<string, string> = { ...call.named };
  call.positional.forEach((v, i) => (attrs[`arg${i + 1}`] = v));
  ctx.directives.set(name, definedIn);
  ctx.report.todo(
    at,
    `Shortcode "${call.name}" became the directive ${converted ? ':::' : '::'}${name}; templates/directives/${name}.liquid is a starter made from ${definedIn}: port what it showed.`,
  );
  if (converted) return { text: container(name, attrs, converted()), block: true };
  return { text: leaf(name, attrs), block: true };
}
