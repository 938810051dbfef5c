/**
 * Budgets 4, 5 and 6 of issue 5, against the real demo DAM with the plugin mounted, on one
 * database engine. The catalog is grown to 10,000 assets first, so a collection of that
 * size holds real catalog entries.
 *
 *   const figures = await runServerBenchmarks('sqlite');
 */
import type { Engine } from '../helpers/databases.js';
import { startBenchHost } from './bench-host.js';
import type { BenchFigure } from './figures.js';
import { runOwnerApiBenchmarks } from './owner-api.js';
import { runPasswordAttackBenchmark } from './password-attack.js';
import { runPublicPageBenchmarks } from './public-page.js';

const LARGE = 10_000;

export async function runServerBenchmarks(engine: Engine): Promise<BenchFigure[]> {
  const host = await startBenchHost(engine);
  try {
    const assetIds = await host.seedAssets(LARGE);
    const tokens = { 100: await host.share(assetIds.slice(0, 100)), [LARGE]: await host.share(assetIds) };
    const figures = await runPublicPageBenchmarks(host, tokens);
    figures.push(...(await runOwnerApiBenchmarks(host, assetIds)));
    figures.push(await runPasswordAttackBenchmark(host, tokens[100], await host.sampleIds()));
    if (host.loggedErrors > 0) throw new Error(`the plugin logged ${host.loggedErrors} unexpected errors (printed above)`);
    return figures;
  } finally {
    await host.close();
  }
}
