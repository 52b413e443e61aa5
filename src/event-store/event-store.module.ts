import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
export class EventStoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly db: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The clock starts at APP_NOW at every start: started again with the same
   * instant on a log that went on past it, new events would carry times
   * before those already in the log, and a report as of a time would leave
   * out what came before it. Said at start, naming the instant to use.
   */
  async onApplicationBootstrap(): Promise<void> {
    const [last] = await this.db.query<{ occurred_at: string }>('SELECT occurred_at FROM events ORDER BY position DESC LIMIT 1');
    const now = this.clock.nowIso();
    if (!last || new Date(last.occurred_at).getTime() <= new Date(now).getTime()) return;
    new Logger('Clock').warn(
      `The clock (${this.config.appNow ? `APP_NOW ${this.config.appNow}` : 'the system clock'}) is at ${now}, before the log's last event (${last.occurred_at}): ` +
        `new events will carry earlier times than events already recorded. Start with APP_NOW at or after ${last.occurred_at}${this.config.appNow ? ', or without it' : ''}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
