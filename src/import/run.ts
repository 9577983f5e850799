import path from 'node:path';
import type { BodyContext } from './context.js';
import { authorFile, configFile, docFile, hubFile } from './emit.js';
import { starterTemplate } from './directives.js';
import { detectHugo, readHugo } from './hugo/read.js';
import { convertHugoBody } from './hugo/convert.js';
import { detectJekyll, readJekyll } from './jekyll/read.js';
import { convertJekyllBody } from './jekyll/convert.js';
import { rewriteLinks } from './links.js';
import type { Generator, ImportSite } from './model.js';
import { key, planSite, relativeLink, type Plan } from './plan.js';
import { Report } from './report.js';
import { listFiles } from './source.js';
import { destProblem, writeDest, type OutFile } from './write.js';
import { detectZola, readZola } from './zola/read.js';
import { convertZolaBody } from './zola/convert.js';

/**
 * `colophon import`: read SRC with the generator's reader, plan addresses, convert bodies, and
 * write DEST (or, with dryRun, only the report). SRC is only ever read.
 */
export interface ImportOptions {
  generator: Generator;
  src: string;
  dest: string;
  dryRun?: boolean;
  baseUrl?: string;
  /** The build's "now", for future and expired posts (tests pin it). */
  now?: Date;
}

export type ImportResult =
  { ok: true; report: Report; files: OutFile[]; markdown: string } | { ok: false; message: string };

const READERS = {
  hugo: { detect: detectHugo, read: readHugo, convert: convertHugoBody },
  zola: { detect: detectZola, read: readZola, convert: convertZolaBody },
  jekyll: { detect: detectJekyll, read: readJekyll, convert: convertJekyllBody },
} as const;

export function runImport(opts: ImportOptions): ImportResult {
  const root = path.resolve(opts.src);
  const reader = READERS[opts.generator];
  const problem = reader.detect(root);
  if (problem)
    return { ok: false, message: `${opts.src} is not a ${opts.generator} site: ${problem}.` };
  const destIssue = opts.dryRun ? undefined : destProblem(opts.dest, opts.src);
  if (destIssue) return { ok: false, message: destIssue };
  const report = new Report();
  const site = reader.read({ root, report, now: opts.now ?? new Date() });
  if (opts.baseUrl)
    site.config.baseUrl = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const plan = planSite(site, report);
  const files = outputFiles(site, plan, root, report, reader.convert);
  countAll(site, plan, report);
  const markdown = report.markdown(site.config.title);
  files.push({ path: 'IMPORT.md', text: markdown });
  if (!opts.dryRun) writeDest(opts.dest, files);
  return { ok: true, report, files, markdown };
}

type Convert = (text: string, ctx: BodyContext) => string;

function outputFiles(
  site: ImportSite,
  plan: Plan,
  root: string,
  report: Report,
  convert: Convert,
): OutFile[] {
  const files: OutFile[] = [];
  const directives = new Map<string, string | undefined>();
  const basePath = new URL(site.config.baseUrl).pathname;
  const body = (
    text: string,
    dest: string,
    file: string,
    bodyLine: number,
    doc?: ImportSite['docs'][number],
  ) => {
    const ctx: BodyContext = {
      site,
      ...(doc ? { doc } : {}),
      file,
      bodyLine,
      report,
      directives,
      linkToSrc: (src) => linkTo(plan.bySrc.get(src), dest),
      linkToOldUrl: (p) => linkTo(plan.byOldUrl.get(key(p)), dest),
    };
    return rewriteLinks(convert(text, ctx), ctx, basePath);
  };
  for (const d of plan.docs) {
    files.push({
      path: d.dest,
      text: docFile(d, body(d.doc.body, d.dest, d.doc.src, d.doc.bodyLine, d.doc)),
    });
    for (const f of d.doc.bundle?.files ?? [])
      files.push({
        path: `${path.posix.dirname(d.dest)}/${f.slice(d.doc.bundle!.dir.length + 1)}`,
        copy: path.join(root, f),
      });
  }
  for (const h of plan.hubs.values())
    files.push({
      path: h.dest,
      text: hubFile(h, h.body && h.src ? body(h.body, h.dest, h.src, h.bodyLine ?? 1) : ''),
    });
  for (const a of site.authors.values()) {
    const avatar = a.avatar?.src
      ? `/authors/${a.id}/${path.posix.basename(a.avatar.src)}`
      : a.avatar?.url;
    if (a.avatar?.src) files.push({ path: `public${avatar}`, copy: path.join(root, a.avatar.src) });
    files.push({ path: `content/authors/${a.id}.md`, text: authorFile(a, avatar) });
  }
  for (const [name, from] of directives)
    files.push({
      path: `templates/directives/${name}.liquid`,
      text: starterTemplate(name, from, site.generator),
    });
  for (const s of site.sections)
    for (const f of s.files)
      files.push({
        path: `public${s.oldUrl}${f.slice(f.lastIndexOf('/') + 1)}`,
        copy: path.join(root, f),
      });
  for (const dir of site.staticDirs)
    for (const f of listFiles(root, dir.src))
      files.push({
        path: `public/${dir.to}${f.slice(dir.src.length + 1)}`,
        copy: path.join(root, f),
      });
  for (const f of site.staticFiles)
    files.push({ path: `public/${f.to}`, copy: path.join(root, f.src) });
  files.push({ path: 'colophon.config.ts', text: configFile(site, plan) });
  files.push({ path: '.gitignore', text: 'dist/\n.cache/\n' });
  return dedupeFiles(files, report);
}

/** A relative link to a DEST file ('' is the home page). */
function linkTo(target: string | undefined, from: string): string | undefined {
  if (target === undefined) return undefined;
  return target === '' ? '/' : relativeLink(from, target);
}

function dedupeFiles(files: OutFile[], report: Report): OutFile[] {
  const seen = new Map<string, OutFile>();
  for (const f of files) {
    const k = f.path.toLowerCase();
    if (seen.has(k)) {
      report.todo(
        { file: f.copy ?? f.path },
        `Two files would be written at ${f.path}; the first was kept.`,
      );
      continue;
    }
    seen.set(k, f);
  }
  return [...seen.values()];
}

function countAll(site: ImportSite, plan: Plan, report: Report): void {
  const posts = plan.docs.filter((d) => d.doc.kind === 'post');
  report.count('posts', posts.length);
  report.count('pages', plan.docs.length - posts.length);
  report.count(
    'drafts and unpublished posts',
    plan.docs.filter((d) => d.doc.oldUrl === null).length,
  );
  report.count('topics (files)', [...plan.hubs.values()].filter((h) => h.kind === 'topic').length);
  report.count('series', [...plan.hubs.values()].filter((h) => h.kind === 'series').length);
  report.count('authors', site.authors.size);
  report.count(
    'aliases (old addresses kept by redirect pages)',
    plan.docs.reduce((n, d) => n + d.aliases.length, 0) +
      [...plan.hubs.values()].reduce((n, h) => n + h.aliases.length, 0) +
      Object.keys(plan.redirects).length,
  );
  report.count(
    'exact addresses set with url',
    plan.docs.filter((d) => d.url).length + [...plan.hubs.values()].filter((h) => h.url).length,
  );
}
