import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { RemindersModule } from '../reminders/reminders.module';
import { HealthHttpController } from './health.http.controller';
import { QueueHealth } from './queue-health';
import { RedisHealth } from './redis-health';

@Module({
  imports: [RemindersModule],
  controllers: [HealthHttpController],
  providers: [{ provide: QueueHealth, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new RedisHealth(config.redisUrl) }],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(QueueHealth) private readonly queue: QueueHealth) {}

  onApplicationShutdown(): void {
    if (this.queue instanceof RedisHealth) this.queue.close();
  }
}
