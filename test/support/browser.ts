import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startApp, TestDatabase } from './test-app';

/**
 * Debian's Chromium, driven by playwright-core: `npx playwright install`
 * cannot download a browser here, so CI installs the distribution's package
 * (apt-get install -y chromium) and the tests use it in place.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A Content-Security-Policy violation the browser reported on a page. */
export interface CspViolation {
  url: string;
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * What each browser context's pages reported breaking the Content-Security-
 * Policy: a page that needs an inline style or script the policy forbids
 * looks broken to its user, so every page a test checks must have none.
 */
const cspViolations = new WeakMap<BrowserContext, CspViolation[]>();

/** Runs in every page before its own content: hands each `securitypolicyviolation` event to the test. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__reportCspViolation({ url: e.documentURI, directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample || '' });
});`;

export interface Browser {
  context: BrowserContext;
  /** Every CSP violation any page of this browser reported so far. */
  cspViolations: CspViolation[];
  close(): Promise<void>;
}

/** A persistent context in a fresh profile: no cookies, no cache, nothing from another run. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'uppfoljning-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'sv-SE',
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch((error: unknown) => {
      // A Chromium that does not start (not installed, say) leaves no profile folder behind either.
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  const violations: CspViolation[] = [];
  cspViolations.set(context, violations);
  await context.exposeFunction('__reportCspViolation', (violation: CspViolation) => violations.push(violation));
  await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  return {
    context,
    cspViolations: violations,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Listens on a free port and returns the address the browser should use. */
export async function serve(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** What a browser test works with: a database of its own, the app on it listening at `base`, and a browser with one page open. */
export interface BrowserApp {
  db: TestDatabase;
  app: INestApplication;
  base: string;
  browser: Browser;
  page: Page;
}

/**
 * The setup every browser test shares: a fresh database, the app on it (with
 * `env`, e.g. its clock) served on a free port, a fresh browser and a page.
 * What was made before a step failed is removed again.
 */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const made: Partial<BrowserApp> = {};
  try {
    made.db = await TestDatabase.create();
    made.app = await startApp(made.db, env);
    made.base = await serve(made.app);
    made.browser = await launchBrowser();
    made.page = await made.browser.context.newPage();
    return made as BrowserApp;
  } catch (error) {
    await stopBrowserApp(made);
    throw error;
  }
}

/** Closes the browser, then the app, then drops the database: whichever of them there is (a failed start leaves some out). */
export async function stopBrowserApp({ db, app, browser }: Partial<BrowserApp>): Promise<void> {
  await browser?.close();
  await app?.close();
  await db?.drop();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is and returns the serious and critical violations, which must be none. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  // Evaluated rather than added as a <script> tag: the pages' CSP rightly refuses inline scripts.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  // A string, not a function: the test project is compiled without the DOM's types.
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Every page a test visits is checked: this is the one place that does both, accessibility and the CSP. */
export async function expectAccessible(page: Page): Promise<void> {
  expect({ url: page.url(), violations: await seriousViolations(page) }).toEqual({ url: page.url(), violations: [] });
  expect({ url: page.url(), cspViolations: cspViolations.get(page.context()) ?? [] }).toEqual({ url: page.url(), cspViolations: [] });
}

export async function signIn(page: Page, base: string, email: string, password = 'demo-password'): Promise<void> {
  await page.goto(`${base}/logga-in`);
  await expectAccessible(page);
  await page.getByLabel(/E-postadress|Email address/).fill(email);
  await page.getByLabel(/Lösenord|Password/).fill(password);
  // Signing in leads to the start page of the user's role (officers: their own actions; the others: the overview).
  await Promise.all([page.waitForURL(/\/(mina-atgarder|oversikt)$/), page.getByRole('button', { name: /Logga in|Sign in/ }).click()]);
  await expectAccessible(page);
}

/** Headings on the page, trimmed, in order. */
export const headings = (page: Page): Promise<string[]> =>
  page.locator('h1, h2, h3, h4, summary, caption, th[scope="col"], label, legend').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
