/**
 * The store uploads as `npm run build -- --package` writes them, made in a temporary directory
 * (other suites may be loading the unpacked extension from build/), and read back with
 * Info-ZIP's `unzip`, a reader independent of the library that wrote them:
 *
 *   const packaged = await packageIntoTemp();
 *   const names = await zipEntries(packaged.zip('firefox'));
 *   const manifest = JSON.parse((await zipEntry(packaged.zip('firefox'), 'manifest.json')).toString());
 *   await packaged.remove();
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type PackageKind = 'chrome' | 'firefox' | 'source';

export interface Packaged {
  /** Where `--build-dir` put the bundles. */
  buildDir: string;
  /** Where `--dist-dir` put the zips and `stage/<browser>/`. */
  distDir: string;
  version: string;
  zip(kind: PackageKind): string;
  remove(): Promise<void>;
}

/**
 * Runs the documented command, through npm as a release would (the source archive records
 * npm's version), from `root` (the repository, or an unpacked source archive).
 */
export async function packageIntoTemp(root = REPO_ROOT): Promise<Packaged> {
  const dir = await mkdtemp(`${tmpdir()}/sc-package-`);
  const buildDir = `${dir}/build`;
  const distDir = `${dir}/dist`;
  try {
    await run('npm', ['run', 'build', '--', '--package', '--build-dir', buildDir, '--dist-dir', distDir], { cwd: root });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const { name, version } = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { name: string; version: string };
  return {
    buildDir,
    distDir,
    version,
    zip: (kind) => `${distDir}/${name}-${version}-${kind}.zip`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

function unzip(args: string[]): Promise<{ stdout: Buffer }> {
  return run('unzip', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new Error('No unzip found. Install it with: apt-get install -y unzip') : error;
  });
}

/** The files in a zip (directory entries left out), as stored. */
export async function zipEntries(file: string): Promise<string[]> {
  const stdout = (await unzip(['-Z1', file])).stdout.toString('utf8');
  return stdout
    .trim()
    .split('\n')
    .filter((name) => !name.endsWith('/'));
}

/** One file's bytes from a zip. */
export async function zipEntry(file: string, name: string): Promise<Buffer> {
  return (await unzip(['-p', file, name])).stdout;
}

export async function zipJson<T = Record<string, any>>(file: string, name: string): Promise<T> {
  return JSON.parse((await zipEntry(file, name)).toString('utf8')) as T;
}
