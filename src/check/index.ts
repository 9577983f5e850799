import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import { buildSite, refusedBuild, type BuildOptions, type BuildResult } from '../pipeline/index.js';
import { onAbort } from '../pipeline/abort.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { checkOutDir, checkTempOutDir } from '../output/index.js';
import { checkExternal } from './external.js';
import { verifyOutput } from './verify.js';

export { verifyOutput } from './verify.js';

export interface CheckResult {
  build: BuildResult;
  diagnostics: Diagnostic[];
  pages: number;
  links: number;
}

/** Build into a throw-away folder (the real output is never touched), then verify what was built. */
export async function checkSite(
  options: BuildOptions & { external?: boolean },
): Promise<CheckResult> {
  const config = await loadConfig(
    path.resolve(options.root ?? process.cwd()),
    { outDir: options.outDir, baseUrl: options.baseUrl, cacheDir: options.cacheDir },
    { cache: options.cache !== false },
  ).catch(() => undefined);
  // Before the throw-away folder exists: a config whose outDir would replace part of the project
  // fails `check` as it fails `build`. A config that does not load is left to the build to report.
  const unsafe =
    config && (checkOutDir(config.outPath, config) ?? checkTempOutDir('colophon-check-', config));
  if (config && unsafe)
    return { build: refusedBuild(config, unsafe), diagnostics: [], pages: 0, links: 0 };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-check-'));
  const out = path.join(tmp, 'site');
  // Ctrl-C exits from the signal handler, past the `finally` below: the throw-away folder (a
  // whole built site once the build has published into it) stayed in the temp folder.
  const unregister = onAbort(() => rm(tmp, { recursive: true, force: true }));
  try {
    const build = await buildSite({ ...options, outDir: out });
    if (!build.ok || !build.config) return { build, diagnostics: [], pages: 0, links: 0 };
    // Name files as they will be in the real output folder, not the throw-away one.
    const real = config ? path.relative(config.root, config.outPath) : 'dist';
    const v = await verifyOutput({
      dir: out,
      baseUrl: build.config.baseUrl,
      basePath: build.config.basePath,
      label: `${real}/`,
    });
    const diagnostics = [
      ...v.diagnostics,
      ...(options.external ? await checkExternal(v.external) : []),
    ];
    return { build, diagnostics, pages: v.pages, links: v.links };
  } finally {
    unregister();
    await rm(tmp, { recursive: true, force: true });
  }
}
