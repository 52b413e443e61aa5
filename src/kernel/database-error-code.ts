/**
 * A database error's code (SQLite's `SQLITE_BUSY`, `SQLITE_FULL` …, PostgreSQL's SQLSTATE such as
 * `53100`), as the driver throws it or under TypeORM's QueryFailedError.driverError; '' without one.
 */
export function databaseErrorCode(error: unknown): string {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return String(driverError?.code ?? code ?? '');
}
