/**
 * The knex implementation of `ThrottleStore`: counters live in the database so the
 * limits hold across every server instance sharing it. Every write runs again when
 * MariaDB picks it as a deadlock victim (see deadlock-retry.ts).
 */
import type { Knex } from 'knex';
import { retryDeadlocks } from './deadlock-retry.js';
import { migrateLatest } from './migrate.js';
import { toMillis } from './rows.js';
import { tableNames } from './table-names.js';
import type { ThrottleRecord, ThrottleStore } from './types.js';

interface RawThrottleRow {
  key: string;
  failures: number;
  last_failure_at: number | string;
}

export class KnexThrottleStore implements ThrottleStore {
  /** Runs the plugin's migrations, then returns the store. */
  static async create(options: { knex: Knex; tablePrefix: string }): Promise<KnexThrottleStore> {
    await migrateLatest(options.knex, options.tablePrefix);
    return KnexThrottleStore.open(options);
  }

  /** A store over tables that already exist. */
  static open(options: { knex: Knex; tablePrefix: string }): KnexThrottleStore {
    return new KnexThrottleStore(options.knex, tableNames(options.tablePrefix).throttle);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly table: string,
  ) {}

  async find(key: string): Promise<ThrottleRecord | undefined> {
    const row: RawThrottleRow | undefined = await this.knex(this.table).where({ key }).first();
    return row ? { failures: Number(row.failures), lastFailureAt: new Date(toMillis(row.last_failure_at)) } : undefined;
  }

  /**
   * One upsert (`ON CONFLICT ... DO UPDATE` / `ON DUPLICATE KEY UPDATE`) increments in the
   * database, so two instances failing at once both count.
   */
  async recordFailure(key: string, now: Date): Promise<number> {
    await retryDeadlocks(() =>
      this.knex(this.table)
        .insert({ key, failures: 1, last_failure_at: now.getTime() })
        .onConflict('key')
        .merge({ failures: this.knex.raw('?? + 1', [`${this.table}.failures`]), last_failure_at: now.getTime() }),
    );
    return (await this.find(key))?.failures ?? 1;
  }

  async replaceIf(key: string, expected: ThrottleRecord | undefined, next: ThrottleRecord): Promise<boolean> {
    const row = { failures: next.failures, last_failure_at: next.lastFailureAt.getTime() };
    if (!expected) {
      try {
        await retryDeadlocks(() => this.knex(this.table).insert({ key, ...row }));
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    const changed = await retryDeadlocks(() =>
      this.knex(this.table).where({ key, failures: expected.failures, last_failure_at: expected.lastFailureAt.getTime() }).update(row),
    );
    return changed === 1;
  }

  async reset(key: string): Promise<void> {
    await retryDeadlocks(() => this.knex(this.table).where({ key }).delete());
  }

  async prune(before: Date): Promise<number> {
    return retryDeadlocks(() => this.knex(this.table).where('last_failure_at', '<', before.getTime()).delete());
  }
}

/** Another request created the counter first (the key is unique). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}
