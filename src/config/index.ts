export * from './schema.js';
export * from './define.js';
export * from './load.js';
export { persistTransforms } from './transform-cache.js';
