import { describe, expect, test } from 'vitest';
import { splitFrontMatter, type FrontMatter } from '../../src/content/front-matter.js';
import { diagnosticLines } from '../helpers/site.js';

const FILE = 'content/posts/x.md';

function ok(text: string): FrontMatter {
  const r = splitFrontMatter(text, FILE);
  if (!r.ok) throw new Error(diagnosticLines(r.diagnostics).join('\n'));
  return r.fm;
}
function errors(text: string): string[] {
  const r = splitFrontMatter(text, FILE);
  if (r.ok) throw new Error('expected front-matter errors');
  return diagnosticLines(r.diagnostics);
}
const at = (fm: FrontMatter, p: (string | number)[], value = false) => {
  const s = fm.locate(p, value);
  return `${s.line}:${s.column}`;
};

describe('YAML front matter', () => {
  const text = [
    '---',
    'title: Hello',
    'date: 2026-01-02',
    'topics:',
    '  - one',
    '  - two',
    'nested: { a: 1 }',
    '---',
    '',
    'Body line.',
    '',
  ].join('\n');

  test('data, body and the line where the body starts', () => {
    const fm = ok(text);
    expect(fm.data).toEqual({
      title: 'Hello',
      date: '2026-01-02',
      topics: ['one', 'two'],
      nested: { a: 1 },
    });
    expect(fm.body).toBe('\nBody line.\n');
    expect(fm.bodyLine).toBe(9);
  });

  test('dates stay strings (YAML 1.2 core schema), so they can be checked strictly later', () => {
    expect(ok('---\ndate: 2026-01-02\nat: 2026-01-02T10:00:00Z\nyes: yes\n---\n').data).toEqual({
      date: '2026-01-02',
      at: '2026-01-02T10:00:00Z',
      yes: 'yes',
    });
  });

  test('keys, values and list items are located at their line and column in the file', () => {
    const fm = ok(text);
    expect(at(fm, ['title'])).toBe('2:1');
    expect(at(fm, ['title'], true)).toBe('2:8');
    expect(at(fm, ['date'], true)).toBe('3:7');
    expect(at(fm, ['topics'])).toBe('4:1');
    expect(at(fm, ['topics', 1], true)).toBe('6:5');
    expect(at(fm, ['nested', 'a'])).toBe('7:11');
    // A key that is not there falls back to the deepest node that is (or the first line).
    expect(at(fm, ['nested', 'zzz'])).toBe('7:9');
    expect(at(fm, ['missing'])).toBe('2:1');
  });

  test('CRLF line endings give the same positions and a clean body', () => {
    const fm = ok(text.replace(/\n/g, '\r\n'));
    expect(fm.data['title']).toBe('Hello');
    expect(at(fm, ['topics', 1], true)).toBe('6:5');
    expect(fm.bodyLine).toBe(9);
  });

  test('a "---yaml" opening fence is YAML too', () => {
    expect(ok('---yaml\ntitle: A\n---\nBody\n').data).toEqual({ title: 'A' });
  });

  test('a file without front matter is all body', () => {
    const fm = ok('# Just Markdown\n');
    expect(fm.data).toEqual({});
    expect(fm.bodyLine).toBe(1);
    expect(fm.body).toBe('# Just Markdown\n');
  });

  test('problems are errors at the right line', () => {
    expect(errors('---\ntitle: A\ntitle: B\n---\n')).toEqual([
      'content/posts/x.md:3:1 error [front-matter/duplicate-key] Key "title" appears more than once. Each key may appear once; remove or merge the repeated one.',
    ]);
    expect(errors('---\ntitle: A\n')).toEqual([
      'content/posts/x.md:1:1 error [front-matter/unclosed] Front matter opened with "---" on line 1 is never closed. Add a line with "---" after the last key.',
    ]);
    expect(errors('---\n- a\n- b\n---\n')).toEqual([
      'content/posts/x.md:2:1 error [front-matter/not-a-map] Front matter must be a map of keys to values (e.g. "title: My post").',
    ]);
    expect(errors('---\ntitle: "unterminated\n---\n')[0]).toMatch(
      /^content\/posts\/x\.md:2:\d+ error \[front-matter\/invalid-yaml\] Invalid YAML: /,
    );
  });

  test('common YAML mistakes say what to write instead', () => {
    // A colon and a space inside an unquoted value.
    expect(errors('---\ntitle: Code: and Math\ndate: 2026-01-02\n---\n')).toEqual([
      'content/posts/x.md:2:8 error [front-matter/invalid-yaml] Invalid YAML: The value of "title" contains ": ", which YAML reads as the start of a nested key. Quote the value: title: "Code: and Math"',
    ]);
    // Double quotes inside: single-quoted; a trailing comment is not part of the value.
    expect(errors('---\ndescription: Why "fast": a look # draft\n---\n')).toEqual([
      'content/posts/x.md:2:14 error [front-matter/invalid-yaml] Invalid YAML: The value of "description" contains ": ", which YAML reads as the start of a nested key. Quote the value: description: \'Why "fast": a look\'',
    ]);
    expect(errors('---\ntitle: @handle on the web\n---\n')).toEqual([
      'content/posts/x.md:2:8 error [front-matter/invalid-yaml] Invalid YAML: The value of "title" starts with "@", which YAML reserves. Quote the value: title: "@handle on the web"',
    ]);
    expect(errors('---\ntitle: "Foo" bar\n---\n')).toEqual([
      'content/posts/x.md:2:14 error [front-matter/invalid-yaml] Invalid YAML: Text follows the closing quote in the value of "title". Quote the whole value: title: \'"Foo" bar\'',
    ]);
    expect(errors('---\ntitle: x\n\tdate: 2026-01-02\n---\n')[0]).toBe(
      'content/posts/x.md:3:1 error [front-matter/invalid-yaml] Invalid YAML: A tab indents this line; YAML allows only spaces. Indent with spaces.',
    );
    // The quoted forms it suggests parse.
    expect(ok('---\ntitle: "Code: and Math"\n---\n').data).toEqual({ title: 'Code: and Math' });
    expect(ok('---\ndescription: \'Why "fast": a look\'\n---\n').data).toEqual({
      description: 'Why "fast": a look',
    });
  });

  test('alias bombs and oversized front matter are refused', () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9)
            .fill(i ? `*${'abcdefgh'[i - 1]}` : '*a')
            .join(', ')}]`,
      ),
      '---',
      '',
    ].join('\n');
    expect(errors(bomb)[0]).toContain('[front-matter/invalid-yaml]');
    expect(errors(`---\ntitle: "${'x'.repeat(70_000)}"\n---\n`)[0]).toContain(
      '[front-matter/too-large]',
    );
  });
});

describe('TOML front matter', () => {
  const text = [
    '+++',
    'title = "Hello"',
    'date = 2026-01-02',
    'when = 2026-01-02T10:30:00Z',
    'topics = ["a", "b"]',
    '+++',
    '',
    'Body.',
    '',
  ].join('\n');

  test('data with dates normalised to the strings YAML would give', () => {
    const fm = ok(text);
    expect(fm.data).toEqual({
      title: 'Hello',
      date: '2026-01-02',
      when: '2026-01-02T10:30:00.000Z',
      topics: ['a', 'b'],
    });
    expect(fm.bodyLine).toBe(7);
  });

  test('keys are located at their line', () => {
    const fm = ok(text);
    expect(at(fm, ['title'])).toBe('2:1');
    expect(at(fm, ['topics'])).toBe('5:1');
  });

  test('impossible dates and syntax errors are positioned errors', () => {
    expect(errors('+++\ntitle = "x"\ndate = 2023-02-29\n+++\n')).toEqual([
      'content/posts/x.md:3:8 error [front-matter/invalid-date] "2023-02-29" is not a real calendar date. Use an existing date in YYYY-MM-DD form.',
    ]);
    expect(errors('+++\ntitle = "x"\ntitle "y"\n+++\n')[0]).toMatch(
      /^content\/posts\/x\.md:3:\d+ error \[front-matter\/invalid-toml\] Invalid TOML: /,
    );
  });
});
