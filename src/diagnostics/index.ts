export * from './diagnostic.js';
export * from './format.js';
