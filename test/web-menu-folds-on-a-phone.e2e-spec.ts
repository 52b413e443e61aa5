import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Where the page's own heading starts, in CSS pixels from the top of the window. */
const headingTop = (page: BrowserApp['page']) => page.locator('main h1').evaluate((h) => h.getBoundingClientRect().top);

describe("on a phone the header's menu folds away behind Meny (it works without JavaScript), and lone links are big enough for a finger", () => {
  let { db, app, base, browser, page } = {} as BrowserApp;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp());
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it("an admin's page starts with its heading, not with ten menu links; Meny shows them, and the search and signing out", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, base, 'admin@demo.local');
    // Before, the header and its menu took 537 of the phone's 740 pixels.
    expect(await headingTop(page)).toBeLessThan(200);
    await expect(page.getByRole('link', { name: 'Användare' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Logga ut' }).isVisible()).resolves.toBe(false);
    // The way to English stays in view: someone who reads no Swedish would not know to look under "Meny".
    await expect(page.getByRole('button', { name: 'In English' }).isVisible()).resolves.toBe(true);

    await page.getByText('Meny', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: 'Meny' }).isChecked()).resolves.toBe(true);
    for (const name of ['Översikt', 'Rekommendationer', 'Händelselogg', 'Användare']) {
      await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('searchbox').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Logga ut' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    await Promise.all([page.waitForURL(/\/anvandare$/), page.getByRole('link', { name: 'Användare' }).click()]);
    // A new page starts folded again.
    await expect(page.getByRole('link', { name: 'Användare' }).isVisible()).resolves.toBe(false);
    expect(await page.locator('main h1').textContent()).toBe('Användare');
    // Its sort links and downloads stand alone under a finger: at least 24 px high (WCAG 2.2, 2.5.8); they were 17–19.
    const heights = await page.locator('.sort-link, a[download]').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(3);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
  });

  it('the keyboard opens it too, and its name follows the language', async () => {
    await page.goto(`${base}/rekommendationer`);
    await page.getByRole('checkbox', { name: 'Meny' }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('link', { name: 'Händelselogg' }).isVisible()).resolves.toBe(true);

    await Promise.all([page.waitForURL(/\/rekommendationer$/), page.getByRole('button', { name: 'In English' }).click()]);
    await page.getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('link', { name: 'Event log' }).isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/rekommendationer$/), page.getByRole('button', { name: 'På svenska' }).click()]);
  });

  it('on a wide screen and on paper there is no Meny: the menu is simply there, or (on paper) left off', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/rekommendationer`);
    await expect(page.getByText('Meny', { exact: true }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('link', { name: 'Användare' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Logga ut' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    await page.emulateMedia({ media: 'print' });
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      await expect(page.getByText('Meny', { exact: true }).isVisible()).resolves.toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
