/**
 * The package as an organization receives it: `npm pack` of the plugin workspace, installed
 * into fresh apps outside the repository, each mounting it with a snippet taken from the
 * README, started with a chosen Node binary.
 *
 * @example
 * const tarball = await packPlugin(dir);
 * const app = await createConsumerApp({ dir, kind: 'esm', tarball, dependencies: { koa: '3.3.0', knex: '3.3.0' } });
 * const host = await app.start({ node: process.execPath, databaseUrl, originalsDir });
 * await host.stop();
 *
 * A Windows host: install with `installFlags: ['--os=win32', '--cpu=x64']` and start with
 * `node: 'node.exe', launcher: { command: 'wine', env: { WINEPREFIX } }`.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, type RunningServer, startServerProcess } from './server-process.js';

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixture/consumer-host.mts', import.meta.url));

export type HostKind = 'esm' | 'cjs' | 'ts';

/** npm itself, run by Node: `npm_execpath` is set whenever npm runs a script (this suite's `npm run test:package`). */
function npm(args: string[], options: { cwd: string; node?: string }) {
  const npmCli = process.env.npm_execpath;
  const node = options.node ?? process.execPath;
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  return npmCli ? run(node, [npmCli, ...args], { cwd: options.cwd, env, maxBuffer: 16 * 1024 * 1024 }) : run('npm', args, { cwd: options.cwd, env, maxBuffer: 16 * 1024 * 1024 });
}

export interface PackedPlugin {
  /** Absolute path of the `.tgz`. */
  file: string;
  /** Size of the tarball in bytes. */
  size: number;
  /** Paths inside the package. */
  files: string[];
}

/** `npm pack` of the plugin workspace into `dir` (its `prepack` builds `dist/` first). */
export async function packPlugin(dir: string): Promise<PackedPlugin> {
  const { stdout } = await npm(['pack', '--workspace', 'koa-shared-collections', '--pack-destination', dir, '--json', '--silent'], { cwd: REPO_ROOT });
  // prepack's own output comes first; the JSON report is the last thing printed.
  const [report] = JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as { filename: string; size: number; files: { path: string }[] }[];
  if (!report) throw new Error(`npm pack printed no report: ${stdout}`);
  return { file: path.join(dir, report.filename), size: report.size, files: report.files.map((entry) => entry.path) };
}

/**
 * Where each host's mounting snippet is documented: the project's README for ESM and
 * CommonJS, the package's own README (what npm shows) for TypeScript.
 */
const SNIPPET_README: Record<HostKind, string> = { esm: 'README.md', cjs: 'README.md', ts: path.join('server-plugin', 'README.md') };

/** The code block that follows `<!-- mount-snippet:KIND -->` in the README that documents it. */
export async function readmeSnippet(kind: HostKind): Promise<string> {
  const readme = await readFile(path.join(REPO_ROOT, SNIPPET_README[kind]), 'utf8');
  const match = new RegExp(`<!-- mount-snippet:${kind} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`${SNIPPET_README[kind]} has no code block after <!-- mount-snippet:${kind} -->`);
  return match[1];
}

const FIXTURE_IMPORT: Record<HostKind, string> = {
  esm: "import { knex, yourDamHost, yourSessionMiddleware } from './consumer-host.mts';\n",
  ts: "import { knex, yourDamHost, yourSessionMiddleware } from './consumer-host.mts';\n",
  cjs: "const { knex, yourDamHost, yourSessionMiddleware } = require('./consumer-host.mts');\n",
};
const HOST_FILE: Record<HostKind, string> = { esm: 'host.mjs', cjs: 'host.cjs', ts: 'host.mts' };

const TS_CONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    types: ['node'],
  },
};

/** A program that runs the Node binary, e.g. Wine for a Windows `node.exe`: `command node file`. */
export interface Launcher {
  command: string;
  /** Added to the host's environment. */
  env: Record<string, string>;
}

export interface StartOptions {
  node: string;
  databaseUrl: string;
  /** As the host sees it (a Windows path for a Windows host). */
  originalsDir: string;
  launcher?: Launcher;
}

export interface ConsumerApp {
  dir: string;
  kind: HostKind;
  /** Runs the app's own TypeScript compiler over it (the TypeScript host). */
  typecheck(extraFile?: { name: string; source: string }): Promise<{ ok: boolean; output: string }>;
  start(options: StartOptions): Promise<RunningServer>;
}

/**
 * Writes a fresh app into `dir`: a package.json with only the tarball, `dependencies` and,
 * for the TypeScript host, its compiler and type packages; the README's snippet after the
 * fixture's import; then `npm install` with `installFlags` (e.g. `--os=win32 --cpu=x64`, so
 * npm picks another platform's native packages).
 */
export async function createConsumerApp(options: {
  dir: string;
  kind: HostKind;
  tarball: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  installFlags?: readonly string[];
}): Promise<ConsumerApp> {
  const { dir, kind } = options;
  await mkdir(dir, { recursive: true });
  const manifest = {
    name: `consumer-${kind}`,
    private: true,
    ...(kind === 'cjs' ? {} : { type: 'module' }),
    dependencies: { 'koa-shared-collections': `file:${options.tarball}`, ...options.dependencies },
    devDependencies: options.devDependencies ?? {},
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyFile(FIXTURE, path.join(dir, 'consumer-host.mts'));
  const snippet = await readmeSnippet(kind);
  await writeFile(path.join(dir, HOST_FILE[kind]), FIXTURE_IMPORT[kind] + snippet);
  if (kind === 'ts') await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TS_CONFIG, null, 2));
  await npm(['install', '--no-audit', '--no-fund', '--loglevel', 'error', ...(options.installFlags ?? [])], { cwd: dir });

  return {
    dir,
    kind,
    async typecheck(extraFile) {
      if (extraFile) await writeFile(path.join(dir, extraFile.name), extraFile.source);
      const tsc = path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
      try {
        const { stdout } = await run(process.execPath, [tsc, '-p', dir], { cwd: dir });
        return { ok: true, output: stdout };
      } catch (error) {
        return { ok: false, output: (error as { stdout?: string }).stdout ?? String(error) };
      }
    },
    start: (startOptions) => startHost(dir, HOST_FILE[kind], startOptions),
  };
}

/** How long a host may take to start and migrate on a busy machine before the test gives up. */
const START_TIMEOUT_MS = 90_000;

async function startHost(dir: string, file: string, options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const { launcher } = options;
  return startServerProcess({
    name: `${file} on ${options.node}`,
    command: launcher?.command ?? options.node,
    args: launcher ? [options.node, file] : [file],
    cwd: dir,
    env: { ...launcher?.env, PORT: String(port), DATABASE_URL: options.databaseUrl, ORIGINALS_DIR: options.originalsDir, NODE_NO_WARNINGS: '1' },
    logFile: path.join(dir, `${file}.${path.basename(path.dirname(path.dirname(options.node)))}.log`),
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: START_TIMEOUT_MS,
    // 401: the plugin is mounted (nobody is signed in); only after migrate() does the CJS host listen.
    isReady: async (baseUrl) => (await fetch(`${baseUrl}/api/shared-collections/session`)).status === 401,
  });
}
