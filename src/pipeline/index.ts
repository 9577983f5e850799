export { buildSite, refusedBuild, type BuildOptions, type BuildResult } from './build-site.js';
export { Pipeline } from './pipeline.js';
export type { Change, PipelineOptions, RunResult } from './state.js';
export { NO_PAGES, withoutPages, type PageRecords } from './stages/pages.js';
export { runAbortCleanups } from './abort.js';
