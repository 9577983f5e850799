import type { Code, Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { report, stateOf } from '../state.js';
import {
  lineRuns,
  parseIncludeAttributes,
  selectInclude,
  type IncludeAttribute,
} from './include-select.js';

declare module 'mdast' {
  interface CodeData {
    /** Line numbers in the included file, as runs `[first, count]` (see CodeBlockSource.lines). */
    colophonLines?: [number, number][];
  }
}

/**
 * Code from files: a fenced block whose info string names a file gets that file's code (or a line
 * range or region of it) instead of its own content, before highlighting:
 *
 *   ```rust file="./wal.rs" region="append" title="wal.rs"
 *   // Shown on GitHub; replaced by region "append" of wal.rs when the site is built.
 *   ```
 *
 * The build reads the file (RenderContext.readInclude); this plugin only picks lines. Every other
 * word of the info string (title, {1,3}, showLineNumbers) works as on any fence, with the lines
 * of the file: line numbers start at the first included line (`lines="10-20"` is numbered 10 to
 * 20) and `{12}` highlights line 12 of the file. Problems are reported at the attribute that
 * caused them.
 */
export default function remarkInclude() {
  return (tree: Root, file: { data: object; value?: unknown }) => {
    const state = stateOf(file);
    const read = state.ctx.readInclude;
    const source = typeof file.value === 'string' ? file.value : String(file.value ?? '');
    visit(tree, 'code', (node: Code) => {
      const info = [node.lang, node.meta].filter(Boolean).join(' ');
      if (!info.includes('file=') || !read) return;
      // Attributes are parsed from the fence line as written, so their offsets are real columns.
      const line = fenceInfo(source, node);
      const attrs = parseIncludeAttributes(line?.text ?? info);
      if (!attrs.file) return;
      // ```` ```file="x.rs" ```` (no language): the parser takes the attribute for the language.
      if (node.lang?.includes('=')) {
        node.meta = info;
        node.lang = languageOf(attrs.file.value);
      }
      const at = (attr: IncludeAttribute | undefined): Position | undefined => {
        if (!line || !attr) return node.position;
        const point = { line: line.line, column: line.column + attr.index };
        return { start: point, end: point };
      };
      const path = attrs.file.value;
      if (path.trim() === '') {
        report(
          state,
          'error',
          'include/missing-file',
          'file="" names no file. Write file="./name.ext" (beside this post) or file="path/in/snippets.ext" (in the snippets folder).',
          at(attrs.file),
        );
        return;
      }
      const result = read(path);
      if (result.kind === 'error') {
        report(state, 'error', result.rule, result.message, at(attrs.file));
        return;
      }
      const selection = selectInclude(result.text, result.file, {
        ...(attrs.lines ? { lines: attrs.lines.value } : {}),
        ...(attrs.region ? { region: attrs.region.value } : {}),
      });
      if (!selection.ok) {
        report(
          state,
          'error',
          selection.rule,
          selection.message,
          at(attrs[selection.attribute] ?? attrs.file),
        );
        return;
      }
      node.value = selection.code;
      const runs = lineRuns(selection.lines);
      if (runs) node.data = { ...node.data, colophonLines: runs };
    });
  };
}

/** The info string of a fence as written (after the backticks or tildes), with its line and column. */
function fenceInfo(
  source: string,
  node: Code,
): { text: string; line: number; column: number } | null {
  const start = node.position?.start;
  if (start?.offset === undefined) return null;
  const end = source.indexOf('\n', start.offset);
  const first = source.slice(start.offset, end < 0 ? source.length : end);
  const fence = /^(`{3,}|~{3,})/.exec(first);
  if (!fence) return null;
  return {
    text: first.slice(fence[0].length),
    line: start.line,
    column: start.column + fence[0].length,
  };
}

/** Language from a file extension, for a fence that names a file but no language. */
function languageOf(path: string): string | null {
  const m = /\.([A-Za-z0-9+-]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : null;
}
