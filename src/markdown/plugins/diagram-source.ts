import { parse as parseYaml } from 'yaml';
import type { DiagramKind } from './diagram-engine.js';

/** What a diagram fence holds, ready for its renderer. */
export interface PreparedDiagram {
  kind: DiagramKind;
  /** The text the renderer gets: the fence's, with what it does not understand taken out. */
  text: string;
  /** Accessible name and description written in the source (Mermaid `accTitle`/`accDescr`). */
  title: string | null;
  desc: string | null;
}

/** A problem found before rendering, at a line of the fence's content (0-based). */
export interface SourceProblem {
  rule: 'markdown/diagram-syntax' | 'markdown/diagram-unsupported';
  message: string;
  line: number;
}

/** ```` ```mermaid ````, ```` ```dot ```` and ```` ```graphviz ````; anything else is code. */
export function diagramKind(lang: string | null): DiagramKind | null {
  const word = (lang ?? '').trim().toLowerCase();
  if (word === 'mermaid') return 'mermaid';
  return word === 'dot' || word === 'graphviz' ? 'dot' : null;
}

/** The Mermaid diagram types beautiful-mermaid draws, by their header. */
const SUPPORTED =
  /^(?:(?:graph|flowchart)\s+(?:TD|TB|LR|BT|RL)|stateDiagram(?:-v2)?|sequenceDiagram|classDiagram|erDiagram)\b/i;
/** Other Mermaid types: named in the message as unsupported rather than as a typo. */
const OTHER_TYPES = new Set(
  [
    'gantt pie journey gitGraph mindmap timeline quadrantChart requirementDiagram C4Context',
    'C4Container C4Component C4Dynamic C4Deployment sankey-beta xychart-beta xychart block-beta',
    'packet-beta packet architecture-beta kanban radar-beta treemap-beta zenuml info',
  ]
    .join(' ')
    .toLowerCase()
    .split(' '),
);
export const SUPPORTED_MERMAID =
  'flowchart (graph), sequenceDiagram, stateDiagram, classDiagram, erDiagram';

const ACC_TITLE = /^\s*accTitle\s*:\s*(.*)$/;
const ACC_DESCR = /^\s*accDescr\s*:\s*(.*)$/;
const ACC_DESCR_BLOCK = /^\s*accDescr\s*\{(.*)$/;

/**
 * Mermaid source as beautiful-mermaid needs it. Its parser reads one line at a time and skips
 * lines it does not recognise, so what it cannot read is handled here: the YAML front matter
 * (`title:` becomes the accessible name), `accTitle`/`accDescr` (which it would draw as nodes),
 * and a `flowchart` header without a direction (Mermaid's default, top to bottom). Removed lines
 * are left blank, so line numbers stay those of the fence.
 */
export function prepareMermaid(source: string): PreparedDiagram | SourceProblem {
  const lines = source.split('\n');
  let title: string | null = null;
  let desc: string | null = null;
  let i = lines.findIndex((l) => l.trim() !== '');
  if (i >= 0 && lines[i]!.trim() === '---') {
    const end = lines.findIndex((l, k) => k > i && l.trim() === '---');
    if (end < 0) {
      return { rule: 'markdown/diagram-syntax', message: 'Unclosed front matter.', line: i };
    }
    title = frontMatterTitle(lines.slice(i + 1, end).join('\n'));
    for (let k = i; k <= end; k++) lines[k] = '';
  }
  for (i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = ACC_TITLE.exec(line);
    const d = ACC_DESCR.exec(line);
    const block = ACC_DESCR_BLOCK.exec(line);
    if (t) title = t[1]!.trim();
    else if (d) desc = d[1]!.trim();
    else if (block) {
      const parts = [block[1]!];
      lines[i] = '';
      while (!parts[parts.length - 1]!.includes('}') && i + 1 < lines.length) {
        parts.push(lines[++i]!);
        lines[i] = '';
      }
      desc = parts.join(' ').replace(/\}.*$/, '').replace(/\s+/g, ' ').trim();
    } else continue;
    lines[i] = '';
  }
  const header = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('%%'));
  if (header < 0) {
    return { rule: 'markdown/diagram-syntax', message: 'The diagram is empty.', line: 0 };
  }
  const head = lines[header]!.trim().replace(/^(graph|flowchart)\s*;?$/i, '$1 TB');
  lines[header] = head;
  if (!SUPPORTED.test(head)) return unsupported(head, header);
  return { kind: 'mermaid', text: lines.join('\n'), title: title || null, desc: desc || null };
}

function unsupported(head: string, line: number): SourceProblem {
  const word = head.split(/\s+/)[0]!;
  if (OTHER_TYPES.has(word.toLowerCase())) {
    return {
      rule: 'markdown/diagram-unsupported',
      message: `Mermaid "${word}" diagrams cannot be drawn at build time (without a browser).`,
      line,
    };
  }
  return {
    rule: 'markdown/diagram-syntax',
    message: `The first line must name the diagram type, such as "flowchart LR" or "sequenceDiagram", not ${JSON.stringify(head)}.`,
    line,
  };
}

function frontMatterTitle(yaml: string): string | null {
  try {
    const data: unknown = parseYaml(yaml);
    if (data && typeof data === 'object' && 'title' in data && typeof data.title === 'string') {
      return data.title.trim();
    }
  } catch {
    // Mermaid reads only the title here; a broken front matter just gives no name.
  }
  return null;
}

/** DOT goes to Graphviz as written (the default font is set as an option, diagram-worker.ts). */
export function prepareDot(source: string): PreparedDiagram {
  return { kind: 'dot', text: source, title: null, desc: null };
}
