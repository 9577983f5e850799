/**
 * What to do about the YAML mistakes authors make most, in place of the yaml library's terse
 * message ("Nested mappings are not allowed in compact mappings" for `title: Code: and Math`).
 * Each hint shows the line as it should be written. Undefined: no hint, the library's message.
 */
export function yamlHint(code: string, src: string, offset: number): string | undefined {
  const lineStart = src.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = src.indexOf('\n', offset);
  const line = src.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const pair = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s+(.*)$/.exec(line);
  const key = pair?.[2];
  const value = pair ? plainValue(pair[3]!) : '';
  const quoted = () => `${pair![1]}${key}: ${quote(value)}`;
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (pair && value.includes(': '))
        return `The value of "${key}" contains ": ", which YAML reads as the start of a nested key. Quote the value: ${quoted()}`;
      return undefined;
    case 'BAD_SCALAR_START':
      if (pair && value)
        return `The value of "${key}" starts with "${value[0]}", which YAML reserves. Quote the value: ${quoted()}`;
      return undefined;
    case 'UNEXPECTED_TOKEN':
      // `title: "Foo" bar`: text after the closing quote.
      if (pair && /^["']/.test(value) && !new RegExp(`${value[0]}$`).test(value))
        return `Text follows the closing quote in the value of "${key}". Quote the whole value: ${pair[1]}${key}: ${quote(value)}`;
      return undefined;
    case 'TAB_AS_INDENT':
      return 'A tab indents this line; YAML allows only spaces. Indent with spaces.';
    default:
      return undefined;
  }
}

/** The value as written, without a trailing ` # comment` (which YAML drops from plain text). */
function plainValue(raw: string): string {
  const v = raw.trim();
  return /^["']/.test(v) ? v : v.replace(/\s+#.*$/, '');
}

/** Double quotes (JSON's escapes are YAML's), or single quotes for text holding double quotes. */
function quote(value: string): string {
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}
