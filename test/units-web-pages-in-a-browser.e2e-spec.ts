import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Whether the page fits the window's width: nothing but a table's own scroll box may be wider. */
const fitsWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe('an admin administers units in a browser, on a desk and on a phone', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    await givenAcceptedR2WithAnAction(app, await demoTokens(app), { title: 'Språkstöd i sfi-undervisningen', dueDate: '2012-08-31' });
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('adds a unit from the menu, with the problems of the form next to their fields', async () => {
    await signIn(page, base, 'admin@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Enheter', exact: true }).click();
    await expectAccessible(page);
    await page.getByLabel(/^Kod/).fill('Ekonomi');
    await page.getByLabel(/^Namn på engelska/).fill('Finance department');
    await page.getByRole('button', { name: 'Lägg till en enhet' }).click();
    await expect(page.locator('#create-unit-id-error').textContent()).resolves.toBe('Ange en kod med små bokstäver, siffror och bindestreck, t.ex. ekonomi.');
    await expect(page.locator('#create-unit-name-error').textContent()).resolves.toBe('Fyll i det här fältet.');
    await expectAccessible(page);

    await page.getByLabel(/^Kod/).fill('ekonomi');
    await page.getByLabel(/^Namn \(/).fill('ekonomiavdelningen');
    await page.getByRole('button', { name: 'Lägg till en enhet' }).click();
    await page.waitForURL(/\/enheter\/ekonomi\?klart=unitCreated/);
    await expectAccessible(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('ekonomiavdelningen');
  });

  it('retiring sfi is refused with its open actions listed; retiring the new unit works, with a reason', async () => {
    await page.goto(`${base}/enheter/sfi`);
    await page.getByLabel(/^Avvecklad/).check();
    await page.getByLabel(/^Varför ändras enheten/).fill('Slås ihop med utredning');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await expect(page.locator('#change-unit-errors').textContent()).resolves.toContain('R2: Språkstöd i sfi-undervisningen');
    await expectAccessible(page);

    await page.goto(`${base}/enheter/ekonomi`);
    await page.getByLabel(/^Avvecklad/).check();
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await expect(page.locator('#change-unit-reason-error').textContent()).resolves.toBe('Fyll i det här fältet.');
    await page.getByLabel(/^Varför ändras enheten/).fill('Flyttad till stadsledningskontoret');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await page.waitForURL(/klart=unitChanged/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Tillbaka till enheterna' }).click();
    expect(await page.getByRole('link', { name: 'ekonomiavdelningen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Visa avvecklade enheter' }).click();
    await expect(page.locator('tr', { hasText: 'ekonomiavdelningen' }).textContent()).resolves.toContain('Avvecklad');
    await expectAccessible(page);
  });

  it('the pages fit a phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/enheter', '/enheter/sfi']) {
      await page.goto(`${base}${path}`);
      expect({ path, fits: await fitsWidth(page) }).toEqual({ path, fits: true });
      await expectAccessible(page);
    }
  });
});
