import type { INestApplication } from '@nestjs/common';
import { Database } from '../src/event-store/database';
import { Projector } from '../src/projections/projector';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

/**
 * An installation from before units had events: its units are rows the seed
 * inserted, with no stream. The next start gives each its UnitCreated, once,
 * so the log holds every unit and a rebuild of the read models keeps them.
 */
describe('units made before units had events', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;

  const restart = async () => {
    await app?.close();
    app = await startApp(db);
  };
  const unitEvents = async () =>
    (await app!.get(Database).query<{ stream_id: string; type: string }>("SELECT stream_id, type FROM events WHERE stream_id LIKE 'unit-%' ORDER BY position")).map(
      (e) => `${e.stream_id} ${e.type}`,
    );

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
    // As the seed and the reports benchmark inserted units before: a row, no event, maybe no English name.
    await app.get(Database).write((tx) => tx.query('INSERT INTO units (id, name, name_en) VALUES (?, ?, ?)', ['gamla-staben', 'gamla staben', null]));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('get their UnitCreated at the next start, once, and survive a rebuild of the read models', async () => {
    expect(await unitEvents()).toEqual(['unit-sfi UnitCreated', 'unit-utredning UnitCreated']);
    await restart();
    await restart();
    expect(await unitEvents()).toEqual(['unit-sfi UnitCreated', 'unit-utredning UnitCreated', 'unit-gamla-staben UnitCreated']);

    const admin = await login(app!, 'admin@demo.local');
    const [created] = (await api(app!).get('/api/v1/audit/events?streamId=unit-gamla-staben').set(bearer(admin)).expect(200)).body;
    expect(created).toMatchObject({ actor: { name: 'Uppföljning' }, reason: 'The unit existed before units were recorded as events', data: { unitId: 'gamla-staben', name: 'gamla staben', nameEn: 'gamla staben' } });

    const before = (await api(app!).get('/api/v1/units').set(bearer(admin)).expect(200)).body;
    expect(before).toContainEqual({ id: 'gamla-staben', name: 'gamla staben', nameEn: 'gamla staben', active: true });
    await app!.get(Projector).rebuild();
    expect((await api(app!).get('/api/v1/units').set(bearer(admin)).expect(200)).body).toEqual(before);
    // An admin changes it as any other unit.
    await api(app!).patch('/api/v1/units/gamla-staben').set(bearer(admin)).send({ active: false, reason: 'Finns inte längre' }).expect(200);
  });
});
