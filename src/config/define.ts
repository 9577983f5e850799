import type { UserConfig } from './schema.js';

/** Typed helper for `colophon.config.ts`: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
