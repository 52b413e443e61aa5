import type { Page } from 'playwright-core';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Posts a form from inside the page, as a hand-made form would, with the page's own CSRF token unless told otherwise. */
async function postForm(page: Page, action: string, fields: Record<string, string>, withToken = true): Promise<void> {
  const token = withToken ? await page.locator('input[name="_csrf"]').first().inputValue() : '';
  await Promise.all([
    page.waitForLoadState('load'),
    page.waitForURL((url) => url.pathname === action),
    page.evaluate(
      `(() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = ${JSON.stringify(action)};
        for (const [name, value] of Object.entries(${JSON.stringify(withToken ? { ...fields, _csrf: token } : fields)})) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
      })()`,
    ),
  ]);
}

describe('a write the domain would refuse is not offered, and is refused when tried anyway', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;

  const historyLength = async () => (await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200)).body.length;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }, 'Ja'));
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it("an officer of another unit sees the sfi action but is offered no write on it", async () => {
    await signIn(page, base, 'handlaggare.utredning@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await expectAccessible(page);
    await expect(page.locator(`#action-${actionId}`).textContent()).resolves.toContain('Uppsökande team i Järva');
    for (const offer of ['Rapportera framsteg', 'Flytta slutdatum', 'Markera som slutförd', 'Avbryt åtgärden', 'Lägg till en åtgärd', 'Registrera nämndens beslut']) {
      expect({ offer, shown: await page.getByText(offer).count() }).toEqual({ offer, shown: 0 });
    }
  });

  it('the same officer posting progress directly is refused with 403, in Swedish, and nothing is written', async () => {
    const before = await historyLength();
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await postForm(page, `/rekommendationer/${r2}/atgarder/${actionId}/framsteg`, { progressPercent: '90', note: 'Klart!' });
    expect((await refused).status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('Du har inte behörighet att göra det här.');
    await expect(page.locator('main [lang="en"]').textContent()).resolves.toContain('Only the unit sfi may report progress');
    await expectAccessible(page);
    expect(await historyLength()).toBe(before);
  });

  it('a form posted without the CSRF token is refused and writes nothing', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    const before = await historyLength();
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await postForm(page, `/rekommendationer/${r2}/atgarder/${actionId}/avbryt`, { reason: 'Inte vår' }, false);
    expect((await refused).status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('Formuläret hade gått ut.');
    expect(await historyLength()).toBe(before);
  });

  it('an officer is not offered the audit log and is refused it', async () => {
    expect(await page.getByRole('link', { name: 'Händelselogg' }).count()).toBe(0);
    const response = await page.goto(`${base}/logg`);
    expect(response?.status()).toBe(403);
    // The title says refused, not only "something went wrong" as every error page did.
    expect(await page.title()).toMatch(/^Ingen behörighet – /);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ingen behörighet');
    await expectAccessible(page);
  });

  it('an auditor reads everything, writes nothing, verifies the log and exports it', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    await signIn(page, base, 'revisor@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await expectAccessible(page);
    // The only forms an auditor gets are the language switch and signing out.
    const actions = await page.locator('form[method="post"]').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
    expect(actions.sort()).toEqual(['/logga-ut', '/sprak']);

    await page.getByRole('link', { name: 'Händelselogg' }).click();
    await expectAccessible(page);
    await expect(page.locator('tbody').textContent()).resolves.toContain('Lade till åtgärden ”Uppsökande team i Järva”');
    await page.getByLabel('Händelsetyp').selectOption('ActionAdded');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expectAccessible(page);
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: 'Kontrollera att loggen är oförändrad' }).click();
    await expectAccessible(page);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Loggen är oförändrad: \d+ händelser kontrollerade\./);

    await page.goto(`${base}/logg?type=ActionAdded`);
    const csvHref = await page.getByRole('link', { name: 'CSV (kalkylblad)' }).getAttribute('href');
    const csv = await page.request.get(`${base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toContain('position;streamId;version;type');
    expect(lines).toHaveLength(2);
    const ndjson = await page.request.get(`${base}/logg/export?format=ndjson`);
    expect(ndjson.headers()['content-type']).toContain('application/x-ndjson');
    expect((await ndjson.text()).trim().split('\n').length).toBeGreaterThan(5);
  });
});
