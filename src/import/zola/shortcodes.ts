/**
 * Zola shortcode calls, tokenised: `{{ name(key=value, …) }}`, `{% name(…) %}` … `{% end %}`,
 * and their escaped forms (comment marks just inside the braces), which Zola prints literally.
 * Values are strings ("…", '…', or backquoted), numbers, booleans or [lists]. Text that does
 * not parse as a call (a bare `{{ x }}`) is no call.
 */

export interface ZolaCall {
  start: number;
  end: number;
  /** `{{` calls have no body; `{%` calls take one, up to `{% end %}`. */
  body: boolean;
  /** `{% end %}` itself. */
  isEnd: boolean;
  escaped: boolean;
  name: string;
  args: Record<string, string>;
  raw: string;
}

export function scanZola(text: string): ZolaCall[] {
  const out: ZolaCall[] = [];
  const re = /\{([{%])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const call = readCall(text, m.index, m[1] === '%');
    if (call) {
      out.push(call);
      re.lastIndex = call.end;
    }
  }
  return out;
}

function readCall(text: string, start: number, body: boolean): ZolaCall | null {
  let i = start + 2;
  const escaped = text.startsWith('/*', i);
  if (escaped) i += 2;
  const closer = (escaped ? '*/' : '') + (body ? '%}' : '}}');
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  ws();
  if (text[i] === '-') i++;
  ws();
  const name = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 100))?.[0];
  if (!name) return null;
  i += name.length;
  ws();
  const finish = (isEnd: boolean, args: Record<string, string>): ZolaCall | null => {
    ws();
    if (text[i] === '-') i++;
    if (!text.startsWith(closer, i)) return null;
    const end = i + closer.length;
    return { start, end, body, isEnd, escaped, name, args, raw: text.slice(start, end) };
  };
  if (body && name === 'end') return finish(true, {});
  if (text[i] !== '(') return null;
  i++;
  const args: Record<string, string> = {};
  for (let guard = 0; guard < 100; guard++) {
    ws();
    if (text[i] === ')') {
      i++;
      return finish(false, args);
    }
    const key = /^([A-Za-z_]\w*)\s*=\s*/.exec(text.slice(i, i + 100));
    if (!key) return null;
    i += key[0].length;
    const value = readValue();
    if (value === null) return null;
    args[key[1]!] = value;
    ws();
    if (text[i] === ',') i++;
  }
  return null;

  function readValue(): string | null {
    const q = text[i];
    if (q === '"' || q === "'" || q === '`') {
      let v = '';
      for (i++; i < text.length && text[i] !== q; i++) {
        if (text[i] === '\\' && q === '"' && i + 1 < text.length) i++;
        v += text[i];
      }
      if (text[i] !== q) return null;
      i++;
      return v;
    }
    if (q === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return null;
      const v = text.slice(i, close + 1);
      i = close + 1;
      return v;
    }
    const m = /^[\w.+-]+/.exec(text.slice(i, i + 100));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  }
}

/** The call as Zola prints it when escaped: the comment marks removed. */
export function unescapeZola(raw: string): string {
  return raw.replace(/^\{([{%])\/\*\s?/, '{$1 ').replace(/\s?\*\/([}%])\}$/, ' $1}');
}
