/**
 * `npm run bench:load` (issue 6, item 7): on MariaDB, 100 concurrent gallery viewers and 10
 * concurrent ZIP downloads of the same collection for 60 seconds (`--seconds N` to shorten),
 * against the real demo DAM with the plugin. Every ZIP is read to its end and checked.
 * Budget: zero errors (any failed request, bad answer, broken archive or logged server
 * error is a MISS); p50/p99 latency and throughput are reported beside it.
 */
import { parseArgs } from 'node:util';
import { runAutocannon } from './autocannon.js';
import { startBenchHost } from './bench-host.js';
import { runClient } from './client-process.js';
import type { BenchFigure } from './figures.js';
import { formatMs } from './latency.js';
import { describeLoad, describeMachine, formatFigure } from './print.js';

const VIEWERS = 100;
const DOWNLOADERS = 10;

if (!process.env.TEST_MYSQL_URL) {
  console.error('npm run bench:load runs on MariaDB: set TEST_MYSQL_URL, e.g. TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench:load');
  process.exit(1);
}
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const seconds = Number(values.seconds);
if (!Number.isInteger(seconds) || seconds < 1) {
  console.error(`--seconds must be a whole number of seconds, at least 1 (got "${values.seconds}")`);
  process.exit(1);
}

console.log(describeMachine());
console.log(`${VIEWERS} gallery viewers and ${DOWNLOADERS} ZIP downloaders for ${seconds} s on MariaDB`);
const host = await startBenchHost('mysql');
try {
  const token = await host.share(await host.sampleIds(), { allowDownload: true });
  const [viewers, zips] = await Promise.all([
    runAutocannon({ url: `${host.baseUrl}/s/${token}`, connections: VIEWERS, seconds }),
    runClient({ kind: 'zip', url: `${host.baseUrl}/s/${token}/download`, clients: DOWNLOADERS, seconds }),
  ]);
  const viewerErrors = viewers.errors + viewers.non2xx;
  const megabytesPerSecond = zips.bytes / 2 ** 20 / seconds;
  const figures: BenchFigure[] = [
    {
      name: `load, ${VIEWERS} gallery viewers: failed requests`,
      value: viewerErrors,
      unit: 'errors',
      budget: '0',
      pass: viewerErrors === 0,
      detail: `${viewers.requests} pages, ${Math.round(viewers.requestsPerSecond)} req/s, p50 ${viewers.p50} ms, p99 ${viewers.p99} ms; ${viewers.errors} connection errors or timeouts, ${viewers.non2xx} non-2xx`,
    },
    {
      name: `load, ${DOWNLOADERS} ZIP downloaders: failed or invalid archives`,
      value: zips.errorCount,
      unit: 'errors',
      budget: '0',
      pass: zips.errorCount === 0 && zips.downloads > 0,
      detail:
        `${zips.downloads} archives of ${zips.entries} entries checked (length, central directory, CRC-32), ${zips.unzipTested} also by unzip -t; ` +
        `${megabytesPerSecond.toFixed(1)} MiB/s, p50 ${formatMs(zips.latency.p50)}, p99 ${formatMs(zips.latency.p99)} per archive` +
        (zips.errors.length > 0 ? `; first errors: ${zips.errors.join(' | ')}` : ''),
    },
    {
      name: 'load, errors the server logged',
      value: host.loggedErrors,
      unit: 'errors',
      budget: '0',
      pass: host.loggedErrors === 0,
      detail: host.loggedErrors === 0 ? 'none' : 'printed above',
    },
  ];
  for (const figure of figures) console.log(formatFigure(figure));
  const passed = figures.filter((figure) => figure.pass).length;
  console.log(`summary: ${figures.length} figures, ${passed} PASS, ${figures.length - passed} MISS; load average now ${describeLoad()}`);
} finally {
  await host.close();
}
process.exit(0);
