import { CommandBus } from '@nestjs/cqrs';
import { Users } from '../src/auth/users';
import { writeContext } from '../src/event-store/command-runner';
import { Clock } from '../src/kernel/clock';
import { ChangeRecommendationCommand } from '../src/recommendations/change-recommendation.command';
import { StateReader } from '../src/projections/state-reader';
import type { RecommendationState } from '../src/recommendations/domain/recommendation.state';
import { recommendationsProjection } from '../src/recommendations/recommendations.projection';
import { growRecommendations } from './bench/growth.bench';
import { api, bearer, type DemoApp, startDemoApp, stopDemoApp, TEST_DATABASE } from './support/test-app';

interface Summary {
  id: string;
  code: string;
  progressPercent: number;
  openActionCount: number;
  overdueActionCount: number;
}

/**
 * The list as of a past day is folded from the log. Over tens of thousands of
 * events that took most of a second, in one turn of the event loop: every other
 * request, a liveness probe included, waited for it. Now the fold reads a page
 * at a time with a turn between pages, and answers as of the log it found when
 * it began; as of a day after which nothing changed it reads the rows as they are.
 */
describe('a list as of a past day', () => {
  let demo: DemoApp;
  let g1: { id: string; actionId: string };
  const asOf = '2012-04-30';
  const list = async (query: string) => (await api(demo.app).get(`/api/v1/recommendations?${query}`).set(bearer(demo.t.auditor)).expect(200)).body as Summary[];

  beforeAll(async () => {
    demo = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' });
    // 120 recommendations of 67 events each: 8,040 events, several pages of the fold.
    await growRecommendations(demo.app, 120);
    const id = (await list('limit=1000')).find((r) => r.code === 'G1')!.id;
    const detail = (await api(demo.app).get(`/api/v1/recommendations/${id}`).set(bearer(demo.t.auditor)).expect(200)).body as { actions: Array<{ id: string }> };
    g1 = { id, actionId: detail.actions[0].id };
  }, 120_000);
  afterAll(() => stopDemoApp(demo));

  const note = (progressPercent: number, text: string) =>
    api(demo.app).post(`/api/v1/recommendations/${g1.id}/actions/${g1.actionId}/progress`).set(bearer(demo.t.sfiOfficer)).send({ progressPercent, note: text }).expect(200);

  it('given nothing changed after the day, then it is the list as it is now, overdue counted on that day', async () => {
    // Every event happened on 2012-04-10; by 2013-01-15 the actions due 2012-12-31 are overdue too.
    const then = await list('asOf=2013-01-15&limit=1000');
    const now = await list('limit=1000');
    expect(then.map((r) => [r.code, r.progressPercent])).toEqual(now.map((r) => [r.code, r.progressPercent]));
    const grown = then.filter((r) => r.code.startsWith('G'));
    expect(grown).toHaveLength(120);
    expect(grown.every((r) => r.overdueActionCount === r.openActionCount && r.openActionCount === 5)).toBe(true);
    // Today (2012-04-10) only those due 2012-03-31 are.
    const today = now.filter((r) => r.code.startsWith('G'));
    expect(today.every((r) => r.overdueActionCount < 5)).toBe(true);
    expect(today.some((r) => r.overdueActionCount > 0)).toBe(true);
  });

  it('given notes after the day, when it is folded, then other work runs between its pages, and a note written meanwhile is not in it', async () => {
    const clock = demo.app.get(Clock);
    clock.set('2012-05-10T08:00:00Z');
    await note(95, 'Efter dagen: räknas inte då.');
    let folded = false;
    const fold = demo.app
      .get(StateReader)
      .asOf<RecommendationState>(recommendationsProjection, `${asOf}T23:59:59.999Z`)
      .then((states) => {
        folded = true;
        return states;
      });
    // A turn of the event loop comes while the fold is still under way, and a note is written in it,
    // dated (by a clock set back) before the day: it is after the log the fold began with.
    const officer = (await demo.app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
    let written = false;
    const meanwhile = new Promise<boolean>((resolve, reject) =>
      setImmediate(() => {
        const between = !folded;
        clock.set('2012-04-20T08:00:00Z');
        demo.app
          .get(CommandBus)
          .execute(new ChangeRecommendationCommand(g1.id, { type: 'ReportProgress', actionId: g1.actionId, progressPercent: 96, note: 'Skriven medan listan räknades.', evidence: [] }, writeContext(officer)))
          .then(() => {
            written = !folded;
            resolve(between);
          }, reject);
      }),
    );
    const [states, between] = await Promise.all([fold, meanwhile]);
    expect(between).toBe(true);
    // On SQLite the note's write is queued ahead of the fold's next page, so it is in the log before the fold ends:
    // the head the fold began with is what keeps it out. (On PostgreSQL the two race over the network.)
    if (TEST_DATABASE === 'sqlite') expect(written).toBe(true);
    const action = states.find((s) => s.id === g1.id)!.actions.find((a) => a.id === g1.actionId)!;
    expect(action.updates.map((u) => u.note)).not.toContain('Skriven medan listan räknades.');
    expect(action.updates.map((u) => u.note)).not.toContain('Efter dagen: räknas inte då.');
    expect(action.updates).toHaveLength(12);
    // Asked again, the list as of the day has the note dated before it, and not the one after.
    const again = (await list(`asOf=${asOf}&limit=1000`)).find((r) => r.id === g1.id)!;
    expect(again.progressPercent).toBeGreaterThan(0);
    const detail = (await api(demo.app).get(`/api/v1/recommendations/${g1.id}?asOf=${asOf}`).set(bearer(demo.t.auditor)).expect(200)).body as {
      actions: Array<{ id: string; updates: Array<{ note: string }> }>;
    };
    const notes = detail.actions.find((a) => a.id === g1.actionId)!.updates.map((u) => u.note);
    expect(notes[notes.length - 1]).toBe('Skriven medan listan räknades.');
    expect(notes).not.toContain('Efter dagen: räknas inte då.');
  });
});
