import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandRunner } from '../event-store/command-runner';
import { Database } from '../event-store/database';
import { EventStore } from '../event-store/event-store';
import { Clock } from '../kernel/clock';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { closeMailer, createMailer } from '../kernel/mail/mailer-from-config';
import type { Mailer } from '../kernel/mail/mailer';
import { ReminderDelivery } from './delivery/reminder-delivery';
import { ListRemindersHandler } from './list-reminders/list-reminders.query';
import { ListRemindersHttpController } from './list-reminders/list-reminders.http.controller';
import { NotReportedHandler } from './not-reported/not-reported.query';
import { ReminderPlanner } from './planning/reminder-planner';
import { OutboxRelay } from './queue/outbox-relay';
import { ReminderQueue } from './queue/reminder-queue';
import { ReminderReconciler } from './queue/reminder-reconciler';
import { ReminderWorker } from './queue/reminder-worker';

export const REMINDER_MAILER = Symbol('REMINDER_MAILER');

/**
 * Reminders end to end: planned from events into the outbox (ReminderPlanner,
 * inside the append's transaction), relayed to BullMQ (OutboxRelay), queued
 * again from the database when Redis lost them (ReminderReconciler), sent by
 * a worker (ReminderWorker → ReminderDelivery) inside the app when RUN_WORKER
 * is on and in any `npm run worker` process, and listed by GET /reminders.
 * Who has not reported before the next milestone (the web's page) is asked
 * here too, by the same rule as the secretary's summary mail.
 */
@Module({
  controllers: [ListRemindersHttpController],
  providers: [
    ListRemindersHandler,
    NotReportedHandler,
    { provide: REMINDER_MAILER, inject: [APP_CONFIG, Clock], useFactory: createMailer },
    {
      provide: ReminderQueue,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ReminderQueue(config.redisUrl, config.redisPrefix),
    },
    {
      provide: OutboxRelay,
      inject: [Database, ReminderQueue, Clock],
      useFactory: (db: Database, queue: ReminderQueue, clock: Clock) => new OutboxRelay(db, queue, clock),
    },
    {
      provide: ReminderReconciler,
      inject: [Database, ReminderQueue, Clock],
      useFactory: (db: Database, queue: ReminderQueue, clock: Clock) => new ReminderReconciler(db, queue, clock),
    },
    {
      provide: ReminderPlanner,
      inject: [EventStore, Clock, OutboxRelay],
      useFactory: (store: EventStore, clock: Clock, relay: OutboxRelay) => {
        const planner = new ReminderPlanner(clock, () => relay.kick());
        // A reaction: it runs after the read models, whose state it plans from.
        store.subscribe(planner, 'reactions');
        return planner;
      },
    },
    {
      provide: ReminderDelivery,
      inject: [Database, CommandRunner, REMINDER_MAILER, Clock, APP_CONFIG],
      useFactory: (db: Database, runner: CommandRunner, mailer: Mailer, clock: Clock, config: AppConfig) =>
        new ReminderDelivery(db, runner, mailer, clock, config.publicBaseUrl),
    },
    {
      provide: ReminderWorker,
      inject: [ReminderDelivery, ReminderQueue, APP_CONFIG],
      useFactory: (delivery: ReminderDelivery, queue: ReminderQueue, config: AppConfig) =>
        new ReminderWorker(delivery, { redisUrl: config.redisUrl, prefix: config.redisPrefix, outages: queue.outages }),
    },
  ],
  exports: [ReminderQueue, OutboxRelay, ReminderReconciler, ReminderDelivery, ReminderWorker, REMINDER_MAILER],
})
export class RemindersModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REMINDER_MAILER) private readonly mailer: Mailer,
    private readonly queue: ReminderQueue,
    private readonly relay: OutboxRelay,
    private readonly reconciler: ReminderReconciler,
    private readonly worker: ReminderWorker,
    // instantiated here so it is subscribed in every process that imports this module
    readonly planner: ReminderPlanner,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.reconciler.start();
    if (this.config.runWorker) this.worker.start();
  }

  /** Before the database closes (in EventStoreModule's onApplicationShutdown): jobs in hand still need it to record. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.relay.stop();
    await this.reconciler.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    closeMailer(this.mailer);
  }
}
