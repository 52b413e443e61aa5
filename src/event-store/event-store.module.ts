import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../kernel/config';
import { Clock } from '../kernel/clock';
import { APP_CONFIG } from '../kernel/kernel.module';
import { Projector } from '../projections/projector';
import { READ_MODELS } from '../projections/read-models';
import { CommandRunner } from './command-runner';
import { openDataSource } from './data-source';
import { Database } from './database';
import { EventStore } from './event-store';

/**
 * The database, the event log, the write path and the inline read models.
 * The data source is opened and migrated before anything else starts.
 */
@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDataSource(config.database) },
    { provide: Database, inject: [DataSource], useFactory: (ds: DataSource) => new Database(ds) },
    { provide: EventStore, inject: [Database, Clock], useFactory: (db: Database, clock: Clock) => new EventStore(db, clock) },
    {
      provide: Projector,
      inject: [Database, EventStore],
      useFactory: (db: Database, store: EventStore) => {
        const projector = new Projector(db, store, READ_MODELS);
        store.subscribe(projector);
        return projector;
      },
    },
    {
      provide: CommandRunner,
      // Projector is injected so the read models are subscribed before the first write.
      inject: [Database, EventStore, Projector],
      useFactory: (db: Database, store: EventStore) => new CommandRunner(db, store),
    },
  ],
  exports: [DataSource, Database, EventStore, Projector, CommandRunner],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
