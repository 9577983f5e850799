import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the theme in a real browser (Debian's Chromium, driven by
// playwright-core). Not part of `npm test`, which runs without a browser.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
