import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import type { AppConfig } from '../kernel/config';

/**
 * The TypeORM data source for either database. On SQLite: WAL, so readers do
 * not block the writer; synchronous=FULL, so a write that returned 2xx is on
 * disk; a busy timeout for a second process on the same file.
 */
export function createDataSource(database: AppConfig['database']): DataSource {
  if (database.type === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      extra: { max: 10 },
    });
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: true,
    statementCacheSize: 200,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = FULL');
    },
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
}

export async function openDataSource(database: AppConfig['database']): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
