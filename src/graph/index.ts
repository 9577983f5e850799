export * from './types.js';
export * from './build-graph.js';
export * from './permalinks.js';
export * from './links.js';
