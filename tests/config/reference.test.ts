import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { configReference, SECTIONS } from '../../scripts/config-reference.js';
import { configSchema } from '../../src/config/schema.js';
import { viewModelReference } from '../../scripts/view-model-reference.js';

const committed = () =>
  readFileSync(new URL('../../docs/config-reference.md', import.meta.url), 'utf8');

describe('configuration reference (docs/config-reference.md)', () => {
  test('the committed reference is what the schema generates (run `npm run docs:config`)', () => {
    expect(committed()).toBe(configReference());
  });

  test('every top-level key of the schema has a section, and the reference shows its keys', () => {
    const top = Object.keys(configSchema.shape);
    expect(SECTIONS.flatMap(([, keys]) => keys).sort()).toEqual([...top].sort());
    const text = committed();
    for (const key of [
      'title',
      'author.name',
      'markdown.themes.dark',
      'images.quality.jpeg',
      'host',
    ])
      expect(text).toContain(`| \`${key}\` |`);
  });

  test('a row carries the type, default and example the schema declares', () => {
    expect(committed()).toContain(
      '| `pagination.pageSize` | integer 1–1000 | `10` | `20` | Posts per page on the home page and topic hubs. |',
    );
  });
});

describe('view-model reference (docs/view-model-reference.md)', () => {
  const committedVm = () =>
    readFileSync(new URL('../../docs/view-model-reference.md', import.meta.url), 'utf8');

  test('the committed reference is what the view-model types generate (run `npm run docs:config`)', () => {
    expect(committedVm()).toBe(viewModelReference());
  });

  test('every page template and the fields of inline objects are listed', () => {
    const text = committedVm();
    expect(text).toContain('| `post` | [PostPageVM](#postpagevm) | — |');
    expect(text).toContain('| `post.seriesBox?` | [SeriesBoxVM](#seriesboxvm) |');
    expect(text).toContain('| `years[].posts` | [PostCardVM](#postcardvm)[] |');
  });
});
