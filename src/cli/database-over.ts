import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';

/**
 * The app's Database over one connection the command line holds (a transaction it has open,
 * a backup file it has opened): the projector's rebuild and the chain's verification run in
 * it as they run in the app, and see what that connection sees. Only the methods those two
 * call are here, each running its work on the one connection. The command line commits that
 * connection itself: work asked for before a commit (the projector's checkpoints of inline
 * writes, which a rebuild does not make) has no commit here to run before.
 */
export function databaseOver(sql: Sql): Database {
  const run = <T>(fn: (s: Sql) => Promise<T>) => fn(sql);
  return {
    dialect: sql.dialect,
    write: run,
    read: run,
    query: (text: string, params?: unknown[]) => sql.query(text, params),
    beforeCommit: () => undefined,
  } as unknown as Database;
}
