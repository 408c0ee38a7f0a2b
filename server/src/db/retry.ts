import { DatabaseError, UniqueConstraintError } from 'sequelize';

/** MySQL's deadlock and lock-wait errors: the transaction was rolled back and may simply run again. */
const retryableMysqlCodes = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

function isRetryable(err: unknown): boolean {
  if (err instanceof UniqueConstraintError) return true;
  if (err instanceof DatabaseError) {
    const code = (err.parent as { code?: string }).code;
    return code !== undefined && (retryableMysqlCodes.has(code) || code === 'SQLITE_BUSY');
  }
  return false;
}

/**
 * Runs a whole transaction again when it lost a race: a deadlock, or a unique key another
 * process inserted first (the rerun then sees that row and answers as for a retry).
 */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt * Math.random()));
    }
  }
}
