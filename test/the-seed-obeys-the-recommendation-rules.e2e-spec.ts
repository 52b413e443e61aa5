import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandRunner, writeContext } from '../src/event-store/command-runner';
import { Database } from '../src/event-store/database';
import { SYSTEM_ACTOR } from '../src/kernel/actor';
import { DomainError } from '../src/kernel/domain-error';
import { recommendationAggregate } from '../src/recommendations/change-recommendation.handler';
import type { RecommendationCommand } from '../src/recommendations/domain/recommendation.decide';
import { startApp, TestDatabase } from './support/test-app';

/**
 * The seed writes without HTTP: as the system, through the runner, inside a transaction it
 * holds. These writes take the same road, so they must meet the same rules as the API's.
 */
describe('a write the way the seed makes it obeys the recommendation rules', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reviewId: string;
  let r2: string;

  /** Exactly as SeedService.loadStockholm writes a recommendation; the refusal, or null. */
  const writeAsTheSeed = async (id: string, command: RecommendationCommand): Promise<DomainError | null> => {
    const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'seed-rules-test' });
    try {
      await app
        .get(Database)
        .write((tx) => app.get(CommandRunner).runIn(tx, recommendationAggregate, id, command, ctx));
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  };
  const eventCount = async () => Number((await app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM events'))[0].n);
  /** A new recommendation's id and its registration, with what the scenario changes. */
  const register = (extra: Partial<Extract<RecommendationCommand, { type: 'RegisterRecommendation' }>>): [string, RecommendationCommand] => {
    const recommendationId = randomUUID();
    return [
      recommendationId,
      { type: 'RegisterRecommendation', recommendationId, reviewId, code: 'R6', title: 'Ny', text: 'Ny rekommendation', textEn: null, responsibleUnit: 'sfi', ...extra },
    ];
  };

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
    const rows = await app.get(Database).query<{ id: string; review_id: string }>("SELECT id, review_id FROM rm_recommendations WHERE code = 'R2'");
    ({ id: r2, review_id: reviewId } = rows[0]);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('refuses a unit, a review or a code the API would refuse and writes none of them, and takes a recommendation that meets the rules', async () => {
    const before = await eventCount();
    expect(await writeAsTheSeed(...register({ responsibleUnit: 'ekonomi' }))).toMatchObject({
      kind: 'invalid',
      details: [{ field: 'responsibleUnit', message: 'must be one of sfi, utredning' }],
    });
    expect(await writeAsTheSeed(...register({ reviewId: randomUUID() }))).toMatchObject({
      kind: 'invalid',
      details: [{ field: 'reviewId' }],
    });
    expect(await writeAsTheSeed(...register({ code: 'R2' }))).toMatchObject({ kind: 'conflict' });
    expect(await writeAsTheSeed(...register({}))).toBeNull();
    expect(await eventCount()).toBe(before + 1);
  });

  it('refuses an action whose owner is not an active user of its unit', async () => {
    const accepted = await writeAsTheSeed(r2, { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: null });
    expect(accepted).toBeNull();
    const action = (ownerEmail: string): RecommendationCommand => ({
      type: 'AddAction',
      actionId: randomUUID(),
      title: 'Uppsökande team',
      description: null,
      responsibleUnit: 'sfi',
      ownerEmail,
      dueDate: '2012-08-31',
    });
    expect(await writeAsTheSeed(r2, action('handlaggare.utredning@demo.local'))).toMatchObject({ kind: 'invalid', details: [{ field: 'ownerEmail' }] });
    expect(await writeAsTheSeed(r2, action('handlaggare.sfi@demo.local'))).toBeNull();
  });
});
