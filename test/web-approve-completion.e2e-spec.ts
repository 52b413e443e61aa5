import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(90_000);

/** Issue #12 in Chromium: the claimant waits, the unit head approves or sends back, the secretary sees what keeps the assessment. */
describe('a claimed completion approved or sent back in the browser', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let team: string;

  const claim = (note: string) => api(app).post(`/api/v1/recommendations/${r2}/actions/${team}/complete`).set(bearer(t.sfiOfficer)).send({ note }).expect(200);
  const status = async () => (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body.actions[0].status;
  const signOut = () => Promise.all([page.waitForURL(/\/logga-in|\/$/), page.getByRole('button', { name: 'Logga ut' }).click()]);

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId: team } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }, 'Ja'));
    await claim('Teamet arbetar i alla stadsdelar');
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('the claimant sees the claim waiting for someone else, and is offered to take it back, not to approve it', async () => {
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${team}`);
    await expect(article.textContent()).resolves.toContain('Väntar på godkännande');
    await expect(article.textContent()).resolves.toContain('Teamet arbetar i alla stadsdelar');
    await expect(article.textContent()).resolves.toContain('Någon annan (enhetschefen, en sekreterare eller en administratör) måste godkänna den');
    expect(await page.getByText('Godkänn slutförandet').count()).toBe(0);
    expect(await page.getByText('Ta tillbaka markeringen').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await signOut();
  });

  it("the unit head finds it under \"Att godkänna\" in Mina åtgärder and sends it back with a reason", async () => {
    await signIn(page, base, 'chef.sfi@demo.local');
    await page.getByRole('link', { name: 'Mina åtgärder' }).click();
    await expect(page.getByRole('heading', { name: 'Att godkänna' }).count()).resolves.toBe(1);
    const item = page.locator(`#approve-${team}`);
    await expect(item.textContent()).resolves.toContain('handlaggare.sfi@demo.local');
    await item.getByText('Skicka tillbaka').first().click();
    await expectAccessible(page);
    await item.getByLabel('Varför skickas åtgärden tillbaka?').fill('Tensta saknas i redovisningen');
    await Promise.all([page.waitForURL(/klart=completionSentBack/), item.getByRole('button', { name: 'Skicka tillbaka' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Åtgärden är tillbakaskickad.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Skickade tillbaka ”Uppsökande team i Järva”');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Tensta saknas i redovisningen');
    await expectAccessible(page);
    expect(await status()).toBe('in_progress');
  });

  it('claimed again, the unit head approves it on the recommendation page: completed', async () => {
    await claim('Tensta också klart');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${team}`);
    await article.getByText('Godkänn slutförandet').first().click();
    await expectAccessible(page);
    await article.getByLabel('Kommentar (frivillig)').fill('Stämmer med stadsdelarnas rapporter');
    await Promise.all([page.waitForURL(/klart=completionApproved/), article.getByRole('button', { name: 'Godkänn slutförandet' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Slutförandet är godkänt.');
    await expect(page.locator(`#action-${team}`).textContent()).resolves.toContain('Slutförd');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Godkände att ”Uppsökande team i Järva” är slutförd.');
    await expectAccessible(page);
    expect(await status()).toBe('completed');
    await signOut();
  });

  it('the secretary is shown which actions keep the recommendation from being assessed, and what can be done with each', async () => {
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Informationsmaterial på tio språk', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-09-30' })
      .expect(201);
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await page.getByText('Registrera bedömning').first().click();
    const blocked = page.locator('#assessment-blocked');
    await expect(blocked.textContent()).resolves.toContain('Informationsmaterial på tio språk');
    await expect(blocked.textContent()).resolves.toContain('avbryt den med ett skäl');
    await expect(blocked.textContent()).resolves.not.toContain('Uppsökande team i Järva');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Mina åtgärder' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Inga åtgärder väntar på ditt godkännande.');
    await expectAccessible(page);
  });
});
