import type { ImportDoc, ImportSite } from './model.js';
import type { Report } from './report.js';

/** What a body converter needs to know about the rest of the site. */
export interface BodyContext {
  site: ImportSite;
  /** The page being converted, or undefined for a section's intro. */
  doc?: ImportDoc;
  /** SRC-relative file whose body this is (for report lines). */
  file: string;
  /** 1-based line of the body's first line in that file. */
  bodyLine: number;
  report: Report;
  /** A relative link (from the file being written) to what a SRC content file became. */
  linkToSrc(src: string): string | undefined;
  /** A relative link to what the page the old site published at this site path became. */
  linkToOldUrl(sitePath: string): string | undefined;
  /** Site shortcodes used as directives: name -> file that defined it (undefined: not found). */
  directives: Map<string, string | undefined>;
}

/** Parse `linenos=table,hl_lines=3 8-10` (Hugo highlight options) into Colophon fence meta. */
export function fenceMetaFromOptions(opts: Record<string, string>): string {
  const parts: string[] = [];
  const lines = opts['hl_lines'] ?? opts['hl_Lines'];
  if (lines) {
    const ranges = lines
      .replace(/[[\]"]/g, ' ')
      .split(/[\s,]+/)
      .filter((r) => /^\d+(?:-\d+)?$/.test(r));
    if (ranges.length) parts.push(`{${ranges.join(',')}}`);
  }
  const nos = opts['linenos'] ?? opts['lineNos'] ?? opts['lineNumbers'];
  if (nos !== undefined && nos !== 'false') parts.push('showLineNumbers');
  return parts.join(' ');
}

/** `linenos=table,hl_lines=3` or `linenos=table hl_lines="2 4"` as key/value pairs. */
export function parseOptionString(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_]+)\s*=\s*("[^"]*"|\[[^\]]*\]|[^,\s]+)/g))
    out[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return out;
}
