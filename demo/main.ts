/**
 * `npm start`: the demo DAM with the Shared Collections plugin. The only module that reads
 * the environment (PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_BASE_URL, DEMO_PASSWORD).
 */
import { type RequestListener, type Server, createServer } from 'node:http';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDemoApp } from './app.js';
import { createKnex } from './database.js';
import { DEMO_ACCOUNTS } from './user-store.js';

/** A start-up problem the user can fix: printed as one line, without a stack. */
class StartupError extends Error {
  override readonly name = 'StartupError';
}

async function main(): Promise<void> {
  const env = process.env;
  const port = parsePort(env.PORT ?? '3000');
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;

  const knex = openDatabase(databaseUrl, dataDir);
  await checkDatabase(knex, databaseUrl, dataDir);
  console.log('Preparing the catalog (the first start renders the sample images)…');
  const { app, sharing, samples } = await createDemoApp({
    knex,
    dataDir,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    demoPassword: env.DEMO_PASSWORD || undefined,
    sampleMedia: true,
  });
  if (samples.rendered > 0) console.log(`Rendered ${samples.rendered} sample images into ${path.join(dataDir, 'originals')}.`);

  const server = await listen(app.callback(), port, host);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const password = env.DEMO_PASSWORD ? '(the DEMO_PASSWORD)' : 'demo';
  console.log(`Demo DAM running at http://${shownHost}:${port}/`);
  console.log(`Database: ${databaseUrl ? redact(databaseUrl) : path.join(dataDir, 'dam.sqlite')}`);
  console.log(`Accounts (password ${password}):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(8)} ${account.role}`);

  // The plugin writes page views in batches: the last second's go to the database before it closes.
  const stop = () => {
    server.close(() => void sharing.flushEvents().finally(() => knex.destroy()));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new StartupError(`PORT must be a number from 0 to 65535 (got "${value}").`);
  return Number(value);
}

function openDatabase(databaseUrl: string | undefined, dataDir: string): Knex {
  try {
    // A refused connection becomes one StartupError line; knex would print its stack as well.
    const warn = (message: unknown) => {
      if (!String(message).startsWith('Acquire connection error')) console.warn(message);
    };
    return createKnex({ databaseUrl, dataDir, log: { warn } });
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
}

async function checkDatabase(knex: Knex, databaseUrl: string | undefined, dataDir: string): Promise<void> {
  try {
    await knex.raw('select 1');
  } catch (error) {
    await knex.destroy();
    const where = databaseUrl ? redact(databaseUrl) : path.join(dataDir, 'dam.sqlite');
    throw new StartupError(`Cannot reach the database at ${where}: ${(error as Error).message}`);
  }
}

function listen(callback: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(callback);
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`Port ${port} on ${host} is already in use: stop the other server or set PORT.`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new StartupError(`HOST ${host} is not an address of this machine.`));
      else if (error.code === 'EACCES') reject(new StartupError(`No permission to listen on port ${port}: choose a PORT above 1023.`));
      else reject(error);
    });
    server.listen(port, host, () => resolve(server));
  });
}

/** The URL without its password, for printing. */
function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof StartupError || error instanceof TypeError) console.error(`Cannot start the demo: ${message}`);
  else console.error(error);
  process.exit(1);
});
