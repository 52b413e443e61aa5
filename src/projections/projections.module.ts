import { Global, Module } from '@nestjs/common';
import { Database } from '../event-store/database';
import { EventStore } from '../event-store/event-store';
import { Projector } from './projector';
import { READ_MODELS } from './read-models';
import { StateReader } from './state-reader';

/**
 * The read models, kept inline: the projector subscribes itself in the
 * append's first phase, so whatever reacts to the events later in the same
 * transaction (the reminder planner) reads the state they produced.
 */
@Global()
@Module({
  providers: [
    StateReader,
    {
      provide: Projector,
      inject: [Database, EventStore],
      useFactory: (db: Database, store: EventStore) => {
        const projector = new Projector(db, store, READ_MODELS);
        store.subscribe(projector, 'read-models');
        return projector;
      },
    },
  ],
  exports: [StateReader, Projector],
})
export class ProjectionsModule {}
