/**
 * The packaged extension as the stores receive it: built and zipped by `npm run build --
 * --package`, within its size budget, holding only shipped files, and clean under
 * Mozilla's `web-ext lint` (0 errors).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('extension package', () => {
  // Its own directory: other e2e suites may be loading the unpacked extension from build/.
  let out = '';
  beforeAll(async () => {
    out = await mkdtemp(`${tmpdir()}/sc-package-`);
    await run(process.execPath, ['scripts/build.mjs', '--package', '--build-dir', `${out}/build`, '--dist-dir', `${out}/dist`], { cwd: root });
  }, 120_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('keeps the content script within 60 KB minified', async () => {
    expect((await stat(`${out}/build/content.js`)).size).toBeLessThanOrEqual(60 * 1024);
  });

  it('zips only the manifest, locales, build output and icons', async () => {
    const { version } = (await import(`${root}package.json`, { with: { type: 'json' } })).default as { version: string };
    const { stdout } = await run('unzip', ['-Z1', `${out}/dist/shared-collections-${version}.zip`]);
    const files = stdout.trim().split('\n').filter((name) => !name.endsWith('/'));
    expect(files).toContain('manifest.json');
    expect(files).toContain('build/content.js');
    expect(files.filter((name) => !/^(manifest\.json|_locales\/[a-z_]+\/messages\.json|build\/[\w.-]+|extension\/icons\/icon-\d+\.png)$/.test(name))).toEqual([]);
  });

  it('passes web-ext lint with no errors', async () => {
    const webExt = `${root}node_modules/.bin/web-ext`;
    const { stdout } = await run(webExt, ['lint', '--source-dir', `${out}/dist/stage`, '--output', 'json', '--no-config-discovery'], { cwd: root }).catch(
      // web-ext exits non-zero when it finds errors; the report is still on stdout.
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    const report = JSON.parse(stdout) as { errors: { code: string; message: string }[]; summary: { errors: number; warnings: number } };
    expect(report.errors).toEqual([]);
    expect(report.summary.warnings).toBeLessThanOrEqual(1);
  }, 120_000);
});
