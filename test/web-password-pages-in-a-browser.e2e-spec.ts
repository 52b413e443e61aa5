import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { eventually } from './support/smtp-receiver';

const NEW_PASSWORD = 'sju sorters kakor till kaffet';

describe('the password pages in a browser on a phone: accessible, and nothing wider than the screen', () => {
  let b: BrowserApp;
  const mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-browser-password-mail-'));

  /** The page's content fits the phone's width: nothing to scroll sideways. */
  const fitsTheScreen = async () => expect(await b.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

  beforeAll(async () => {
    b = await startBrowserApp({ MAIL_DIR: mailDir });
    await b.page.setViewportSize({ width: 360, height: 740 });
  });
  afterAll(async () => {
    await stopBrowserApp(b ?? {});
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('from "Glömt lösenordet?" through the mailed link to signing in with the new password, then "Byt lösenord"', async () => {
    const { page, base } = b;
    await page.goto(`${base}/logga-in`);
    await Promise.all([page.waitForURL(/\/losenord\/glomt$/), page.getByRole('link', { name: 'Glömt lösenordet?' }).click()]);
    await expectAccessible(page);
    await fitsTheScreen();
    await page.getByLabel('E-postadress').fill('handlaggare.utredning@demo.local');
    await Promise.all([page.waitForURL(/klart=resetLinkSent/), page.getByRole('button', { name: 'Skicka länk' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Om adressen har ett konto i Uppföljning');
    await expectAccessible(page);

    const path = await eventually(async () => {
      const [file] = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      const mail = await simpleParser(readFileSync(join(mailDir, file)));
      return /http:\/\/localhost:3000(\/losenord\/valj\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
    });
    await page.goto(`${base}${path}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Välj lösenord');
    await expectAccessible(page);
    await fitsTheScreen();
    await page.getByLabel('Nytt lösenord').fill('för kort');
    await page.getByLabel('Upprepa lösenordet').fill('för kort');
    await page.getByRole('button', { name: 'Spara lösenordet' }).click();
    expect(await page.getByText('Lösenordet måste ha minst 12 tecken.').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
    await page.getByLabel('Upprepa lösenordet').fill(NEW_PASSWORD);
    await Promise.all([page.waitForURL(/\/logga-in\?klart=passwordSet$/), page.getByRole('button', { name: 'Spara lösenordet' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Lösenordet är sparat');
    await expectAccessible(page);

    await signIn(page, base, 'handlaggare.utredning@demo.local', NEW_PASSWORD);
    // On a phone "Byt lösenord" is under "Meny".
    await page.getByText('Meny', { exact: true }).click();
    await Promise.all([page.waitForURL(/\/losenord\/byt$/), page.getByRole('link', { name: 'Byt lösenord' }).click()]);
    await expectAccessible(page);
    await fitsTheScreen();
    await page.getByLabel('Nuvarande lösenord').fill(NEW_PASSWORD);
    await page.getByLabel('Nytt lösenord').fill(`${NEW_PASSWORD} och bullar`);
    await page.getByLabel('Upprepa lösenordet').fill(`${NEW_PASSWORD} och bullar`);
    await Promise.all([page.waitForURL(/klart=passwordChanged$/), page.getByRole('button', { name: 'Byt lösenord' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Lösenordet är bytt.');
    await expectAccessible(page);
  });
});
