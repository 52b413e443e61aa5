import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../kernel/config';
import { Clock } from '../kernel/clock';
import { APP_CONFIG } from '../kernel/kernel.module';
import { CommandRunner } from './command-runner';
import { openDataSource } from './data-source';
import { Database } from './database';
import { EventStore } from './event-store';

/**
 * The database, the event log and the write path. The data source is opened
 * and migrated before anything else starts. What runs inside an append (the
 * read models, the reminder planner) is subscribed by the module it belongs to.
 */
@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDataSource(config.database) },
    { provide: Database, inject: [DataSource], useFactory: (ds: DataSource) => new Database(ds) },
    { provide: EventStore, inject: [Database, Clock], useFactory: (db: Database, clock: Clock) => new EventStore(db, clock) },
    { provide: CommandRunner, inject: [Database, EventStore], useFactory: (db: Database, store: EventStore) => new CommandRunner(db, store) },
  ],
  exports: [DataSource, Database, EventStore, CommandRunner],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
