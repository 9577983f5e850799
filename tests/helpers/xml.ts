/**
 * A small XML well-formedness check, enough for feeds and sitemaps: one root element, every tag
 * closed in order, attributes quoted, entities known, CDATA and comments terminated, nothing but
 * whitespace outside the root. (No XML parser is a dependency of this project; see the report.)
 * Returns the problems found, empty when well-formed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const at = () => `offset ${i} (line ${xml.slice(0, i).split('\n').length})`;
  const entities = (s: string) => {
    for (const m of s.matchAll(/&[^;\s]*;?/g)) {
      if (!/^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0]))
        problems.push(`bad entity "${m[0]}" at ${at()}`);
    }
  };
  const text = (s: string) => {
    entities(s);
    if (s.includes('<')) problems.push(`stray "<" at ${at()}`);
    if (!stack.length && s.trim()) problems.push(`text outside the root element at ${at()}`);
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length && problems.length < 5) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, lt));
    i = lt;
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0) problems.push(`unterminated CDATA at ${at()}`);
      if (!stack.length) problems.push(`CDATA outside the root at ${at()}`);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) problems.push(`unterminated comment at ${at()}`);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    const m =
      /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
        xml.slice(i),
      );
    if (!m) {
      problems.push(`malformed tag at ${at()}: ${xml.slice(i, i + 40)}`);
      break;
    }
    const [whole, close, name, attrs, selfClose] = m;
    entities(attrs!);
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${at()}`);
    } else {
      if (!stack.length) roots++;
      if (!selfClose) stack.push(name!);
    }
    i += whole.length;
  }
  if (stack.length) problems.push(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
