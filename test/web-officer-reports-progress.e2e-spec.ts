import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

describe('an officer signs in, adds an action, reports progress and sees it on the timeline', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    const t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
    await api(app)
      .post(`/api/v1/recommendations/${r2}/decision`)
      .set(bearer(t.secretary))
      .send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 9' } })
      .expect(200);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('signs in with a session cookie that is HttpOnly and SameSite=Lax, onto their own actions', async () => {
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    const session = (await browser.context.cookies()).find((c) => c.name === 'uf_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    expect(await page.locator('h1').textContent()).toBe('Mina åtgärder');
    await page.goto(`${base}/rekommendationer`);
  });

  it('shows a missing title next to the field, in Swedish, keeping what was typed', async () => {
    await page.getByRole('link', { name: 'Uppsökande verksamhet' }).click();
    await expectAccessible(page);
    await page.getByText('Lägg till en åtgärd').first().click();
    await page.getByLabel('Beskrivning').fill('Team som besöker stadsdelarna');
    await page.getByLabel(/^Klart senast/).fill('2012-08-31');
    await page.getByRole('button', { name: 'Lägg till en åtgärd' }).click();
    await expect(page.locator('#add-action-title-error').textContent()).resolves.toBe('Fyll i det här fältet.');
    // The keyboard and a screen reader start at what went wrong (focus stayed on the page's body), and Tab goes on into the form.
    expect(await page.evaluate('document.activeElement.id')).toBe('add-action-errors');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement.closest('form').querySelector('.error-box').id")).toBe('add-action-errors');
    expect(await page.getByLabel('Beskrivning').inputValue()).toBe('Team som besöker stadsdelarna');
    expect(await page.getByRole('textbox', { name: /^Åtgärd/ }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
  });

  it('adds the action; it is first among "Mina åtgärder"', async () => {
    await page.getByRole('textbox', { name: /^Åtgärd/ }).fill('Uppsökande team i Järva');
    await page.getByRole('button', { name: 'Lägg till en åtgärd' }).click();
    await page.waitForURL(/klart=actionAdded/);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe('Åtgärden är tillagd.');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Mina åtgärder' }).click();
    await expectAccessible(page);
    await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('Uppsökande team i Järva');
  });

  it('reports progress with a note and an evidence link and reads it on the timeline', async () => {
    await page.getByRole('link', { name: 'Uppsökande team i Järva' }).click();
    await expectAccessible(page);
    await page.getByText('Rapportera framsteg').first().click();
    await page.getByLabel(/^Framsteg i procent/).fill('40');
    await page.getByLabel(/^Vad har gjorts/).fill('Två stadsdelar kartlagda: Rinkeby och Tensta <b>klart</b>');
    await page.getByLabel('Rubrik').first().fill('Kartläggning');
    await page.getByLabel(/^Länk/).first().fill('ftp://example.org/x');
    await page.getByRole('button', { name: 'Rapportera framsteg' }).click();
    await expect(page.locator('[id$="-evidenceUrl1-error"]').textContent()).resolves.toBe('Ange en länk som börjar med http:// eller https://.');
    await expectAccessible(page);
    await page.getByLabel(/^Länk/).first().fill('https://example.org/kartlaggning.pdf');
    await page.getByRole('button', { name: 'Rapportera framsteg' }).click();
    await page.waitForURL(/klart=progressReported/);
    await expectAccessible(page);

    const timeline = page.locator('#timeline');
    await expect(timeline.textContent()).resolves.toContain('Rapporterade 40 % framsteg på ”Uppsökande team i Järva”.');
    await expect(timeline.textContent()).resolves.toContain('Hanna Handläggare (handläggare)');
    await expect(timeline.textContent()).resolves.toContain('Nämnden antog rekommendationen. (Arbetsmarknadsnämnden 22 maj 2012, § 9)');
    // What the officer typed is shown as text, never as markup.
    await expect(timeline.textContent()).resolves.toContain('<b>klart</b>');
    expect(await timeline.locator('b').count()).toBe(0);
    await expect(timeline.getByRole('link', { name: 'Kartläggning' }).getAttribute('href')).resolves.toBe('https://example.org/kartlaggning.pdf');
  });
});
