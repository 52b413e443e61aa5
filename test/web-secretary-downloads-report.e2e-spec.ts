import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';

// Real browser round trips and PDF rendering: well past Jest's 5 s default.
jest.setTimeout(90_000);

/** Clicks a download link and returns what the browser would save: the suggested name and the bytes. */
async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('a committee secretary makes and downloads reports; an officer may not', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let pdfHref: string;

  beforeAll(async () => {
    // Ten days after the T1 period ended, before the report is due to the committee.
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-05-10T08:00:00Z' }));
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('goes from "not reported" to the report form with the next milestone chosen', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.getByRole('link', { name: 'Ej rapporterat' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Gör rapporten för Tertialrapport 1' }).click();
    await page.waitForURL(/\/rapporter\?tillfalle=/);
    await expectAccessible(page);
    expect(await page.locator('h1').textContent()).toBe('Rapporter');
    await expect(page.locator('main').textContent()).resolves.toContain('Inga rapporter ännu.');
    const chosen = await page.getByLabel(/^Rapporttillfälle/).evaluate((select) => (select as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0].text);
    expect(chosen).toBe('Tertialrapport 1 (T1) – Verksamhetsplan 2012');
  });

  it('shows a missing milestone and a bad as-of date next to their fields, in Swedish, keeping what was typed', async () => {
    await page.getByLabel(/^Rapporttillfälle/).selectOption('');
    // Chromium's date picker cannot hold an impossible date; a browser without one sends what was typed.
    await page.getByLabel(/^Läget den/).evaluate((input) => ((input as unknown as { type: string }).type = 'text'));
    await page.getByLabel(/^Läget den/).fill('2012-02-30');
    await page.getByRole('button', { name: 'Gör rapporten' }).click();
    await expect(page.locator('#report-asOf-error').textContent()).resolves.toBe('Ange ett datum i formen ÅÅÅÅ-MM-DD.');
    await expect(page.locator('#report-milestone-error').textContent()).resolves.toBe('Välj ett av alternativen.');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Rätta felen nedan och skicka igen.');
    expect(await page.getByLabel(/^Läget den/).inputValue()).toBe('2012-02-30');
    await expectAccessible(page);
  });

  it('makes the T1 report as a Swedish PDF and downloads it under its own name', async () => {
    await page.getByLabel(/^Rapporttillfälle/).selectOption({ label: 'Tertialrapport 1 (T1) – Verksamhetsplan 2012' });
    await page.getByLabel(/^Läget den/).fill('');
    await page.getByLabel('Svenska').check();
    await page.getByLabel('PDF').check();
    await page.getByRole('button', { name: 'Gör rapporten' }).click();
    await page.waitForURL(/klart=reportGenerated/);
    await expectAccessible(page);
    await expect(page.getByRole('status').textContent()).resolves.toBe('Rapporten är klar.');
    const row = page.locator('tr.is-new');
    await expect(row.textContent()).resolves.toContain('Tertialrapport 1 (T1) – Verksamhetsplan 2012');
    await expect(row.textContent()).resolves.toContain('slutet av 30 april 2012');
    await expect(row.textContent()).resolves.toContain('Sara Sekreterare');

    const link = page.getByRole('link', { name: 'Ladda ner uppfoljning-T1-2012-sv.pdf' }).first();
    pdfHref = (await link.getAttribute('href'))!;
    const pdf = await download(page, link);
    expect(pdf.name).toBe('uppfoljning-T1-2012-sv.pdf');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('in the English UI, makes an English HTML report of the same milestone', async () => {
    // The switch comes back to the same address, so wait for the page's words to change.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.locator('h1', { hasText: 'Reports' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^Milestone/).selectOption({ label: 'Tertialrapport 1 (T1) – Verksamhetsplan 2012' });
    await page.getByLabel('English').check();
    await page.getByLabel('HTML (web page)').check();
    await page.getByRole('button', { name: 'Make the report' }).click();
    await page.waitForURL(/klart=reportGenerated/);
    await expectAccessible(page);
    await expect(page.getByRole('status').textContent()).resolves.toBe('The report is ready.');
    expect(await page.locator('#reports tbody tr').count()).toBe(2);
    await expect(page.locator('tr.is-new').textContent()).resolves.toContain('English');

    const html = await download(page, page.locator('#new-report-download'));
    expect(html.name).toBe('follow-up-T1-2012-en.html');
    expect(html.bytes.toString('utf8')).toMatch(/^<!DOCTYPE html>\s*<html lang="en"/i);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.locator('h1', { hasText: 'Rapporter' }).waitFor();
  });

  it('an officer is not offered reports and is refused the page and the file', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    expect(await page.getByRole('link', { name: 'Rapporter' }).count()).toBe(0);
    const response = await page.goto(`${base}/rapporter`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('Du har inte behörighet att göra det här.');
    await expectAccessible(page);
    expect((await page.request.get(`${base}${pdfHref}`)).status()).toBe(403);
  });

  it('an auditor reads the list and downloads, but is offered no form', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    await signIn(page, base, 'revisor@demo.local');
    await page.getByRole('link', { name: 'Rapporter' }).click();
    await expectAccessible(page);
    expect(await page.locator('#reports tbody tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Gör rapporten' }).count()).toBe(0);
    const file = await page.request.get(`${base}${pdfHref}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toBe('attachment; filename="uppfoljning-T1-2012-sv.pdf"');
  });
});

describe('a report over a big log is made as a job whose page shows how far it has come', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;

  beforeAll(async () => {
    // Every log counts as big here, so the form's report is made as a job.
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-05-10T08:00:00Z', REPORT_JOB_ABOVE_EVENTS: '0' }));
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('the form leads to the job page, which reloads itself until the report can be downloaded', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rapporter`);
    await page.getByLabel(/^Rapporttillfälle/).selectOption({ label: 'Tertialrapport 1 (T1) – Verksamhetsplan 2012' });
    await page.getByLabel('Svenska').check();
    await page.getByLabel('PDF').check();
    await page.getByRole('button', { name: 'Gör rapporten' }).click();
    // The form posts to #report-errors, and the browser keeps that fragment through the redirect.
    await page.waitForURL(/\/rapporter\/jobb\/[0-9a-f-]{36}(#[a-z-]*)?$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Rapporten görs');
    await expect(page.locator('#report-job h2').textContent()).resolves.toContain('Tertialrapport 1 (T1) – Verksamhetsplan 2012, Svenska, PDF');
    await expectAccessible(page);
    // No script: the page's Refresh header brings the finished job.
    const link = page.locator('#job-download');
    await link.waitFor({ timeout: 60_000 });
    await expect(page.locator('#job-status').textContent()).resolves.toBe('Klar');
    await expectAccessible(page);
    const pdf = await download(page, link);
    expect(pdf.name).toBe('uppfoljning-T1-2012-sv.pdf');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.getByRole('link', { name: 'Till rapporterna' }).click();
    expect(await page.locator('#reports tbody tr').count()).toBe(1);
  });
});
