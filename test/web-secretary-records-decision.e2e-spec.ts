import { Clock } from '../src/kernel/clock';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

describe('a committee secretary records decisions and follows up who has not reported', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-08-20T08:00:00Z' }));
    t = await demoTokens(app);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('records the acceptance of R3 with its meeting reference; only the outcomes the domain allows are offered', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rekommendationer`);
    await page.getByRole('link', { name: 'Dela erfarenheter' }).click();
    await expectAccessible(page);
    await page.getByText('Registrera nämndens beslut').first().click();
    const options = await page.getByLabel(/^Beslut/).locator('option').allTextContents();
    expect(options).toEqual(['Välj …', 'Anta', 'Avslå', 'Bordlägga']);

    await page.getByLabel(/^Beslut/).selectOption('accepted');
    await page.getByLabel(/^Motivering/).fill('Ingår i verksamhetsplan 2012');
    await page.getByLabel('Organ').fill('Arbetsmarknadsnämnden');
    await page.getByLabel('Datum').fill('2012-02-30');
    await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
    await expect(page.locator('#decision-meetingDate-error').textContent()).resolves.toBe('Ange ett datum i formen ÅÅÅÅ-MM-DD.');
    expect(await page.getByLabel(/^Motivering/).inputValue()).toBe('Ingår i verksamhetsplan 2012');
    await expectAccessible(page);

    await page.getByLabel('Datum').fill('2012-02-28');
    await page.getByLabel('Paragraf').fill('§ 7');
    await page.getByLabel('Diarienummer').fill('Dnr 1.2-34/2012');
    await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
    await page.waitForURL(/klart=decisionRecorded/);
    await expectAccessible(page);
    await expect(page.locator('#committee').textContent()).resolves.toContain('Antagen');
    await expect(page.locator('#timeline').textContent()).resolves.toContain(
      'Nämnden antog rekommendationen. (Arbetsmarknadsnämnden 28 februari 2012, § 7, Dnr 1.2-34/2012)',
    );
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Sara Sekreterare (nämndsekreterare)');
    // Accepted: a second decision is refused by the domain, so it is no longer offered.
    expect(await page.getByText('Registrera nämndens beslut').count()).toBe(0);
    expect(await page.locator('summary', { hasText: 'Registrera bedömning' }).count()).toBe(1);
  });

  it('registers a review and a recommendation in it', async () => {
    await page.getByRole('link', { name: 'Granskningar' }).click();
    await expectAccessible(page);
    await page.getByLabel(/^Rubrik/).fill('Stadsrevisionens granskning av sfi 2012');
    await page.getByLabel(/^Granskare/).fill('Stadsrevisionen');
    await page.getByLabel(/^Granskad/).fill('2012-03-15');
    await page.getByRole('button', { name: 'Registrera en granskning' }).click();
    await page.waitForURL(/klart=reviewRegistered/);
    await expectAccessible(page);
    await page.getByText('Registrera en rekommendation').first().click();
    await page.getByLabel(/^Kod/).fill('A1');
    await page.getByLabel(/^Ansvarig enhet/).fill('sfi');
    await page.getByLabel(/^Rubrik/).fill('Mät resultat');
    await page.getByLabel(/^Lydelse \(/).fill('Inför mätbara mål för sfi.');
    await page.getByRole('button', { name: 'Registrera en rekommendation' }).click();
    await page.waitForURL(/klart=recommendationRegistered/);
    await expectAccessible(page);
    expect(await page.locator('h1').textContent()).toBe('A1 Mät resultat');
  });

  it('sees which open actions have not reported before the next milestone', async () => {
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r4 = list.body.find((r: { code: string }) => r.code === 'R4').id;
    await api(app).post(`/api/v1/recommendations/${r4}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ja' }).expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${r4}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Enkät till kursdeltagare', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    // Added in the T2 period, due 31 August; two days after the period the report to the committee is near.
    app.get(Clock).set('2012-09-03T08:00:00Z');
    await page.getByRole('link', { name: 'Ej rapporterat' }).click();
    await expectAccessible(page);
    expect(await page.locator('h2').first().textContent()).toBe('Tertialrapport 2 – Verksamhetsplan 2012');
    await expect(page.locator('#missing-0').textContent()).resolves.toContain('Enkät till kursdeltagare');
    await expect(page.locator('#missing-0').textContent()).resolves.toContain('handlaggare.sfi@demo.local');
    await expect(page.locator('#overdue-0').textContent()).resolves.toContain('Enkät till kursdeltagare');
  });
});
