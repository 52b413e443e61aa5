/** What the readiness check asks of the queue's Redis. */
export abstract class QueueHealth {
  abstract redisStatus(): Promise<'up' | 'down'>;
}
