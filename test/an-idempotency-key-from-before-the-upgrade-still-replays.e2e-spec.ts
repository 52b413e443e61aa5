import type { INestApplication } from '@nestjs/common';
import { findStreamsOfOldKeys } from '../migrations/1764000000005-IdempotencyByStream';
import { Database } from '../src/event-store/database';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

/**
 * Before migration 5 an Idempotency-Key was stored with the HTTP answer it
 * gave; now with the stream and versions its write took. A client that
 * retries, after the upgrade, a creation it sent before it must get the same
 * review back, not a second one.
 */
describe('an Idempotency-Key stored before the upgrade', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('replays the review its first request created, found through the events that carry the key', async () => {
    const t = await demoTokens(app);
    const body = { title: 'Granskning av sfi', reviewer: 'Stadsrevisionen', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden' };
    const post = () => api(app).post('/api/v1/reviews').set(bearer(t.secretary)).set('Idempotency-Key', 'granskning-sfi-1').send(body).expect(201);
    const first = await post();
    // The row as the first schema left it: no stream, no versions.
    const database = app.get(Database);
    await database.write((tx) => tx.query('UPDATE idempotency_keys SET stream_id = NULL, first_version = NULL'));
    const runner = database.dataSource.createQueryRunner();
    try {
      await findStreamsOfOldKeys(runner);
    } finally {
      await runner.release();
    }
    const again = await post();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reviews = await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200);
    expect((reviews.body as Array<{ title: string }>).filter((r) => r.title === 'Granskning av sfi')).toHaveLength(1);
  });
});
