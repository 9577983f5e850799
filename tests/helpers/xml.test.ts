import { describe, expect, test } from 'vitest';
import { xmlProblems } from './xml.js';

// The well-formedness check that feed and sitemap tests rely on must itself catch mistakes.
describe('xmlProblems', () => {
  test('accepts well-formed XML with attributes, entities, CDATA and comments', () => {
    expect(
      xmlProblems(
        '<?xml version="1.0"?>\n<a x="1 &amp; 2"><!-- c --><b/><c>t &amp; &#233; <![CDATA[ <x> & ]]></c></a>\n',
      ),
    ).toEqual([]);
  });
  test.each([
    ['mismatched close', '<a><b></a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['two roots', '<a/><b/>'],
    ['bare <', '<a>x < y</a>'],
    ['bare & in an attribute', '<a href="?a=1&b=2"/>'],
    ['unterminated CDATA', '<a><![CDATA[ x </a>'],
    ['unclosed element', '<a><b>'],
    ['unquoted attribute', '<a x=1/>'],
  ])('rejects %s', (_, xml) => {
    expect(xmlProblems(xml)).not.toEqual([]);
  });
});
