import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configReference } from './config-reference.js';
import { viewModelReference } from './view-model-reference.js';

/**
 * `npm run docs:config`: write the generated references, docs/config-reference.md from the config
 * schema and docs/view-model-reference.md from the view-model's types.
 */
for (const [name, make] of [
  ['config-reference.md', configReference],
  ['view-model-reference.md', viewModelReference],
] as const) {
  const file = fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
  writeFileSync(file, make());
  console.log(`wrote ${file}`);
}
