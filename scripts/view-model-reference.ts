import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * docs/view-model-reference.md, made from the view-model's declarations
 * (src/routes/view-model.ts and view-model-cards.ts) with the TypeScript parser: every exported
 * interface, each field with its type and its doc comment. The view-model is plain TypeScript
 * types (the routes build it, nothing validates it at run time), so it is walked as declared.
 */

const FILES = ['src/routes/view-model.ts', 'src/routes/view-model-cards.ts'];

const HEADER = `# View-model reference

<!-- Generated from src/routes/view-model.ts and view-model-cards.ts by \`npm run docs:config\`: edit the types, not this file. -->

What every template receives, generated from the declared view-model. \`TemplateProps\` says which
props each page template gets; each type below lists its fields (\`?\`: may be absent). Fields of
an inline object are listed under their own path (\`series.part\`). How templates use them:
[templates.md](templates.md#the-view-model).
`;

export function viewModelReference(): string {
  const out = [HEADER];
  const sources = FILES.map((rel) => {
    const file = fileURLToPath(new URL(`../${rel}`, import.meta.url));
    return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  });
  const known = new Set(
    sources.flatMap((s) => s.statements.filter(ts.isInterfaceDeclaration).map((d) => d.name.text)),
  );
  for (const source of sources) {
    const decls = source.statements.filter(ts.isInterfaceDeclaration);
    // TemplateProps first: it is where a template author starts.
    decls.sort(
      (a, b) => Number(b.name.text === 'TemplateProps') - Number(a.name.text === 'TemplateProps'),
    );
    for (const decl of decls) out.push(...section(decl, known));
  }
  return out.join('\n');
}

function section(decl: ts.InterfaceDeclaration, known: Set<string>): string[] {
  const lines = [`## \`${decl.name.text}\`\n`];
  const about = comment(decl);
  if (about) lines.push(about, '');
  lines.push('| Field | Type | Meaning |', '| --- | --- | --- |');
  lines.push(...members(decl.members, '').map((r) => linkTypes(r, known)), '');
  return lines;
}

function members(list: ts.NodeArray<ts.TypeElement>, prefix: string): string[] {
  const rows: string[] = [];
  for (const m of list) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = prefix + m.name.getText() + (m.questionToken ? '?' : '');
    rows.push(row(name, typeText(m.type), comment(m)));
    rows.push(...inner(m.type, name.replace(/\?$/, '') + '.'));
  }
  return rows;
}

/** Fields of object types written inline (`{ … }`, `X & { … }`, `{ … }[]`). */
function inner(type: ts.TypeNode, prefix: string): string[] {
  if (ts.isTypeLiteralNode(type)) return members(type.members, prefix);
  if (ts.isArrayTypeNode(type)) return inner(type.elementType, prefix.replace(/\.$/, '[].'));
  if (ts.isIntersectionTypeNode(type)) return type.types.flatMap((t) => inner(t, prefix));
  return [];
}

/** The type as written, with inline object types shortened to their keys. */
function typeText(type: ts.TypeNode): string {
  if (ts.isTypeLiteralNode(type))
    return `{ ${type.members.map((m) => m.name?.getText()).join(', ')} }`;
  if (ts.isArrayTypeNode(type)) return `${typeText(type.elementType)}[]`;
  if (ts.isIntersectionTypeNode(type)) return type.types.map(typeText).join(' & ');
  return type.getText().replace(/\s+/g, ' ');
}

function comment(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names of view-model types in a row's type cell become links to their sections. */
function linkTypes(row: string, known: Set<string>): string {
  const cells = row.split(' | ');
  cells[1] = cells[1]!.replace(/\b[A-Z]\w*\b/g, (n) =>
    known.has(n) ? `[${n}](#${n.toLowerCase()})` : n,
  );
  return cells.join(' | ');
}

function row(name: string, type: string, meaning: string): string {
  const cells = ['`' + name + '`', type, meaning || '—'];
  return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}
