import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, login } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Whether the page fits the window's width: nothing but a table's own scroll box may be wider. */
const fitsWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe('an admin administers users in a browser; secretaries and auditors read them', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let mailDir: string;
  let olleUrl: string;

  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-users-web-mail-'));
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-03-12T09:00:00Z', MAIL_DIR: mailDir }));
  });
  afterAll(async () => {
    await stopBrowserApp({ db, app, browser });
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('adds a user from the menu, with the problems of the form next to their fields', async () => {
    await signIn(page, base, 'admin@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Användare', exact: true }).click();
    await expectAccessible(page);
    await expect(page.locator('tr', { hasText: 'handlaggare.sfi@demo.local' }).textContent()).resolves.toMatch(/handläggare[\s\S]*sfi-avdelningen[\s\S]*Aktiv/);

    await page.getByLabel(/^Namn/).fill('Olle Officer');
    await page.getByLabel(/^E-postadress/).fill('olle.officer@stad.se');
    await page.getByLabel(/^Roll/).selectOption('officer');
    await page.getByRole('button', { name: 'Lägg till en användare' }).click();
    await expect(page.locator('#create-user-unit-error').textContent()).resolves.toBe('Välj en enhet: handläggare och avdelningschefer hör till en enhet.');
    await expectAccessible(page);

    await page.getByLabel(/^Enhet/).selectOption('sfi');
    await page.getByRole('button', { name: 'Lägg till en användare' }).click();
    await page.waitForURL(/\/anvandare\/[0-9a-f-]+\?klart=userCreated/);
    // Not the form's #create-user-errors, which the browser kept on the new page's address.
    expect(new URL(page.url()).hash).toBe('#main');
    olleUrl = page.url().split('?')[0];
    await expectAccessible(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Olle Officer');
    await expect(page.locator('#history').textContent()).resolves.toContain('Lade till Olle Officer (olle.officer@stad.se) som handläggare på sfi-avdelningen.');
  });

  it('changes the role with a reason, and the history says so in plain words', async () => {
    await page.getByLabel(/^Roll/).selectOption('unit_head');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await expect(page.locator('#change-user-reason-error').textContent()).resolves.toBe('Fyll i det här fältet.');
    await expectAccessible(page);
    await page.getByLabel(/^Varför ändras användaren/).fill('Ny chef');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await page.waitForURL(/klart=userChanged/);
    await expectAccessible(page);
    const last = page.locator('#history li').last();
    await expect(last.textContent()).resolves.toMatch(/12 mars 2012[\s\S]*Alva Admin \(administratör\)[\s\S]*Gav Olle Officer rollen avdelningschef\.[\s\S]*Ny chef/);

    // The event log says it the same way.
    await page.goto(`${base}/logg?streamId=${encodeURIComponent(`user-${olleUrl.split('/').pop()}`)}`);
    await expect(page.locator('main').textContent()).resolves.toContain('Gav Olle Officer rollen avdelningschef.');
    await expectAccessible(page);
  });

  it("two admins at once: a save from a page opened before the other's change is refused, and does not put back what it changed", async () => {
    await page.goto(olleUrl);
    // Another admin (through the API) sets Olle's language while this page is open.
    const admin = await login(app, 'admin@demo.local');
    const id = olleUrl.split('/').pop();
    await api(app).patch(`/api/v1/users/${id}`).set({ Authorization: `Bearer ${admin}` }).send({ language: 'en', reason: 'Läser engelska' }).expect(200);

    await page.getByLabel(/^Namn/).fill('Olle Olsson Officer');
    await page.getByLabel(/^Varför ändras användaren/).fill('Gifte sig');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await page.waitForLoadState();
    await expect(page.locator('main').textContent()).resolves.toContain('Någon annan ändrade uppgiften medan du skrev.');
    await expect(page.getByLabel(/^Namn/).inputValue()).resolves.toBe('Olle Olsson Officer');
    // Left as it was on the old page: it shows the other admin's choice, not Swedish again.
    await expect(page.getByLabel(/^Språk/).inputValue()).resolves.toBe('en');
    await expectAccessible(page);
    let olle = (await api(app).get(`/api/v1/users/${id}`).set({ Authorization: `Bearer ${admin}` }).expect(200)).body;
    expect(olle).toMatchObject({ name: 'Olle Officer', language: 'en' });

    await Promise.all([page.waitForURL(/klart=userChanged/), page.getByRole('button', { name: 'Spara ändringen' }).click()]);
    olle = (await api(app).get(`/api/v1/users/${id}`).set({ Authorization: `Bearer ${admin}` }).expect(200)).body;
    expect(olle).toMatchObject({ name: 'Olle Olsson Officer', language: 'en', role: 'unit_head' });
  });

  it('the last admin cannot be deactivated from the page either', async () => {
    await page.goto(`${base}/anvandare`);
    await page.getByRole('link', { name: 'Alva Admin' }).click();
    await page.getByLabel(/^Nej, inaktiverad/).check();
    await page.getByLabel(/^Varför ändras användaren/).fill('Prov');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await expect(page.locator('#change-user-errors').textContent()).resolves.toContain('den sista aktiva administratören');
    await expectAccessible(page);
  });

  it('a secretary reads the users without a form; an officer may not open them', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(olleUrl);
    await expect(page.locator('h1').textContent()).resolves.toBe('Olle Olsson Officer');
    expect(await page.getByRole('button', { name: 'Spara ändringen' }).count()).toBe(0);
    await expectAccessible(page);
    const officer = await login(app, 'handlaggare.sfi@demo.local');
    await api(app).get('/api/v1/users').set({ Authorization: `Bearer ${officer}` }).expect(403);
  });

  it('the pages fit a phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    // On a phone signing out is under "Meny".
    await page.getByText('Meny', { exact: true }).click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(page, base, 'admin@demo.local');
    for (const path of ['/anvandare', new URL(olleUrl).pathname]) {
      await page.goto(`${base}${path}`);
      expect({ path, fits: await fitsWidth(page) }).toEqual({ path, fits: true });
      await expectAccessible(page);
    }
  });
});
