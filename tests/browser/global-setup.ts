/**
 * Browser suite global setup: build the sample blog once into a temp folder and serve it on
 * 127.0.0.1. Tests read the base URL with `inject('baseUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { buildSample, serve } from './sample-site.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    outDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await buildSample();
  const server = await serve(site.outDir);
  project.provide('baseUrl', server.url);
  project.provide('outDir', site.outDir);
  return async () => {
    await server.close();
    await site.remove();
  };
}
