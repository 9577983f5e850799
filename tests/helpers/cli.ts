import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO } from './site.js';

/**
 * The real CLI, as users run it: `node bin/colophon.js`, which runs the compiled lib/ (npm test
 * compiles first; after editing src/, run `npm run compile` before `npx vitest run tests/cli`).
 */
export const BIN = path.join(REPO, 'bin/colophon.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Today in the local time zone, as `colophon new` writes it. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
