import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Nu Html Checker (the W3C's HTML validator, https://validator.github.io/validator/), from
 * the `vnu-jar` devDependency, run on the local Java runtime. Nothing goes over the network.
 */

/** vnu.jar inside node_modules (the package has no `exports`, so the file resolves directly). */
export const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

/** One message of `--format json`. */
export interface VnuMessage {
  /** `error`, `info` (with `subType: 'warning'` for warnings) or `non-document-error`. */
  type: string;
  subType?: string;
  url?: string;
  message: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  extract?: string;
}

/**
 * The `java` to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on the PATH.
 * Throws with what to install when there is none: the validity test must not pass silently
 * on a machine that cannot run the checker.
 */
export function findJava(): string {
  const home = process.env['JAVA_HOME'];
  const java = home ? path.join(home, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `No Java runtime (${java}: ${probe.error?.message ?? probe.stderr.trim()}). The HTML ` +
        `validity test runs the Nu Html Checker (node_modules/vnu-jar), which needs Java 11 or ` +
        `newer. Install a JRE, e.g. \`sudo apt-get install default-jre-headless\` (Debian/Ubuntu) ` +
        `or \`brew install openjdk\` (macOS), or set JAVA_HOME.`,
    );
  }
  return java;
}

/**
 * Validate HTML files in one JVM (startup is most of the cost). Returns every error and warning;
 * plain `info` messages are dropped. Files are absolute paths.
 */
export async function validateHtml(files: readonly string[]): Promise<VnuMessage[]> {
  if (files.length === 0) throw new Error('validateHtml: no files to check');
  const java = findJava();
  // `--exit-zero-always`: failures are read from the report, not the exit code. A small stack
  // and heap cap keep one JVM polite on a shared two-core machine.
  const args = ['-Xss2m', '-Xmx512m', '-jar', VNU_JAR, '--format', 'json', '--exit-zero-always'];
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile(
      java,
      [...args, ...files],
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, _stdout, err) =>
        error ? reject(new Error(`vnu failed: ${err || error.message}`)) : resolve(err),
    );
  });
  const report = JSON.parse(stderr) as { messages: VnuMessage[] };
  return report.messages.filter((m) => m.type !== 'info' || m.subType === 'warning');
}

/** `posts/x/index.html:12:5 error: Duplicate ID “main”. …<extract>…`, relative to `root`. */
export function formatVnuMessage(m: VnuMessage, root: string): string {
  const file = m.url?.startsWith('file:') ? path.relative(root, fileURLToPath(m.url)) : m.url;
  const line = m.firstLine ?? m.lastLine;
  const where = line === undefined ? '' : `:${line}:${m.firstColumn ?? m.lastColumn ?? 1}`;
  const kind = m.type === 'info' ? (m.subType ?? 'info') : m.type;
  const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
  return `${file ?? '(no file)'}${where} ${kind}: ${m.message}${extract}`;
}
