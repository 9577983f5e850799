import { XMLParser } from 'fast-xml-parser';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { jsonProblem, xmlProblem } from './parse.js';

type At = (
  file: string,
  line?: number,
  column?: number,
) => {
  file: string;
  line: number;
  column: number;
};

const FEED = /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/;

/**
 * One `.xml` or `.json` file of the output, parsed as its readers will: a problem as a diagnostic
 * at its line and column (`check/invalid-feed` for feeds, `check/invalid-xml` and
 * `check/invalid-json` for the sitemap, the search index's JSON and any other file), or, for a
 * feed, the URLs of its items.
 */
export function parseDataFile(
  file: string,
  text: string,
  at: At,
): { diagnostic: Diagnostic } | { feedLinks?: string[] } {
  const feed = FEED.test(file);
  const json = file.endsWith('.json');
  const problem = json ? jsonProblem(text) : xmlProblem(text);
  const what = feed ? 'feed' : 'file';
  const rule = feed ? 'check/invalid-feed' : json ? 'check/invalid-json' : 'check/invalid-xml';
  if (problem) {
    const said = problem.message.replace(/\.$/, '');
    const message = json
      ? `The ${what} is not valid JSON: ${said}. Fix the template or content it comes from.`
      : `The ${what} is not well-formed XML: ${said}. ${feed ? 'Feed' : 'XML'} readers refuse the whole file: ${problem.character ? 'remove the character from the content or template it comes from' : 'fix the content or template it comes from'}.`;
    return { diagnostic: error(rule, message, at(file, problem.line, problem.column)) };
  }
  if (!feed) return {};
  try {
    return { feedLinks: json ? jsonFeedLinks(text) : xmlFeedLinks(text) };
  } catch (e) {
    return {
      diagnostic: error(
        'check/invalid-feed',
        `Feed does not parse: ${(e as Error).message}.`,
        at(file),
      ),
    };
  }
}

function jsonFeedLinks(text: string): string[] {
  const doc = JSON.parse(text) as { version?: string; items?: { url?: string }[] };
  if (doc.version !== 'https://jsonfeed.org/version/1.1')
    throw new Error('not a JSON Feed 1.1 document');
  return (doc.items ?? []).map((i) => i.url ?? '');
}

function xmlFeedLinks(text: string): string[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  });
  const doc = parser.parse(text, true) as {
    rss?: { channel?: { item?: { link?: string[] }[] } };
    feed?: { entry?: { link?: { '@href'?: string; '@rel'?: string }[] }[] };
  };
  if (doc.rss) return (doc.rss.channel?.item ?? []).map((i) => String(i.link?.[0] ?? ''));
  if (doc.feed)
    return (doc.feed.entry ?? []).map(
      (e) => e.link?.find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'] ?? '',
    );
  throw new Error('neither RSS nor Atom');
}
