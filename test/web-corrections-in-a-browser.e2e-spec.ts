import { expectAccessible, launchBrowser, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(120_000);

/** Issue #12 in Chromium: an action corrected, a note retracted, an owner changed, a past date confirmed, a rejection corrected; axe on each form. */
describe('corrections in the browser', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let r3: string;
  let actionId: string;

  const signOut = () => Promise.all([page.waitForURL(/\/logga-in|\/$/), page.getByRole('button', { name: 'Logga ut' }).click()]);
  const fitsThePhone = async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    await page.setViewportSize({ width: 1280, height: 900 });
    return width;
  };

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande tema i Järva', dueDate: '2012-08-31' }));
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    r3 = list.body.find((r: { code: string }) => r.code === 'R3').id;
    for (const [pct, note] of [[30, 'Möten med föreningar i Rinkeby'], [70, 'Rapporterat på fel åtgärd']] as const) {
      await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: pct, note }).expect(200);
    }
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it("the officer corrects the action's title: both versions on the timeline", async () => {
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await article.getByText('Ändra åtgärden').first().click();
    await expectAccessible(page);
    await article.getByLabel('Åtgärd', { exact: false }).first().fill('Uppsökande team i Järva');
    await article.getByLabel('Varför ändras den?').fill('Stavfel');
    await Promise.all([page.waitForURL(/klart=actionEdited/), article.getByRole('button', { name: 'Ändra åtgärden' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Åtgärden är ändrad.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Ändrade titeln på åtgärden från ”Uppsökande tema i Järva” till ”Uppsökande team i Järva”.');
    await expectAccessible(page);
  });

  it('the officer retracts the note reported on the wrong action: it stays, marked, and progress is back at 30 %', async () => {
    const article = page.locator(`#action-${actionId}`);
    const note = article.locator('ul.updates > li').filter({ hasText: 'Rapporterat på fel åtgärd' });
    await note.getByText('Ta tillbaka').first().click();
    await expectAccessible(page);
    await note.getByLabel('Varför tas rapporten tillbaka?').fill('Hörde till en annan åtgärd');
    await Promise.all([page.waitForURL(/klart=progressRetracted/), note.getByRole('button', { name: 'Ta tillbaka' }).click()]);
    const after = page.locator(`#action-${actionId} ul.updates > li`).filter({ hasText: 'Rapporterat på fel åtgärd' });
    await expect(after.textContent()).resolves.toContain('Tillbakatagen');
    await expect(after.textContent()).resolves.toContain('Hörde till en annan åtgärd');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('framsteget räknas nu som 30 %');
    await expectAccessible(page);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.actions[0].progressPercent).toBe(30);
  });

  it('the officer hands the action to another active user of the unit, chosen from a list', async () => {
    const article = page.locator(`#action-${actionId}`);
    await article.getByText('Byt ansvarig').first().click();
    await expectAccessible(page);
    await article.getByLabel('Ny ansvarig').selectOption('chef.sfi@demo.local');
    await Promise.all([page.waitForURL(/klart=actionAssigned/), article.getByRole('button', { name: 'Byt ansvarig' }).click()]);
    await expect(page.locator(`#action-${actionId}`).textContent()).resolves.toContain('chef.sfi@demo.local');
    await expectAccessible(page);
  });

  it('a new action with a date that has passed is saved only once the form is told so; the page fits a phone', async () => {
    await page.getByText('Lägg till en åtgärd').first().click();
    const form = page.locator('form[action$="/atgarder#add-action-errors"]');
    await form.getByLabel('Åtgärd', { exact: false }).first().fill('Informationsmöte som redan hölls');
    await form.getByLabel('Ansvarig handläggares e-postadress', { exact: false }).fill('handlaggare.sfi@demo.local');
    await form.getByLabel('Klart senast', { exact: false }).fill('2012-05-02');
    await form.getByRole('button', { name: 'Lägg till en åtgärd' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Datumet har redan passerat.');
    await expectAccessible(page);
    await page.getByLabel('Datumet har redan passerat – spara ändå').check();
    await Promise.all([page.waitForURL(/klart=actionAdded/), page.locator('form[action$="/atgarder#add-action-errors"]').getByRole('button', { name: 'Lägg till en åtgärd' }).click()]);
    await expect(page.locator('#actions').textContent()).resolves.toContain('Informationsmöte som redan hölls');
    expect(await fitsThePhone()).toBeLessThanOrEqual(390);
    await signOut();
  });

  it('the secretary corrects a rejection recorded by mistake: the recommendation is received again', async () => {
    await api(app).post(`/api/v1/recommendations/${r3}/decision`).set(bearer(t.secretary)).send({ decision: 'rejected', reason: 'Fel rad i protokollet' }).expect(200);
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rekommendationer/${r3}`);
    await page.getByText('Rätta beslut').first().click();
    await expectAccessible(page);
    const committee = page.locator('#committee');
    await committee.getByLabel('Varför rättas det?').fill('Avslaget registrerades på fel rekommendation');
    await Promise.all([page.waitForURL(/klart=corrected/), committee.getByRole('button', { name: 'Rätta beslut' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Rättelsen är registrerad.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Nämnden avslog rekommendationen. Rättad senare: räknas inte.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('status är åter Mottagen');
    await expectAccessible(page);
    expect((await api(app).get(`/api/v1/recommendations/${r3}`).set(bearer(t.auditor)).expect(200)).body.status).toBe('received');
  });

  it('in English, the corrections read in English', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'In English' }).click()]);
    await page.goto(`${base}/rekommendationer/${r2}`);
    const timeline = (await page.locator('#timeline').textContent()) ?? '';
    expect(timeline).toContain("Changed the action's title from “Uppsökande tema i Järva” to “Uppsökande team i Järva”.");
    expect(timeline).toContain('Retracted a report on “Uppsökande team i Järva”; progress now counts as 30%.');
    await expectAccessible(page);
  });

  it("two people correct the same action at once: the later is told and keeps what they typed, nothing is silently put back", async () => {
    // The unit head opens the page and the form in a browser of their own, then the officer saves a change first.
    const other = await launchBrowser();
    const head = await other.context.newPage();
    try {
      await signIn(head, base, 'chef.sfi@demo.local');
      await head.goto(`${base}/rekommendationer/${r2}`);
      const theirs = head.locator(`#action-${actionId}`);
      await theirs.getByText('Ändra åtgärden').first().click();

      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'På svenska' }).click()]);
      await signOut();
      await signIn(page, base, 'handlaggare.sfi@demo.local');
      const article = page.locator(`#action-${actionId}`);
      await page.goto(`${base}/rekommendationer/${r2}`);
      await article.getByText('Ändra åtgärden').first().click();
      await article.getByLabel('Beskrivning').fill('Med föreningarna i Rinkeby');
      await article.getByLabel('Varför ändras den?').fill('Det saknades');
      await Promise.all([page.waitForURL(/klart=actionEdited/), article.getByRole('button', { name: 'Ändra åtgärden' }).click()]);

      // From the page they had open, which still holds the old (empty) description: before, this put it back.
      await theirs.getByLabel('Åtgärd', { exact: false }).first().fill('Uppsökande team i Järva och Tensta');
      await theirs.getByLabel('Varför ändras den?').fill('Tensta kom till');
      await theirs.getByRole('button', { name: 'Ändra åtgärden' }).click();
      await head.waitForLoadState();
      await expect(theirs.locator('.error-box').textContent()).resolves.toContain('Någon annan ändrade uppgiften medan du skrev.');
      // What they changed is as they typed it; what they left as it was shows the officer's change.
      await expect(theirs.getByLabel('Åtgärd', { exact: false }).first().inputValue()).resolves.toBe('Uppsökande team i Järva och Tensta');
      await expect(theirs.getByLabel('Beskrivning').inputValue()).resolves.toBe('Med föreningarna i Rinkeby');
      await expectAccessible(head);
      let action = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body.actions[0];
      expect(action).toMatchObject({ title: 'Uppsökande team i Järva', description: 'Med föreningarna i Rinkeby' });

      // The page they got back is the current one: saving it again is a change made knowing the officer's.
      await Promise.all([head.waitForURL(/klart=actionEdited/), theirs.getByRole('button', { name: 'Ändra åtgärden' }).click()]);
      action = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body.actions[0];
      expect(action).toMatchObject({ title: 'Uppsökande team i Järva och Tensta', description: 'Med föreningarna i Rinkeby' });
    } finally {
      await other.close();
    }
  });
});
