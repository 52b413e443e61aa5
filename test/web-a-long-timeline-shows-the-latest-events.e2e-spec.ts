import { TIMELINE_LATEST } from '../src/recommendations/recommendation-page';
import { WebClient } from './support/web-client';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';

/** The entries of the page's timeline, in the order shown: each one's "what" and note. */
const timelineOf = (html: string): string[] => {
  const section = /<section class="panel" id="timeline"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
};

describe('a recommendation with a long history shows its latest events, and all of them on request', () => {
  let demo: DemoApp;
  let r2: string;
  const NOTES = TIMELINE_LATEST + 20;
  const RETRACTED_RECENT = NOTES - 5;
  const MARK = 'Tillbakatagen senare: räknas inte.';
  const FIRST_COMMENT = 'Tråden börjar här, före alla lägesrapporter.';
  const numbered = (n: number) => new RegExp(`Lägesrapport nummer ${n}(?!\\d)`);

  beforeAll(async () => {
    demo = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' });
    const given = await givenAcceptedR2WithAnAction(demo.app, demo.t, { title: 'Kartlägga språkcaféer', dueDate: '2012-11-30' });
    r2 = given.r2;
    // A thread begun before the notes: far outside the latest events.
    await api(demo.app).post(`/api/v1/recommendations/${r2}/actions/${given.actionId}/comments`).set(bearer(demo.t.sfiOfficer)).send({ text: FIRST_COMMENT }).expect(201);
    for (let n = 1; n <= NOTES; n++) {
      await api(demo.app)
        .post(`/api/v1/recommendations/${r2}/actions/${given.actionId}/progress`)
        .set(bearer(demo.t.sfiOfficer))
        .send({ progressPercent: Math.min(90, n % 91), note: `Lägesrapport nummer ${n}` })
        .expect(200);
    }
    // Two notes taken back: the first, far before the page's latest events, and one among them.
    for (const seq of [1, RETRACTED_RECENT]) {
      await api(demo.app)
        .post(`/api/v1/recommendations/${r2}/actions/${given.actionId}/progress/${seq}/retract`)
        .set(bearer(demo.t.sfiOfficer))
        .send({ reason: 'Fel åtgärd' })
        .expect(200);
    }
  }, 120_000);
  afterAll(() => stopDemoApp(demo));

  it(`given more than ${TIMELINE_LATEST} events, when the page opens, then it shows the latest ${TIMELINE_LATEST}, says how many there are, and links to all`, async () => {
    const history = (await api(demo.app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(demo.t.auditor)).expect(200)).body as unknown[];
    const officer = await WebClient.signIn(demo.app, 'handlaggare.sfi@demo.local');
    const page = await officer.get(`/rekommendationer/${r2}`);
    expect(page.status).toBe(200);
    const shown = timelineOf(page.html);
    expect(shown).toHaveLength(TIMELINE_LATEST);
    // The latest events: the notes up to the last, then the two retractions.
    expect(shown[shown.length - 3]).toMatch(numbered(NOTES));
    expect(shown[0]).toMatch(numbered(NOTES - TIMELINE_LATEST + 3));
    // Only the note taken back among them carries the mark, on its own entry.
    expect(shown.filter((entry) => entry.includes(MARK)).map((entry) => numbered(RETRACTED_RECENT).test(entry))).toEqual([true]);
    // The action was added long before the latest events: its notes still name it.
    expect(shown[0]).toContain('Kartlägga språkcaféer');
    expect(page.html).toContain(`Här visas de senaste ${TIMELINE_LATEST} av ${history.length} händelser.`);
    expect(page.html).toContain(`<a href="/rekommendationer/${r2}?historik=alla#timeline">Visa alla händelser</a>`);
    // The action's own latest notes are above, as before.
    expect(page.html).toMatch(numbered(NOTES));
  });

  it('given a comment made long before the latest events, then the action still shows it in its thread, though not in the timeline', async () => {
    const officer = await WebClient.signIn(demo.app, 'handlaggare.sfi@demo.local');
    const page = await officer.get(`/rekommendationer/${r2}`);
    expect(timelineOf(page.html).some((entry) => entry.includes(FIRST_COMMENT))).toBe(false);
    expect(page.html).toContain(FIRST_COMMENT);
  });

  it('given a day after the last event, then the page as of that day shows the same latest events, the same count and marks, and the early comment', async () => {
    const history = (await api(demo.app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(demo.t.auditor)).expect(200)).body as unknown[];
    const officer = await WebClient.signIn(demo.app, 'handlaggare.sfi@demo.local');
    const now = timelineOf((await officer.get(`/rekommendationer/${r2}`)).html);
    const page = await officer.get(`/rekommendationer/${r2}?asOf=2012-04-11`);
    expect(page.status).toBe(200);
    const shown = timelineOf(page.html);
    expect(shown).toEqual(now);
    expect(shown.filter((entry) => entry.includes(MARK)).map((entry) => numbered(RETRACTED_RECENT).test(entry))).toEqual([true]);
    expect(page.html).toContain(`Här visas de senaste ${TIMELINE_LATEST} av ${history.length} händelser.`);
    expect(page.html).toContain(FIRST_COMMENT);
  });

  it('given the link, then every event is on the page, oldest first, both notes taken back marked', async () => {
    const history = (await api(demo.app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(demo.t.auditor)).expect(200)).body as unknown[];
    const officer = await WebClient.signIn(demo.app, 'handlaggare.sfi@demo.local');
    const page = await officer.get(`/rekommendationer/${r2}?historik=alla`);
    const shown = timelineOf(page.html);
    expect(shown).toHaveLength(history.length);
    const marked = shown.filter((entry) => entry.includes(MARK));
    expect(marked).toHaveLength(2);
    expect(marked[0]).toMatch(numbered(1));
    expect(marked[1]).toMatch(numbered(RETRACTED_RECENT));
    expect(page.html).not.toContain('Visa alla händelser');
  });

  it('given a recommendation with few events, then its whole timeline shows, with no link', async () => {
    const list = await api(demo.app).get('/api/v1/recommendations').set(bearer(demo.t.secretary)).expect(200);
    const r1 = (list.body as Array<{ id: string; code: string }>).find((r) => r.code === 'R1')!.id;
    const history = (await api(demo.app).get(`/api/v1/recommendations/${r1}/history`).set(bearer(demo.t.auditor)).expect(200)).body as unknown[];
    const secretary = await WebClient.signIn(demo.app, 'sekreterare@demo.local');
    const page = await secretary.get(`/rekommendationer/${r1}`);
    expect(timelineOf(page.html)).toHaveLength(history.length);
    expect(page.html).not.toContain('Visa alla händelser');
  });
});
