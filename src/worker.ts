import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from './event-store/event-store.module';
import type { AppConfig } from './kernel/config';
import { containProcessFailures } from './kernel/last-resort';
import { APP_CONFIG, KernelModule } from './kernel/kernel.module';
import { loggingModule } from './kernel/logging';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ProjectionsModule } from './projections/projections.module';
import { READ_MODELS } from './read-models';
import { redisAddress } from './reminders/queue/reminder-queue';
import { RemindersModule } from './reminders/reminders.module';

/**
 * `npm run worker`: the reminder worker on its own, without HTTP, for
 * deployments that run several of them against one Redis and one database.
 * It also relays the outbox and reconciles Redis with the database, so
 * reminders move even while no app instance runs; the relay, the
 * reconciliation and the worker are all safe to run many times over.
 */
@Module({})
class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [KernelModule.forRoot({ RUN_WORKER: 'true' }), loggingModule(), CqrsModule.forRoot(), EventStoreModule, ProjectionsModule.forRoot(READ_MODELS), RemindersModule],
    };
  }
}

async function main(): Promise<void> {
  containProcessFailures();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  // Delivery failures and the relay's warnings go out as the same JSON lines as the app's.
  app.useLogger(app.get(PinoLogger));
  // SIGTERM / SIGINT close the worker first: jobs in hand finish and are recorded before the database closes
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  new Logger('Worker').log(
    `Reminder worker running: Redis ${redisAddress(config.redisUrl)} (prefix ${config.redisPrefix}), database ${config.database.type}, mail ${config.smtpUrl ? 'over SMTP' : `to ${config.mailDir}/*.eml`}`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.name === 'ConfigError' ? error.message : error.stack}\n`);
  process.exit(1);
});
