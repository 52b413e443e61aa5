import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { Database } from '../event-store/database';
import { QueueHealth } from './queue-health';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly db: Database,
    private readonly queue: QueueHealth,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'up' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let database: 'up' | 'down' = 'up';
    let outboxPending: number | null = null;
    try {
      const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM outbox WHERE relayed_at IS NULL');
      outboxPending = Number(row.n);
    } catch {
      database = 'down';
    }
    const redis = await this.queue.redisStatus();
    res.status(database === 'up' ? 200 : 503);
    return { database, redis, outboxPending };
  }
}
