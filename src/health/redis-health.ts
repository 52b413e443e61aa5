import Redis from 'ioredis';
import { QueueHealth } from './queue-health';

/** Pings Redis with a short timeout; a Redis that is down never blocks the readiness answer for long. */
export class RedisHealth extends QueueHealth {
  private client: Redis | null = null;

  constructor(private readonly url: string) {
    super();
  }

  async redisStatus(): Promise<'up' | 'down'> {
    if (!this.client) {
      this.client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 500, retryStrategy: () => null });
      // The answer is 'down'; an unhandled 'error' event would only repeat it in the log.
      this.client.on('error', () => undefined);
    }
    try {
      if (this.client.status !== 'ready') {
        this.client.disconnect();
        await this.client.connect();
      }
      const pong = await Promise.race([this.client.ping(), new Promise<string>((r) => setTimeout(() => r('timeout'), 500))]);
      return pong === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  close(): void {
    this.client?.disconnect();
  }
}
