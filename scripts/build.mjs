// Builds what browsers load: the extension's bundles. Run by `npm run build` and before tests.
import { build } from 'esbuild';

const entryPoints = [];

if (entryPoints.length > 0) {
  await build({ entryPoints, bundle: true, minify: true, outdir: 'build', format: 'esm', target: 'chrome120' });
}
console.log(`built ${entryPoints.length} bundle(s)`);
