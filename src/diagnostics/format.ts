import pc from 'picocolors';
import type { Diagnostic } from './diagnostic.js';

/**
 * `content/posts/x.md:3:7 error [rule-id] message` followed by a code frame when the source
 * text is available. Colour only when the caller says the stream supports it.
 */
export function formatDiagnostic(d: Diagnostic, source?: string, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.column} ` : '';
  const sev = d.severity === 'error' ? c.red('error') : c.yellow('warning');
  let out = `${where}${sev} ${c.dim(`[${d.rule}]`)} ${d.message}`;
  if (d.span && source !== undefined) {
    const frame = codeFrame(source, d.span.line, d.span.column);
    if (frame) out += '\n' + frame;
  }
  if (d.hint) out += '\n' + c.cyan(`  hint: ${d.hint}`);
  return out;
}

/** Two lines of context either side, a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (line < 1 || line > lines.length) return '';
  const start = Math.max(1, line - 2);
  const end = Math.min(lines.length, line + 2);
  const width = String(end).length;
  const out: string[] = [];
  for (let n = start; n <= end; n++) {
    const text = truncate(lines[n - 1] ?? '');
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const pad = ' '.repeat(Math.max(0, Math.min(column, 200) - 1));
      out.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return out.join('\n');
}

function truncate(s: string): string {
  // Keep frames readable for minified or megabyte-long lines.
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}
