import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, Public, Unlimited } from '../auth/auth.decorators';
import { Database } from '../event-store/database';
import { OutboxRelay } from '../reminders/queue/outbox-relay';
import { ReminderReconciler } from '../reminders/queue/reminder-reconciler';
import { countScheduled } from '../reminders/reminder-table';
import { QueueHealth } from './queue-health';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly db: Database,
    private readonly queue: QueueHealth,
    private readonly relay: OutboxRelay,
    private readonly reconciler: ReminderReconciler,
  ) {}

  @Public()
  @Unlimited()
  @Get('live')
  live() {
    return { status: 'up' };
  }

  @Public()
  @Unlimited()
  @Get('ready')
  @ApiOkResponse({ description: 'The database answers: `{ database, redis, outboxPending }` (Redis may be down: reminders then wait in the outbox)' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async ready(@Res({ passthrough: true }) res: Response) {
    let database: 'up' | 'down' = 'up';
    let outboxPending: number | null = null;
    try {
      outboxPending = await this.outboxPending();
    } catch {
      database = 'down';
    }
    const redis = await this.queue.redisStatus();
    res.status(database === 'up' ? 200 : 503);
    return { database, redis, outboxPending };
  }

  /**
   * How the reminders' way to the mail server is doing, as this process sees
   * it: what the database still has to send, what waits in the outbox, the
   * last reconciliation with Redis, and the background problems being retried
   * right now. Behind a sign-in, unlike the probes above, because a problem
   * quotes the error of Redis or the database.
   */
  @Get('reminders')
  @Allow('readReminderHealth')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reminder delivery: scheduled, outbox, last reconciliation with Redis, current problems (secretary, admin)' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async reminders(@Res({ passthrough: true }) res: Response) {
    let database: 'up' | 'down' = 'up';
    let scheduled: number | null = null;
    let outboxPending: number | null = null;
    try {
      scheduled = await this.db.read(countScheduled);
      outboxPending = await this.outboxPending();
    } catch {
      database = 'down';
    }
    const redis = await this.queue.redisStatus();
    const { last, requeuedSinceStart, problem } = this.reconciler.status;
    res.status(database === 'up' ? 200 : 503);
    return {
      database,
      redis,
      scheduled,
      outboxPending,
      reconciliation: { lastAt: last?.at ?? null, checked: last?.checked ?? null, requeued: last?.requeued ?? null, requeuedSinceStart },
      problems: { relay: this.relay.problem, reconciliation: problem },
    };
  }

  private async outboxPending(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM outbox WHERE relayed_at IS NULL');
    return Number(row.n);
  }
}
