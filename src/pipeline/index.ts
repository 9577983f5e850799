export { buildSite, refusedBuild, type BuildOptions, type BuildResult } from './build-site.js';
export { Pipeline, type PipelineOptions, type PipelineResult } from './run.js';
export { runAbortCleanups } from './abort.js';
