export { buildSite, refusedBuild, type BuildOptions, type BuildResult } from './site.js';
export { Pipeline, type PipelineOptions, type PipelineResult } from './pipeline.js';
export { runAbortCleanups } from './abort.js';
