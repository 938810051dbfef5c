/**
 * koa-session's external store over `dam_sessions`: the cookie carries only the session id,
 * so a signed-out session is gone on the server, whatever copies of its cookie exist.
 */
import type { Knex } from 'knex';

/** koa-session's `store`: get, set and destroy by session id. */
export interface SessionStore {
  get(id: string): Promise<Record<string, unknown> | undefined>;
  set(id: string, session: Record<string, unknown>, maxAgeMs: number | 'session' | undefined): Promise<void>;
  destroy(id: string): Promise<void>;
}

/** Sessions without a `maxAge` (browser-session cookies) still end on the server after this. */
const DEFAULT_LIFETIME_MS = 8 * 60 * 60 * 1000;

export function createSessionStore(knex: Knex, now: () => number = Date.now): SessionStore {
  const table = () => knex('dam_sessions');
  return {
    async get(id) {
      const row: { data: string; expires_at: number | string } | undefined = await table().where({ id }).first('data', 'expires_at');
      if (!row || Number(row.expires_at) <= now()) return undefined;
      return JSON.parse(row.data) as Record<string, unknown>;
    },
    async set(id, session, maxAgeMs) {
      const expiresAt = now() + (typeof maxAgeMs === 'number' ? maxAgeMs : DEFAULT_LIFETIME_MS);
      await table()
        .insert({ id, data: JSON.stringify(session), expires_at: expiresAt })
        .onConflict('id')
        .merge(['data', 'expires_at']);
    },
    async destroy(id) {
      await table().where({ id }).delete();
      // Signing out is rare (a set comes with every request: the session rolls), so it also
      // drops the sessions that expired without one.
      await table().where('expires_at', '<=', now()).delete();
    },
  };
}
