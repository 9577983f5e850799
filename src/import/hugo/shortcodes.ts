/**
 * Hugo shortcode calls, tokenised: `{{< name args >}}`, `{{% name args %}}`, closing
 * `{{< /name >}}`, self-closing `{{< name />}}`, and the escaped forms (comment marks
 * just inside the braces) that Hugo prints literally. Arguments are positional or `key=value`, each value bare, "quoted"
 * (backslash escapes) or `raw`. Text that does not parse as a call is no call.
 */

export interface HugoCall {
  start: number;
  end: number;
  delim: '<' | '%';
  name: string;
  closing: boolean;
  selfClosing: boolean;
  escaped: boolean;
  positional: string[];
  named: Record<string, string>;
  /** The call as written. */
  raw: string;
}

export function scanHugo(text: string): HugoCall[] {
  const out: HugoCall[] = [];
  const re = /\{\{([<%])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const call = readCall(text, m.index, m[1] as '<' | '%');
    if (call) {
      out.push(call);
      re.lastIndex = call.end;
    }
  }
  return out;
}

function readCall(text: string, start: number, delim: '<' | '%'): HugoCall | null {
  let i = start + 3;
  const escaped = text.startsWith('/*', i);
  if (escaped) i += 2;
  const end = delim === '<' ? '>' : '%';
  const closer = escaped ? `*/${end}}}` : `${end}}}`;
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  ws();
  const closing = text[i] === '/' && text[i + 1] !== '>';
  if (closing) {
    i++;
    ws();
  }
  const name = /^[\w./-]+/.exec(text.slice(i, i + 200))?.[0];
  if (!name || name.startsWith('/')) return null;
  i += name.length;
  const positional: string[] = [];
  const named: Record<string, string> = {};
  let selfClosing = false;
  for (let guard = 0; guard < 200; guard++) {
    ws();
    if (text.startsWith(closer, i)) {
      const end = i + closer.length;
      return {
        start,
        end,
        delim,
        name,
        closing,
        selfClosing,
        escaped,
        positional,
        named,
        raw: text.slice(start, end),
      };
    }
    if (!escaped && text.startsWith(`/${closer}`, i)) {
      selfClosing = true;
      i++;
      continue;
    }
    const key = /^([A-Za-z_][\w-]*)=/.exec(text.slice(i, i + 100))?.[1];
    if (key !== undefined) i += key.length + 1;
    const value = readValue();
    if (value === null) return null;
    if (key !== undefined) named[key] = value;
    else positional.push(value);
  }
  return null;

  function readValue(): string | null {
    const q = text[i];
    if (q === '"') {
      let v = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\n') return null;
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i];
      }
      if (text[i] !== '"') return null;
      i++;
      return v;
    }
    if (q === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return null;
      const v = text.slice(i + 1, close);
      i = close + 1;
      return v;
    }
    const m = /^[^\s"`]+/.exec(text.slice(i, i + 2000));
    if (!m) return null;
    let v = m[0];
    const cut = v.indexOf(closer);
    const selfCut = escaped ? -1 : v.indexOf(`/${closer}`);
    const stop = [cut, selfCut].filter((n) => n >= 0);
    if (stop.length) v = v.slice(0, Math.min(...stop));
    if (!v) return null;
    i += v.length;
    return v;
  }
}

/** The call as it would be written without Hugo's escape marks: `{{< x >}}`. */
export function unescapeHugo(raw: string): string {
  return raw.replace(/^\{\{([<%])\/\*\s?/, '{{$1 ').replace(/\s?\*\/([>%])\}\}$/, ' $1}}');
}
