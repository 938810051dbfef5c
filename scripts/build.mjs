// Builds what browsers load: the extension's bundles in build/ (the repository root then loads
// unpacked). With --package, also stages exactly the shipped files in dist/stage/ and zips them
// into dist/ for the Chrome Web Store and addons.mozilla.org. --build-dir and --dist-dir let
// tests package elsewhere while a browser may be loading build/.
import { build } from 'esbuild';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const outdir = option('--build-dir', `${root}build`);
const distdir = option('--dist-dir', `${root}dist`);
/** The content script's budget (issue 5): every page of the DAM pays for it. */
const CONTENT_BUDGET_BYTES = 60 * 1024;

await rm(outdir, { recursive: true, force: true });
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

if (process.argv.includes('--package')) {
  const stage = `${distdir}/stage`;
  await rm(stage, { recursive: true, force: true });
  await mkdir(`${stage}/extension`, { recursive: true });
  await cp(`${root}manifest.json`, `${stage}/manifest.json`);
  await cp(`${root}_locales`, `${stage}/_locales`, { recursive: true });
  await cp(outdir, `${stage}/build`, { recursive: true });
  await cp(`${root}extension/icons`, `${stage}/extension/icons`, { recursive: true, filter: (source) => !source.endsWith('.svg') });
  const { default: webExt } = await import('web-ext');
  const { extensionPath } = await webExt.cmd.build(
    { sourceDir: stage, artifactsDir: distdir, overwriteDest: true, filename: 'shared-collections-{version}.zip' },
    { shouldExitProgram: false },
  );
  console.log(`packaged ${extensionPath}`);
}
