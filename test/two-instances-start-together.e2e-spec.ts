import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

const STARTS = 10;

/**
 * Two instances started at the same moment on one empty database, ten times:
 * each has its own connection pool, so they meet only in the database, where
 * migrations and the seed must take turns.
 */
describe('two instances start together on an empty database', () => {
  it.each(Array.from({ length: STARTS }, (_, i) => i + 1))('both come up and the seed is loaded once (start %i)', async () => {
    const db = await TestDatabase.create();
    const apps: INestApplication[] = [];
    try {
      const started = await Promise.allSettled([startApp(db), startApp(db)]);
      for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
      expect(started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).toEqual([]);

      for (const app of apps) await api(app).get('/api/v1/health/live').expect(200);
      const [first, second] = apps;
      const secretary = await login(second, 'sekreterare@demo.local');
      const recommendations = await api(first).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
      expect(recommendations.body.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
      const reviews = await api(first).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
      expect(reviews.body).toHaveLength(1);
      const cycles = await api(second).get('/api/v1/cycles').set(bearer(secretary)).expect(200);
      expect(cycles.body.map((c: { name: string }) => c.name)).toEqual(['Verksamhetsplan 2012']);
      const [users] = await first.get(DataSource).query('SELECT COUNT(*) AS n FROM users');
      expect(Number(users.n)).toBe(6);
    } finally {
      for (const app of apps) await app.close();
      await db.drop();
    }
  }, 60_000);
});
