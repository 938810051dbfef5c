// @ts-check
/**
 * What `npm run build -- --package` hands to the stores, in `dist/`:
 *
 *   shared-collections-<version>-chrome.zip   Chrome Web Store upload (files staged in stage/chrome/)
 *   shared-collections-<version>-firefox.zip  addons.mozilla.org upload (files staged in stage/firefox/)
 *   shared-collections-<version>-source.zip   the source archive AMO asks for with minified code
 *
 * The zips are made by Mozilla's web-ext, the tool AMO documents for packaging.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { writeSourceArchive } from './source-archive.mjs';
import { checkVersions, deriveManifest, TARGETS } from './store-manifests.mjs';

/**
 * Copies what a browser loads into `dir`: the manifest derived for `target`, `_locales`, the
 * bundles and the PNG icons. Nothing else ships.
 *
 * @param {{ root: string, buildDir: string, dir: string, target: import('./store-manifests.mjs').Target }} options
 */
export async function stageExtension({ root, buildDir, dir, target }) {
  const manifest = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
  await rm(dir, { recursive: true, force: true });
  await mkdir(`${dir}/extension`, { recursive: true });
  await writeFile(`${dir}/manifest.json`, `${JSON.stringify(deriveManifest(manifest, target), null, 2)}\n`);
  await cp(`${root}_locales`, `${dir}/_locales`, { recursive: true });
  await cp(buildDir, `${dir}/build`, { recursive: true });
  // The SVG is the icons' source; browsers get the PNGs the manifest names.
  await cp(`${root}extension/icons`, `${dir}/extension/icons`, { recursive: true, filter: (source) => !source.endsWith('.svg') });
}

/**
 * Writes the three uploads into `distDir` from the bundles in `buildDir`.
 *
 * @param {{ root: string, buildDir: string, distDir: string, packageJson: { name: string, version: string } }} options
 * @returns {Promise<string[]>} the files written
 */
export async function writeStorePackages({ root, buildDir, distDir, packageJson }) {
  checkVersions(JSON.parse(await readFile(`${root}manifest.json`, 'utf8')), packageJson);
  const { default: webExt } = await import('web-ext');
  const prefix = `${packageJson.name}-${packageJson.version}`;
  // First: it is the step that can refuse (see npmVersion), and then nothing is half written.
  const source = `${distDir}/${prefix}-source.zip`;
  await mkdir(distDir, { recursive: true });
  await writeSourceArchive({ root, file: source, firefoxPackage: `dist/${prefix}-firefox.zip` });
  const written = [source];
  for (const browser of /** @type {const} */ (['chrome', 'firefox'])) {
    const dir = `${distDir}/stage/${browser}`;
    await stageExtension({ root, buildDir, dir, target: TARGETS[browser] });
    const { extensionPath } = await webExt.cmd.build(
      { sourceDir: dir, artifactsDir: distDir, overwriteDest: true, filename: `${prefix}-${browser}.zip` },
      { shouldExitProgram: false },
    );
    written.push(extensionPath);
  }
  return written;
}
