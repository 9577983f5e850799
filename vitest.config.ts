import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    // A guard against hangs, not a speed goal (those are in `npm run bench`): many tests build a
    // whole site several times, and on a loaded 2-core CI machine such a test has taken 24 s.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    // GitHub's workflow parser imports its JSON schema without `with { type: 'json' }`, which
    // Node refuses; bundled by Vite it loads (tests/cli/init.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
