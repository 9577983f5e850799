import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configReference } from './config-reference.js';

/** `npm run docs:config`: write docs/config-reference.md from the config schema. */
const file = fileURLToPath(new URL('../docs/config-reference.md', import.meta.url));
writeFileSync(file, configReference());
console.log(`wrote ${file}`);
