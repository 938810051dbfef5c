/**
 * The plugin's queries run with a timeout, on the host's connection pool. A database that
 * stops answering without closing the connection (a frozen server, packets dropped after a
 * fail-over) leaves a query waiting for as long as TCP keeps the socket open, often many
 * minutes. The request deadline answers the client in time, but the abandoned query would
 * keep its pool connection all that while, and ten of them starve the pool. Past the timeout
 * knex marks the connection disposed and the pool replaces it instead of handing it out again
 * (knex's own handling of `.timeout()` without `cancel`: a KILL QUERY could not get through
 * to a server that does not answer either).
 */
import type { Knex } from 'knex';

/** The events a host may listen to on its knex (query logging, metrics, tests counting queries). */
const FORWARDED_EVENTS = ['start', 'query', 'query-error', 'query-response'] as const;

/**
 * A knex instance on the same pool whose every query builder times out after `ms`, unless it
 * set a timeout of its own. The host's instance is left as it was: its own queries and settings
 * are not touched (`withUserParams` clones the client; the timeout listener is only on the
 * clone). Knex fires `start` once a builder has its connection and before it is compiled.
 * The clone's events are re-emitted on the host's instance, so its listeners, added before or
 * after, hear the plugin's queries once each, as they did without the clone.
 *
 * @example
 * const store = KnexCollectionStore.open({ knex: withQueryTimeout(hostKnex, 20_000), tablePrefix: 'sc_' });
 */
export function withQueryTimeout(knex: Knex, ms: number): Knex {
  const own = knex.withUserParams({ ...knex.userParams });
  // withUserParams copied the host's listeners of the moment; forwarding replaces the copies.
  for (const event of FORWARDED_EVENTS) own.removeAllListeners(event);
  own.on('start', (builder: { timeout?: (ms: number) => unknown; _timeout?: number }) => {
    if (typeof builder.timeout === 'function' && !builder._timeout) builder.timeout(ms);
  });
  for (const event of FORWARDED_EVENTS) own.on(event, (...args: unknown[]) => knex.emit(event, ...args));
  return own;
}
