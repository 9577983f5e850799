import { error, type Diagnostic } from '../../diagnostics/index.js';
import type { CachedBody } from '../markdown/bodies.js';

/**
 * `#fragment` links are checked once every body is rendered: a link to `other.md#setup` is
 * broken when `other.md` has no heading (or footnote) with that id.
 */
export function checkFragments(
  bodies: ReadonlyMap<string, { file: string; result: CachedBody }>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, { file, result }] of bodies) {
    for (const link of result.fragmentLinks) {
      const targetId = link.targetId ?? id;
      const target = bodies.get(targetId);
      if (!target) continue; // Assets and generated pages have no anchors we know of.
      const fragment = safeDecode(link.fragment);
      if (fragment === '' || fragment === 'top' || target.result.body.anchors.includes(fragment))
        continue;
      const where = targetId === id ? 'this page' : target.file;
      out.push(
        error(
          'link/broken-fragment',
          `#${fragment} does not exist in ${where}. Link to one of its heading ids (${target.result.body.anchors.slice(0, 5).join(', ') || 'it has none'}${target.result.body.anchors.length > 5 ? ', ...' : ''}).`,
          { file, line: link.line, column: link.column },
        ),
      );
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s).normalize('NFC');
  } catch {
    return s;
  }
}
