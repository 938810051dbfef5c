// @ts-check
// Builds what browsers load: the extension's bundles in build/ (Chromium then loads the
// repository root unpacked). Flags:
//   --firefox-dev  also stages dist/firefox-dev/: the same bundles under the Firefox manifest,
//                  demo origins kept (Firefox: about:debugging > Load Temporary Add-on)
//   --package      also writes the store uploads into dist/: a Chrome zip, a Firefox zip and
//                  the source archive addons.mozilla.org asks for (see scripts/store-packages.mjs)
//   --build-dir, --dist-dir  build and package elsewhere: tests do, while a browser may be
//                  loading build/
import { build } from 'esbuild';
import { cp, readFile, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stageExtension, writeStorePackages } from './store-packages.mjs';
import { TARGETS } from './store-manifests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    package: { type: 'boolean', default: false },
    'firefox-dev': { type: 'boolean', default: false },
    'build-dir': { type: 'string', default: `${root}build` },
    'dist-dir': { type: 'string', default: `${root}dist` },
  },
});
const outdir = flags['build-dir'];
const distdir = flags['dist-dir'];
/** The content script's budget (issue 5): every page of the DAM pays for it. */
const CONTENT_BUDGET_BYTES = 60 * 1024;

await rm(outdir, { recursive: true, force: true });
// Same sources and esbuild version, same bytes: AMO reviewers rebuild the upload from the source archive.
await build({
  absWorkingDir: root,
  entryPoints: { content: 'extension/content.ts', background: 'extension/background.ts', options: 'extension/options.ts' },
  bundle: true,
  minify: true,
  // Classic scripts: content scripts cannot be modules, and Firefox's background scripts need not be.
  format: 'iife',
  target: ['chrome121', 'firefox128'],
  outdir,
  legalComments: 'none',
  logLevel: 'warning',
});
await cp(`${root}extension/options.html`, `${outdir}/options.html`);
await cp(`${root}extension/options.css`, `${outdir}/options.css`);

const contentBytes = (await stat(`${outdir}/content.js`)).size;
console.log(`built content.js (${(contentBytes / 1024).toFixed(1)} KB), background.js, options.* in ${outdir}`);
if (contentBytes > CONTENT_BUDGET_BYTES) {
  console.error(`content script is ${contentBytes} bytes, over its ${CONTENT_BUDGET_BYTES}-byte budget`);
  process.exit(1);
}

if (flags['firefox-dev']) {
  await stageExtension({ root, buildDir: outdir, dir: `${distdir}/firefox-dev`, target: TARGETS['firefox-dev'] });
  console.log(`staged the Firefox development build in ${distdir}/firefox-dev`);
}

if (flags.package) {
  const packageJson = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  for (const file of await writeStorePackages({ root, buildDir: outdir, distDir: distdir, packageJson })) console.log(`packaged ${file}`);
}
