import type { INestApplication } from '@nestjs/common';
import { api, bearer, demoTokens, startApp, TEST_DATABASE, TestDatabase } from './support/test-app';

/**
 * ANCHOR_DIR where a directory cannot be made (here under /proc; in service a
 * bind mount whose source was deleted, or a relative directory after the
 * working directory was): Node's recursive mkdir never returns there, so the
 * auditor's request waited for ever, a core spun, and the app could not shut
 * down. Now the anchor is refused with the reason and the app goes on.
 */
describe(`an anchor whose copy in ANCHOR_DIR cannot be written (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeEach(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { ANCHOR_DIR: '/proc/self/uppfoljning/anchors' });
  });

  afterEach(async () => {
    await app.close();
    await db.drop();
  });

  it('is a 503 naming ANCHOR_DIR and the reason, the anchor kept in the database, and the app answers on', async () => {
    const t = await demoTokens(app);
    const refused = await api(app).post('/api/v1/audit/anchors').set(bearer(t.auditor)).expect(503);
    expect(refused.body).toMatchObject({
      statusCode: 503,
      message: expect.stringMatching(/^The anchor at position \d+ is stored in the database, but ANCHOR_DIR \(\/proc\/self\/uppfoljning\/anchors\) could not be written: ENOENT/),
      correlationId: expect.any(String),
    });
    const listed = (await api(app).get('/api/v1/audit/anchors').set(bearer(t.auditor)).expect(200)).body as Array<{ position: number }>;
    expect(listed.length).toBeGreaterThan(0);
    await api(app).get('/api/v1/health/live').expect(200);
    const verified = (await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200)).body;
    expect(verified).toMatchObject({ ok: true, problems: [] });
  });
});
