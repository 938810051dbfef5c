// Builds the package: the TypeScript of server-plugin/ and of the shared contract compiled to
// ESM with types and source maps in dist/ (dist/server-plugin/ and dist/shared/, so the
// sources' relative imports hold), plus the files the code loads at run time beside it.
import { spawnSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(packageDir, 'dist');
/** Loaded at run time through `new URL(..., import.meta.url)`, so they sit where the compiled code expects them. */
const RUNTIME_FILES = ['password-worker.cjs', path.join('public', 'assets')];

await rm(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
for (const file of RUNTIME_FILES) {
  await cp(path.join(packageDir, file), path.join(dist, 'server-plugin', file), { recursive: true });
}
console.log(`built ${path.relative(process.cwd(), dist) || dist}`);
