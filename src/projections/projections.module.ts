import { Module, type DynamicModule } from '@nestjs/common';
import { Database } from '../event-store/database';
import { EventStore } from '../event-store/event-store';
import type { ReadModel } from './projection';
import { Projector } from './projector';
import { StateReader } from './state-reader';

/**
 * The read models, kept inline: the projector subscribes itself in the
 * append's first phase, so whatever reacts to the events later in the same
 * transaction (the reminder planner) reads the state they produced. Which read
 * models there are is the caller's to say; each capability defines its own.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(readModels: ReadModel[]): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        { provide: StateReader, inject: [Database, EventStore], useFactory: (db: Database, store: EventStore) => new StateReader(db, store) },
        {
          provide: Projector,
          inject: [Database, EventStore],
          useFactory: (db: Database, store: EventStore) => {
            const projector = new Projector(db, store, readModels);
            store.subscribe(projector, 'read-models');
            return projector;
          },
        },
      ],
      exports: [StateReader, Projector],
    };
  }
}
