import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../helpers/cli.js';
import { SITES } from '../helpers/site.js';

/**
 * Mistakes on the command line: each exits 2 with one message that says what to type instead,
 * then the usage of the command it was made in (never parseArgs' raw text or the whole help).
 */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-usage-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const BUILD_USAGE = [
  'Usage: colophon build [options]',
  'Run "colophon build --help" for every option.',
  '',
].join('\n');

describe('unknown commands and options get a "did you mean"', () => {
  test('a mistyped option: the closest one and the usage', async () => {
    const r = await run(['build', '--drafs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Unknown option --drafs; did you mean --drafts?\n' + BUILD_USAGE);
    expect(r.stdout).toBe('');
  });

  test('one dash instead of two', async () => {
    const r = await run(['check', '-drafts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown option -drafts; did you mean --drafts?\n');
    expect(r.stderr).toContain('Usage: colophon check [options]\n');
  });

  test('an option without its value names the value', async () => {
    const r = await run(['build', '--root']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Option --root needs a value: --root DIR.\n' + BUILD_USAGE);
  });

  test('an option that takes no value', async () => {
    const r = await run(['build', '--drafts=yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Option --drafts does not take a value; write --drafts alone.\n' + BUILD_USAGE,
    );
  });

  test('a mistyped command', async () => {
    const r = await run(['buidl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Unknown command "buidl". Did you mean "build"? Run "colophon --help" for the list.\n',
    );
  });

  test('an option before the command', async () => {
    const r = await run(['--drafts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '"--drafts" is not a command. Options go after the command: colophon build --drafts.',
    );
  });

  test("colophon help <command> prints that command's help", async () => {
    const r = await run(['help', 'serve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('colophon serve [options]');
  });
});

describe('--root must be a readable site folder, for every command (exit 2)', () => {
  const missing = () => path.join(tmp, 'no-such-folder');

  test.each(['build', 'check', 'serve'])('%s --root <missing folder>', async (cmd) => {
    const r = await run([cmd, '--root', missing(), ...(cmd === 'serve' ? ['--port', '0'] : [])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--root ${missing()}: no such folder.`);
    expect(r.stderr).toContain(`Usage: colophon ${cmd} [options]`);
    // serve used to print "Serving http://..." and answer 404 until killed.
    expect(r.stdout).toBe('');
  });

  test('new post --root <missing folder>', async () => {
    const r = await run(['new', 'post', 'Hello', '--root', missing()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--root ${missing()}: no such folder.`);
  });

  test('a file is not a folder', async () => {
    const file = path.join(tmp, 'notes.txt');
    await writeFile(file, 'x\n');
    const r = await run(['build', '--root', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--root ${file} is a file, not a folder. Pass the site's folder.`);
  });

  test('a folder without a config is not a site', async () => {
    const r = await run(['serve', '--root', tmp, '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `No colophon.config.ts in ${tmp} (--root ${tmp}): not a Colophon site. Pass the folder that holds colophon.config.ts, or create a site with "colophon init DIR".`,
    );
    expect(r.stdout).toBe('');
  });

  test('without --root, the current folder must be a site', async () => {
    const r = await run(['build'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `No colophon.config.ts in the current folder (${tmp}): not a Colophon site.`,
    );
  });

  test('a real site still builds', async () => {
    const r = await run([
      'build',
      '--root',
      path.join(SITES, 'aliases'),
      '--out',
      path.join(tmp, 'out'),
      '--no-cache',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
