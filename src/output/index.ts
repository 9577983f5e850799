export * from './writer.js';
export * from './staged-writer.js';
export * from './safety.js';
export * from './out-dir.js';
export * from './lock.js';
export * from './errors.js';
export * from './recover.js';
