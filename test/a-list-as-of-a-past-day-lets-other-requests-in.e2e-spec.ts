import { Clock } from '../src/kernel/clock';
import { StateReader } from '../src/projections/state-reader';
import type { RecommendationState } from '../src/recommendations/domain/recommendation.state';
import { recommendationsProjection } from '../src/recommendations/recommendations.projection';
import { growRecommendations } from './bench/growth.bench';
import { api, bearer, type DemoApp, startDemoApp, stopDemoApp } from './support/test-app';

interface Summary {
  id: string;
  code: string;
  progressPercent: number;
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
    const then = await list(`asOf=${asOf}&limit=1000`);
    const now = await list('limit=1000');
    expect(then.map((r) => [r.code, r.progressPercent])).toEqual(now.map((r) => [r.code, r.progressPercent]));
    // Actions due 2012-03-31 are overdue on both days; none due 2012-12-31 is.
    expect(then.map((r) => r.overdueActionCount)).toEqual(now.map((r) => r.overdueActionCount));
    expect(then.some((r) => r.overdueActionCount > 0)).toBe(true);
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
    const meanwhile = new Promise<boolean>((resolve, reject) =>
      setImmediate(() => {
        const between = !folded;
        clock.set('2012-04-20T08:00:00Z');
        note(96, 'Skriven medan listan räknades.').then(() => resolve(between), reject);
      }),
    );
    const [states, between] = await Promise.all([fold, meanwhile]);
    expect(between).toBe(true);
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
