/**
 * Every XML file Colophon writes (RSS and Atom feeds of the site, of each series and of each
 * topic, and the sitemap) is well-formed XML 1.0, whatever characters the content holds: a form
 * feed, a bell, U+FFFE or a lone surrogate in a title, a unit separator in a description. Checked
 * with two real parsers: libxml2 (`xmllint`) and fast-xml-parser, over arbitrary strings put in
 * every field that reaches a feed or the sitemap.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { xmlChars } from '../../src/routes/xml-chars.js';
import { build, cleanupAll, errorsOf, listTree, makeProject } from './helpers.js';

afterAll(cleanupAll);

const RUNS = Number(process.env.FC_RUNS ?? 8);
const SEED = Number(process.env.FC_SEED ?? 20260601);

/** The characters XML 1.0 forbids (its `Char` production), as a test oracle. */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** xmllint's complaint, or '' when libxml2 parses the file. */
function xmllint(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 400);
  }
}

/** A YAML double-quoted scalar that spells every non-ASCII or control character as an escape. */
function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped
    /[\u0000-\u001f\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const hostile = fc.constantFrom(
  '\x0c',
  '\x07',
  '\x1f',
  '\x00',
  '\x0b',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  ']]>',
  '<![CDATA[',
  '&#x1f;',
  '&',
  '<',
  '"',
  "'",
  '\u2028',
  '\u0085',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), hostile), { maxLength: 6 })
  .map((parts) => `T${parts.join('')}`);

describe('XML output holds only the characters XML 1.0 allows', () => {
  it('xmlChars removes exactly the forbidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const out = xmlChars(s);
        expect(FORBIDDEN.test(out)).toBe(false);
        // Nothing allowed is lost, in order.
        const allowed = [...s].filter((c) => !FORBIDDEN.test(c)).join('');
        expect(out).toBe(allowed);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('feeds of the site, a series and a topic, and the sitemap parse with xmllint and fast-xml-parser, for any text in any field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          siteTitle: text,
          siteDescription: text,
          author: text,
          title: text,
          description: text,
          topic: text,
          seriesTitle: text,
          seriesDescription: text,
          topicTitle: text,
          topicDescription: text,
          body: text,
        }),
        async (v) => {
          const config = `export default {
  title: ${yamlString(v.siteTitle)},
  description: ${yamlString(v.siteDescription)},
  baseUrl: 'https://rel.example/',
  author: { name: ${yamlString(v.author)} },
  search: { enabled: false },
  socialCards: { enabled: false },
};\n`;
          const fm = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;
          const p = await makeProject(
            {
              'content/posts/one.md':
                fm([
                  `title: ${yamlString(v.title)}`,
                  'date: 2024-01-01',
                  `description: ${yamlString(v.description)}`,
                  `topics: [${yamlString(v.topic)}, "held"]`,
                  'series: s',
                  'part: 1',
                ]) + `\n${v.body}\n`,
              'content/series/s.md': fm([
                `title: ${yamlString(v.seriesTitle)}`,
                `description: ${yamlString(v.seriesDescription)}`,
              ]),
              'content/topics/held.md': fm([
                `title: ${yamlString(v.topicTitle)}`,
                `description: ${yamlString(v.topicDescription)}`,
              ]),
            },
            config,
          );
          const r = await build(p.root);
          expect(errorsOf(r.diagnostics)).toEqual([]);
          const xml = (await listTree(p.out)).filter((f) => f.endsWith('.xml'));
          // rss + atom for the site, the series and two topics, and the sitemap.
          expect(xml.length).toBeGreaterThanOrEqual(9);
          for (const f of xml) {
            const abs = path.join(p.out, f);
            const source = await readFile(abs, 'utf8');
            expect(FORBIDDEN.exec(source)?.[0], f).toBeUndefined();
            expect(XMLValidator.validate(source), f).toBe(true);
            expect(xmllint(abs), f).toBe('');
          }
          await p.cleanup();
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 240_000);
});
