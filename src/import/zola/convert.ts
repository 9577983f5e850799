import {
  applyEdits,
  literalBraces,
  asBlock,
  codeRanges,
  inlineCode,
  inRanges,
  lineAt,
  type Edit,
} from '../body.js';
import type { BodyContext } from '../context.js';
import { container, directiveName, KEPT, leaf, unconverted } from '../directives.js';
import { figure, gist, instagram, tweet, vimeo, youtube, type EmbedOut } from '../embeds.js';
import type { Place } from '../report.js';
import { scanZola, unescapeZola, type ZolaCall } from './shortcodes.js';

/**
 * Zola shortcodes -> Colophon Markdown. Zola renders shortcodes inside code too (hence its
 * escaped forms), so escaped calls become the literal text they showed; outside code every call
 * is converted; inside code a call is left as written and listed for a human. Zola has no
 * built-in shortcodes since 0.17: the common names (youtube, vimeo, gist, figure) are taken to
 * mean what the usual templates do, the rest become directives of the site.
 */
export function convertZolaBody(text: string, ctx: BodyContext, offset = 0): string {
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
  if (!/\{\{|\{%/.test(text)) return text;
  const code = codeRanges(text);
  const calls = scanZola(text);
  const edits: Edit[] = [];
  const line = (at: number) => lineAt(text, at, ctx.bodyLine) + offset;
  const ends = pairEnds(calls);
  let skipUntil = -1;
  for (const call of calls) {
    if (call.start < skipUntil || call.isEnd) continue;
    const at = { file: ctx.file, line: line(call.start) };
    const inCode = inRanges(code, call.start);
    if (call.escaped) {
      const literal = unescapeZola(call.raw);
      edits.push({
        start: call.start,
        end: call.end,
        text: inCode ? literal : inlineCode(literal),
      });
      ctx.report.converted('escaped shortcode -> literal text', at);
      continue;
    }
    if (inCode) {
      ctx.report.todo(
        at,
        `Zola would render the shortcode ${call.raw} inside this code; it is left as written. Replace it with what it showed.`,
      );
      continue;
    }
    const close = call.body ? ends.get(call) : undefined;
    if (call.body && !close) {
      ctx.report.todo(at, `${call.raw} has no {% end %}; it is left as written.`);
      continue;
    }
    const end = close ? close.end : call.end;
    if (close) skipUntil = close.end;
    const inner = close ? text.slice(call.end, close.start) : undefined;
    const innerLine = line(call.end) - ctx.bodyLine;
    const converted =
      inner === undefined ? undefined : () => convertZolaBody(inner, ctx, innerLine);
    const out = convertCall(call, inner, converted, ctx, at);
    edits.push({
      start: call.start,
      end,
      text: out.block ? asBlock(text, call.start, end, out.text) : out.text,
    });
  }
  return applyEdits(text, edits);
}

/** Body calls matched with their `{% end %}` (nesting respected). */
function pairEnds(calls: ZolaCall[]): Map<ZolaCall, ZolaCall> {
  const out = new Map<ZolaCall, ZolaCall>();
  const stack: ZolaCall[] = [];
  for (const c of calls) {
    if (c.escaped || !c.body) continue;
    if (!c.isEnd) stack.push(c);
    else {
      const open = stack.pop();
      if (open) out.set(open, c);
    }
  }
  return out;
}

function convertCall(
  call: ZolaCall,
  inner: string | undefined,
  converted: (() => string) | undefined,
  ctx: BodyContext,
  at: Place,
): EmbedOut {
  const a = call.args;
  const from = call.body ? `{% ${call.name}() %}` : `{{ ${call.name}() }}`;
  const caption = inner?.trim().replace(/\s*\n\s*/g, ' ');
  let out: EmbedOut | undefined;
  switch (call.name) {
    case 'youtube':
      out = youtube(a, ctx, at, from);
      break;
    case 'vimeo':
      out = vimeo(a, ctx, at, from);
      break;
    case 'gist':
      out = gist(a, ctx, at, from);
      break;
    case 'tweet':
    case 'twitter':
    case 'x':
      out = tweet(
        {
          user: a['user'] ?? a['author'],
          id: a['id'] ?? /status\/(\d+)/.exec(a['url'] ?? '')?.[1],
        },
        ctx,
        at,
        from,
      );
      break;
    case 'instagram':
      out = instagram(a, ctx, at, from);
      break;
    case 'figure':
    case 'image':
      out = figure(
        { ...a, caption: a['caption'] ?? (caption || undefined), credit: a['credit'] ?? a['attr'] },
        ctx,
        at,
        from,
      );
      break;
  }
  return out ?? custom(call, converted, ctx, at);
}

/** A shortcode of the site (templates/shortcodes/) becomes a directive with a starter template. */
function custom(
  call: ZolaCall,
  converted: (() => string) | undefined,
  ctx: BodyContext,
  at: Place,
): EmbedOut {
  const definedIn = ctx.site.shortcodes.get(call.name);
  if (definedIn === undefined) {
    ctx.report.todo(
      at,
      `Unknown shortcode "${call.name}" (no templates/shortcodes/${call.name}.html in the source): ${KEPT}`,
    );
    if (!converted) return { text: unconverted(call.raw, 'zola'), block: false };
    return { text: unconverted(call.raw, 'zola', converted()), block: true };
  }
  const name = directiveName(call.name);
  ctx.directives.set(name, definedIn);
  ctx.report.todo(
    at,
    `Shortcode "${call.name}" became the directive ${converted ? ':::' : '::'}${name}; templates/directives/${name}.liquid is a starter made from ${definedIn}: port what it showed.`,
  );
  if (converted) return { text: container(name, call.args, converted()), block: true };
  return { text: leaf(name, call.args), block: true };
}
