import { describe, expect, test } from 'vitest';
import { lineDiff } from './site.js';

// The golden comparer's diff must point at the change, however long the files are.
describe('lineDiff', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
  const text = lines.join('\n');

  test('a changed line, with context', () => {
    const changed = text.replace('line 20', 'LINE 20');
    expect(lineDiff(text, changed)).toBe(
      [
        '  17 | line 17',
        '  18 | line 18',
        '  19 | line 19',
        '- 20 | line 20',
        '+ 20 | LINE 20',
        '  21 | line 21',
        '  22 | line 22',
        '  23 | line 23',
      ].join('\n'),
    );
  });

  test('inserted lines show only the insertion', () => {
    const inserted = [...lines.slice(0, 10), 'new a', 'new b', ...lines.slice(10)].join('\n');
    expect(lineDiff(text, inserted)).toBe(
      [
        '  8 | line 8',
        '  9 | line 9',
        '  10 | line 10',
        '+ 11 | new a',
        '+ 12 | new b',
        '  11 | line 11',
        '  12 | line 12',
        '  13 | line 13',
      ].join('\n'),
    );
  });

  test('removed lines at the end', () => {
    expect(lineDiff(text, lines.slice(0, 38).join('\n'))).toBe(
      [
        '  36 | line 36',
        '  37 | line 37',
        '  38 | line 38',
        '- 39 | line 39',
        '- 40 | line 40',
      ].join('\n'),
    );
  });
});
