import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(90_000);

/** Whether the page needs no sideways scrolling at the width it is shown in. */
const scrollWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

describe('publishing is deliberate: the public sees the committee decision and what a secretary published, nothing staff typed', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Ring Hanna Handläggare om stadsdelarna', dueDate: '2012-08-31' }));
    // The decision as the committee made it: outcome, reason and meeting.
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r1 = list.body.find((r: { code: string }) => r.code === 'R1').id;
    await api(app)
      .post(`/api/v1/recommendations/${r1}/decision`)
      .set(bearer(t.secretary))
      .send({ decision: 'rejected', reason: 'Dialogen förs redan i samrådsgruppen', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 14' } })
      .expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 40, note: 'Hanna har ringt tre stadsdelar, intern anteckning' })
      .expect(200);
    // What a phone must wrap: an address with no place to break.
    const long = `https://intranat.stockholm.se/${'kartlaggning-'.repeat(12)}`;
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 40, note: `Se ${long}`, evidence: [{ title: long, url: long }] })
      .expect(200);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  const publicR = async (code: string) => {
    const res = await api(app).get('/api/v1/public/recommendations').expect(200);
    return res.body.find((r: { code: string }) => r.code === code);
  };

  it('shows nothing an officer typed until it is published: not on /oppet, not in the public API (which needs no token)', async () => {
    const r2Public = await publicR('R2');
    expect(r2Public).toMatchObject({ code: 'R2', title: 'Uppsökande verksamhet', status: 'in_progress', progressPercent: 40, summary: null, actions: [], unpublishedActionCount: 1 });
    expect(r2Public.decision).toMatchObject({ outcome: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: null, decidedOn: '2012-06-01' });
    const r1Public = await publicR('R1');
    expect(r1Public.decision).toEqual({
      outcome: 'rejected',
      reason: 'Dialogen förs redan i samrådsgruppen',
      meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 14' },
      decidedOn: '2012-06-01',
    });
    const body = JSON.stringify((await api(app).get('/api/v1/public/recommendations').expect(200)).body);
    const html = (await api(app).get('/oppet').expect(200)).text;
    for (const text of [body, html]) {
      expect(text).not.toContain('Hanna');
      expect(text).not.toContain('intern anteckning');
      expect(text).not.toContain('demo.local');
    }
    expect(html).toContain('Dialogen förs redan i samrådsgruppen');
    expect(html).toContain('Arbetsmarknadsnämnden 22 maj 2012, § 14');
    expect(html).toContain('1 åtgärd är inte beskriven här ännu.');
  });

  it('lets only secretaries and admins publish, refuses blank text naming the field, and keeps every version in the history', async () => {
    const put = (token: string, path: string, body: object) => api(app).put(`/api/v1/recommendations/${r2}${path}`).set(bearer(token)).send(body);
    await put(t.sfiOfficer, '/public-summary', { text: 'Av handläggaren' }).expect(403);
    await put(t.sfiHead, `/actions/${actionId}/public-summary`, { text: 'Av chefen' }).expect(403);
    const blank = await put(t.secretary, '/public-summary', { text: '   ' }).expect(400);
    expect(JSON.stringify(blank.body)).toContain('text');
    await put(t.secretary, '/public-summary', {}).expect(400);

    const first = await put(t.secretary, '/public-summary', { text: 'Staden når fler genom uppsökande arbete.', textEn: 'The city reaches more people through outreach.' }).expect(200);
    expect(first.body.publicSummary).toMatchObject({ text: 'Staden når fler genom uppsökande arbete.', textEn: 'The city reaches more people through outreach.', publishedBy: 'sekreterare@demo.local' });
    const action = await put(t.admin, `/actions/${actionId}/public-summary`, { text: 'Kartläggning av stadsdelarna pågår.' }).expect(200);
    expect(action.body.actions[0].publicSummary).toMatchObject({ text: 'Kartläggning av stadsdelarna pågår.', textEn: null });
    await put(t.admin, `/actions/${actionId}/public-summary`, { text: 'Kartläggning av stadsdelarna pågår.' }).expect(409);

    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    const published = history.body.filter((e: { type: string }) => e.type === 'PublicSummaryPublished');
    expect(published).toHaveLength(2);
    expect(published[0]).toMatchObject({ actor: { role: 'secretary' }, data: { actionId: null, text: 'Staden når fler genom uppsökande arbete.' } });
  });

  it('shows the published summaries on /oppet and in the public API, the English ones on the English page', async () => {
    const r2Public = await publicR('R2');
    expect(r2Public.summary).toEqual({ text: 'Staden når fler genom uppsökande arbete.', textEn: 'The city reaches more people through outreach.', publishedAt: expect.any(String) });
    expect(r2Public.actions).toEqual([{ summary: { text: 'Kartläggning av stadsdelarna pågår.', textEn: null, publishedAt: expect.any(String) }, status: 'in_progress', progressPercent: 40, dueDate: '2012-08-31', overdue: false }]);
    expect(r2Public.unpublishedActionCount).toBe(0);
    expect(JSON.stringify(r2Public)).not.toMatch(/Hanna|sekreterare|demo\.local/);

    await page.goto(`${base}/oppet`);
    await expectAccessible(page);
    const sv = (await page.locator('main').textContent()) ?? '';
    expect(sv).toContain('Staden når fler genom uppsökande arbete.');
    expect(sv).toContain('Kartläggning av stadsdelarna pågår.');
    expect(sv).not.toContain('Hanna');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.waitForURL(/\/oppet$/);
    const en = (await page.locator('main').textContent()) ?? '';
    expect(en).toContain('The city reaches more people through outreach.');
    expect(en).not.toContain('Staden når fler genom uppsökande arbete.');
    // No English text: the Swedish one, marked as Swedish.
    expect(await page.locator('p[lang="sv"]', { hasText: 'Kartläggning av stadsdelarna pågår.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.waitForURL(/\/oppet$/);
  });

  it("withdraws a summary: the public page describes the action no more, the API says so and the history keeps it", async () => {
    await api(app).delete(`/api/v1/recommendations/${r2}/actions/${actionId}/public-summary`).set(bearer(t.sfiOfficer)).expect(403);
    const done = await api(app).delete(`/api/v1/recommendations/${r2}/actions/${actionId}/public-summary`).set(bearer(t.secretary)).expect(200);
    expect(done.body.actions[0].publicSummary).toBeNull();
    await api(app).delete(`/api/v1/recommendations/${r2}/actions/${actionId}/public-summary`).set(bearer(t.secretary)).expect(409);
    expect(await publicR('R2')).toMatchObject({ actions: [], unpublishedActionCount: 1 });
    expect((await api(app).get('/oppet').expect(200)).text).not.toContain('Kartläggning av stadsdelarna pågår.');
  });

  it("shows the secretary what is published beside what staff wrote, with an accessible form to publish, and says so in the timeline", async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await expect(article.textContent()).resolves.toContain('Ingen sammanfattning är publicerad');
    await article.locator('summary', { hasText: 'Publicera en sammanfattning' }).click();
    await expectAccessible(page);
    await article.getByRole('button', { name: 'Publicera', exact: true }).click();
    await page.waitForURL(/\/publicera/);
    await expectAccessible(page);
    await expect(page.locator(`#publish-${actionId}-text-error`).textContent()).resolves.toBeTruthy();

    await page.locator(`#publish-${actionId}-text`).fill('Tre stadsdelar är kartlagda.');
    await page.locator(`#publish-${actionId}-textEn`).fill('Three districts are mapped.');
    await page.locator(`#action-${actionId}`).getByRole('button', { name: 'Publicera', exact: true }).click();
    await page.waitForURL(/klart=summaryPublished/);
    await expectAccessible(page);
    expect(await page.locator('.notice').textContent()).toBe('Sammanfattningen är publicerad på den öppna sidan.');
    const shown = (await page.locator(`#action-${actionId}`).textContent()) ?? '';
    expect(shown).toContain('Ring Hanna Handläggare om stadsdelarna');
    expect(shown).toContain('Tre stadsdelar är kartlagda.');
    expect(shown).toContain('Three districts are mapped.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Publicerade en sammanfattning av åtgärden ”Ring Hanna Handläggare om stadsdelarna” på den öppna sidan.');
    expect((await api(app).get('/oppet').expect(200)).text).toContain('Tre stadsdelar är kartlagda.');
  });

  it('takes a summary off the public page with its button (it was a 500 and stayed published)', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await article.locator('summary', { hasText: 'Ändra sammanfattningen' }).click();
    await Promise.all([page.waitForURL(/klart=summaryWithdrawn/), article.getByRole('button', { name: 'Ta bort från den öppna sidan' }).click()]);
    await expectAccessible(page);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Sammanfattningen är borttagen från den öppna sidan.');
    await expect(article.textContent()).resolves.toContain('Ingen sammanfattning är publicerad');
    expect((await api(app).get('/oppet').expect(200)).text).not.toContain('Tre stadsdelar är kartlagda.');
  });

  it('fits a 390 px wide phone without sideways scrolling: the public page and the recommendation page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/oppet', `/rekommendationer/${r2}`, '/rekommendationer']) {
      await page.goto(`${base}${path}`);
      await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
      expect({ path, width: await scrollWidth(page) }).toEqual({ path, width: 390 });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
