import { describe, expect, test } from 'vitest';
import { createRenderer } from '../../src/render/index.js';
import { fixtures } from '../fixtures/render/view-models.js';
import { themeCss } from '../../src/routes/theme-css.js';
import { contrast, parseHex } from '../../src/util/color.js';

describe('accent colours from the config become the theme’s custom properties', () => {
  test('no accent: no CSS, the stylesheet’s own colours', () => {
    expect(themeCss({})).toBe('');
  });

  test('both schemes, with a fallback for browsers without light-dark()', () => {
    expect(themeCss({ accent: '#8a2be2', accentDark: '#d0a8ff' })).toBe(
      ':root{--accent:light-dark(#8a2be2,#d0a8ff);--accent-hover:light-dark(#6927a8,#d7bbf9);' +
        '--accent-soft:light-dark(#ede1f4,#282534);--on-accent:light-dark(#ffffff,#0b1020)}' +
        '@supports not (color:light-dark(#000,#fff)){:root{--accent:#8a2be2;--accent-hover:#6927a8;' +
        '--accent-soft:#ede1f4;--on-accent:#ffffff}}',
    );
  });

  test('one scheme given: the other keeps the theme’s accent', () => {
    expect(themeCss({ accent: '#8a2be2' })).toContain('--accent:light-dark(#8a2be2,#8fb2ff)');
  });

  test('the text on an accent button reads at AA', () => {
    for (const accent of ['#8a2be2', '#0f6b3a', '#b42318']) {
      const on = /--on-accent:#([0-9a-f]{6})\}/.exec(themeCss({ accent }).split('@')[1]!)![1]!;
      expect(contrast(parseHex(accent)!, parseHex('#' + on)!)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('the head carries the accent colours after the stylesheet', () => {
  test('a <style> right after site.css when the site sets a colour, nothing otherwise', async () => {
    const renderer = createRenderer({ strictVariables: true });
    const props = fixtures.home();
    expect((await renderer.renderPage('home', props)).html).not.toContain('<style>');
    props.site.themeCss = themeCss({ accent: '#8a2be2' });
    const { html } = await renderer.renderPage('home', props);
    expect(html).toContain(
      '<link rel="stylesheet" href="/blog/css/site.css">\n<style>:root{--accent:light-dark(#8a2be2,#8fb2ff);',
    );
  });
});
