/**
 * The source archive addons.mozilla.org asks for: it holds what the build reads and nothing
 * generated or installed, its BUILD-INSTRUCTIONS.md names the exact tools, and following those
 * instructions in a fresh directory gives back the uploaded packages byte for byte (the one
 * shortcut: `node_modules` is linked from this checkout instead of installed by `npm ci`).
 */
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Packaged, packageIntoTemp, REPO_ROOT, run, zipEntries, zipEntry } from '../helpers/store-packages.js';

let packaged: Packaged;
let sourceFiles: string[];
beforeAll(async () => {
  packaged = await packageIntoTemp();
  sourceFiles = await zipEntries(packaged.zip('source'));
}, 120_000);
afterAll(() => packaged?.remove());

describe('the source archive', () => {
  it('holds the manifest, locales, sources, build scripts, npm files and the instructions', () => {
    for (const file of [
      'BUILD-INSTRUCTIONS.md',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'manifest.json',
      '_locales/en/messages.json',
      'extension/content.ts',
      'extension/background.ts',
      'extension/options.ts',
      'extension/options.html',
      'extension/icons/icon-128.png',
      'shared/api-types.ts',
      'scripts/build.mjs',
      'scripts/store-manifests.mjs',
      'scripts/build-instructions.md',
    ]) {
      expect(sourceFiles, file).toContain(file);
    }
  });

  it('holds nothing installed, built, packaged or only for tests', () => {
    expect(sourceFiles.filter((name) => /^(node_modules|build|dist|test|docs|demo|server-plugin|data|\.git)\//.test(name) && name !== 'server-plugin/package.json')).toEqual([]);
    expect(sourceFiles.filter((name) => /\.test\.ts$|(^|\/)\./.test(name))).toEqual([]);
  });

  it('tells a reviewer the exact Node.js, npm and esbuild, the commands, and where the upload lands', async () => {
    const instructions = (await zipEntry(packaged.zip('source'), 'BUILD-INSTRUCTIONS.md')).toString('utf8');
    const { stdout: npmVersion } = await run('npm', ['--version']);
    const { version: esbuildVersion } = await import('esbuild');
    expect(instructions).toContain(`Node.js ${process.version}`);
    expect(instructions).toContain(`npm ${npmVersion.trim()}`);
    expect(instructions).toContain(`esbuild ${esbuildVersion}`);
    expect(instructions).toContain('npm ci --ignore-scripts\nnpm run build -- --package\n');
    expect(instructions).toContain(`dist/shared-collections-${packaged.version}-firefox.zip`);
    expect(instructions).not.toMatch(/\{\{|\}\}/);
  });

  it('rebuilds both packages byte for byte when its instructions are followed in a fresh directory', async () => {
    const dir = await mkdtemp(`${tmpdir()}/sc-source-`);
    let rebuilt: Packaged | undefined;
    try {
      await run('unzip', ['-q', packaged.zip('source'), '-d', dir]);
      await symlink(`${REPO_ROOT}node_modules`, `${dir}/node_modules`, 'junction');
      rebuilt = await packageIntoTemp(dir);
      for (const browser of ['chrome', 'firefox'] as const) {
        const files = await zipEntries(packaged.zip(browser));
        expect((await zipEntries(rebuilt.zip(browser))).sort()).toEqual([...files].sort());
        for (const file of files) {
          const [original, again] = await Promise.all([zipEntry(packaged.zip(browser), file), readFile(`${rebuilt.distDir}/stage/${browser}/${file}`)]);
          expect(again.equals(original), `${browser}: ${file}`).toBe(true);
        }
      }
    } finally {
      await rebuilt?.remove();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
