/**
 * InnoDB resolves a deadlock by rolling back one of the transactions involved, and MySQL's
 * manual asks applications to run that transaction again. Deadlocks are ordinary under
 * concurrency: the throttle's counter updates (unique key, then row) meet its pruning
 * (time index, then row) in the opposite order, and a burst of unknown-token probes made
 * `ER_LOCK_DEADLOCK` answers 503 now and then. The victim's work was undone as a whole, so
 * running it again cannot apply anything twice.
 */
const ATTEMPTS = 4;

/** MariaDB/MySQL error 1213; SQLite serializes writers and never reports one. */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs `work` (one statement or a whole transaction) again when the database chose it as a
 * deadlock victim, at most ATTEMPTS times in all; any other error, or the last deadlock,
 * is thrown as it is.
 *
 * @example
 * await retryDeadlocks(() => knex.transaction(async (trx) => { ... }));
 */
export async function retryDeadlocks<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}
