import { QueryBus } from '@nestjs/cqrs';
import { Users } from '../src/auth/users';
import { MyActionsQuery, type MyAction } from '../src/recommendations/my-actions/my-actions.query';
import { growRecommendations } from './bench/growth.bench';
import { api, bearer, type DemoApp, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient, type WebPage } from './support/web-client';

interface Summary {
  code: string;
  overdueActionCount: number;
}

const codes = (page: WebPage): string[] => [...page.html.matchAll(/<tr>\s*<td>([A-Z]\d+)<\/td>/g)].map((m) => m[1]);
const link = (page: WebPage, rel: string): string | null => {
  const href = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(page.html)?.[1];
  return href === undefined ? null : href.replace(/&amp;/g, '&');
};
const caption = (page: WebPage): string | undefined => /<caption>([^<]*)<\/caption>/.exec(page.html)?.[1];

const actionIds = (page: WebPage): string[] => [...page.html.matchAll(/<th scope="row"[^>]*><a href="\/rekommendationer\/[0-9a-f-]{36}#action-([0-9a-f-]{36})">/g)].map((m) => m[1]);

/**
 * The web list read every recommendation, and then all of them again for the
 * units the filter suggests: at a thousand recommendations a page of 642 KB
 * for a phone. It now shows a hundred at a time, as the API pages, and the
 * overdue badge still counts under every recommendation the filter matches.
 */
describe('the recommendations page, a hundred at a time', () => {
  let demo: DemoApp;
  let web: WebClient;
  const apiList = async (query: string) => (await api(demo.app).get(`/api/v1/recommendations?limit=1000&${query}`).set(bearer(demo.t.auditor)).expect(200)).body as Summary[];

  /** Every page from `path` on, following "Nästa sida". */
  async function allPages(path: string): Promise<WebPage[]> {
    const pages: WebPage[] = [];
    for (let next: string | null = path; next !== null; next = link(pages[pages.length - 1], 'next')) {
      const page = await web.get(next);
      expect(page.status).toBe(200);
      pages.push(page);
    }
    return pages;
  }

  beforeAll(async () => {
    demo = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' });
    // 120 beside the seed's 5: two pages.
    await growRecommendations(demo.app, 120);
    web = await WebClient.signIn(demo.app, 'revisor@demo.local');
  }, 120_000);
  afterAll(() => stopDemoApp(demo));

  it('shows the first hundred, says how many there are, and the next page the rest in the same order', async () => {
    const all = await apiList('');
    const [first, second, ...more] = await allPages('/rekommendationer');
    expect(more).toEqual([]);
    expect(codes(first)).toHaveLength(100);
    expect(caption(first)).toBe('100 av 125 rekommendationer');
    expect(link(first, 'first')).toBeNull();
    expect(codes(second)).toHaveLength(25);
    expect(caption(second)).toBe('25 av 125 rekommendationer');
    expect(link(second, 'first')).toBe('/rekommendationer');
    expect([...codes(first), ...codes(second)]).toEqual(all.map((r) => r.code));
  });

  it('counts the overdue actions under every recommendation, on every page', async () => {
    const overdue = (await apiList('')).reduce((sum, r) => sum + r.overdueActionCount, 0);
    expect(overdue).toBeGreaterThan(100);
    for (const page of await allPages('/rekommendationer')) expect(page.html).toContain(`${overdue} försenade åtgärder`);
  });

  it('as of a day before the last changes, counts the overdue actions of that day, folded from the log', async () => {
    const then = await apiList('asOf=2012-04-09');
    const overdue = then.reduce((sum, r) => sum + r.overdueActionCount, 0);
    const page = await web.get('/rekommendationer?asOf=2012-04-09');
    expect(codes(page)).toEqual(then.map((r) => r.code));
    expect(page.html).toContain(overdue === 1 ? '1 försenad åtgärd' : `${overdue} försenade åtgärder`);
  });

  it('keeps the filter, the order and the day from page to page', async () => {
    const pages = await allPages('/rekommendationer?status=in_progress&sort=-code&asOf=2012-04-10');
    expect(pages).toHaveLength(2);
    expect(link(pages[0], 'next')).toMatch(/^\/rekommendationer\?status=in_progress&sort=-code&asOf=2012-04-10&efter=/);
    expect(pages.flatMap(codes)).toEqual((await apiList('status=in_progress&sort=-code&asOf=2012-04-10')).map((r) => r.code));
    expect(link(pages[1], 'first')).toBe('/rekommendationer?status=in_progress&sort=-code&asOf=2012-04-10');
  });

  it('a page address made up by hand is a 400 page that says so in Swedish and quotes the address', async () => {
    const page = await web.get('/rekommendationer?efter=sida-tre');
    expect(page.status).toBe(400);
    expect(page.html).toContain('Förfrågan innehöll felaktiga uppgifter.');
    expect(page.html).toContain('sida-tre');
  });

  describe('the worklist (/mina-atgarder), where the fixture’s officer owns 600 open actions', () => {
    let officer: WebClient;
    let whole: MyAction[];

    beforeAll(async () => {
      officer = await WebClient.signIn(demo.app, 'handlaggare.sfi@demo.local');
      const actor = (await demo.app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
      whole = await demo.app.get(QueryBus).execute(new MyActionsQuery(actor));
    });

    it('shows the most urgent hundred, and page after page the rest, each once, in the same order', async () => {
      expect(whole.length).toBeGreaterThanOrEqual(600);
      const pages: WebPage[] = [];
      for (let next: string | null = '/mina-atgarder'; next !== null; next = link(pages[pages.length - 1], 'next')) pages.push(await officer.get(next));
      expect(pages.map((p) => p.status).every((s) => s === 200)).toBe(true);
      expect(pages.flatMap(actionIds)).toEqual(whole.map((a) => a.actionId));
      expect(caption(pages[0])).toBe(`Öppna åtgärder: 100 av ${whole.length}`);
      const overdue = whole.filter((a) => a.overdue).length;
      expect(overdue).toBeGreaterThan(0);
      expect(pages[pages.length - 1].html).toContain(`${overdue} försenade åtgärder`);
    });

    it('goes on from where the page ended when the last action on it has left the list meanwhile', async () => {
      const first = await officer.get('/mina-atgarder');
      const shown = actionIds(first);
      const last = whole.find((a) => a.actionId === shown[99])!;
      await api(demo.app)
        .post(`/api/v1/recommendations/${last.recommendationId}/actions/${last.actionId}/cancel`)
        .set(bearer(demo.t.secretary))
        .send({ reason: 'Ersatt av en annan åtgärd' })
        .expect((res) => expect(res.status).toBeLessThan(300));
      const second = await officer.get(link(first, 'next')!);
      expect(second.status).toBe(200);
      expect(actionIds(second)).toEqual(whole.slice(100, 200).map((a) => a.actionId));
    });

    it('a page past the last says there is nothing more, not that there is nothing at all, and links back to the first', async () => {
      const pastTheEnd = Buffer.from(JSON.stringify(['9999-12-31', 'R9', 'Ö', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])).toString('base64url');
      const page = await officer.get(`/mina-atgarder?efter=${pastTheEnd}`);
      expect(page.status).toBe(200);
      expect(actionIds(page)).toEqual([]);
      expect(page.html).toContain('Inga fler åtgärder att visa här.');
      expect(page.html).not.toContain('Du har inga öppna åtgärder.');
      expect(link(page, 'first')).toBe('/mina-atgarder');
    });
  });
});
