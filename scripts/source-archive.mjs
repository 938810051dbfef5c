// @ts-check
/**
 * The source archive addons.mozilla.org asks for when a package holds minified code: every
 * file the build reads (tests left out), plus BUILD-INSTRUCTIONS.md, which tells a reviewer
 * how to rebuild the uploaded Firefox package and records the Node.js, npm and esbuild that
 * built it.
 */
import { version as esbuildVersion } from 'esbuild';
// web-ext's own zip library (web-ext depends on it), so packaging adds no dependency.
import JSZip from 'jszip';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * What the build reads, relative to the repository root: the manifest, its strings, the sources,
 * the build itself, and the plugin workspace's package.json, without which `npm ci` cannot read
 * the root lockfile (the plugin's code is no part of the extension).
 */
const SOURCE_PATHS = ['package.json', 'package-lock.json', 'server-plugin/package.json', 'tsconfig.json', 'manifest.json', '_locales', 'extension', 'shared', 'scripts'];

/** Unit tests sit beside the code; a rebuild needs none of them. */
const isTest = (/** @type {string} */ name) => /\.test\.[cm]?[jt]sx?$/.test(name);

/**
 * The files of SOURCE_PATHS, relative to `root` with `/` separators, sorted.
 *
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function listSourceFiles(root) {
  const files = [];
  for (const entry of SOURCE_PATHS) {
    const full = path.join(root, entry);
    const entries = await readdir(full, { recursive: true, withFileTypes: true }).catch((error) => {
      if (error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (!entries) {
      files.push(entry);
      continue;
    }
    for (const file of entries) {
      if (file.isFile() && !isTest(file.name)) files.push(path.relative(root, path.join(file.parentPath, file.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

/**
 * The npm running this build, as npm names itself to the scripts it runs. Plain `node
 * scripts/build.mjs` cannot know it, and AMO's reviewers need the exact version.
 */
function npmVersion() {
  const version = process.env.npm_config_user_agent?.match(/\bnpm\/(\S+)/)?.[1];
  if (!version) throw new Error('The source archive records the npm version: package through npm, `npm run build -- --package`.');
  return version;
}

/**
 * Writes the source archive to `file`.
 *
 * @param {{ root: string, file: string, firefoxPackage: string }} options `firefoxPackage`: the upload's path, for the instructions
 */
export async function writeSourceArchive({ root, file, firefoxPackage }) {
  const zip = new JSZip();
  for (const name of await listSourceFiles(root)) zip.file(name, await readFile(path.join(root, name)));
  const template = await readFile(path.join(root, 'scripts/build-instructions.md'), 'utf8');
  const values = {
    version: JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).version,
    node: process.version,
    npm: npmVersion(),
    esbuild: esbuildVersion,
    os: `${os.type()} ${os.release()} (${process.arch})`,
    firefoxPackage,
  };
  zip.file('BUILD-INSTRUCTIONS.md', fillTemplate(template, values));
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
}

/**
 * Replaces each `{{name}}` in `template`; a name without a value is an error, not a blank.
 *
 * @param {string} template
 * @param {Record<string, string>} values
 */
export function fillTemplate(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`build-instructions.md names {{${name}}}, which has no value`);
    return values[name] ?? '';
  });
}
