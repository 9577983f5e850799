import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    // GitHub's workflow parser imports its JSON schema without `with { type: 'json' }`, which
    // Node refuses; bundled by Vite it loads (tests/cli/init.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
