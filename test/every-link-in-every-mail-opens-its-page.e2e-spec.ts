import type { INestApplication } from '@nestjs/common';
import { Clock } from '../src/kernel/clock';
import { RedisPrefix, TEST_REDIS_URL } from './support/redis-prefix';
import { eventually, SmtpReceiver, type ReceivedMail } from './support/smtp-receiver';
import { api, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

// A base address with a path of its own, on another host: every link must be built on it.
const PUBLIC_BASE_URL = 'https://uppfoljning.stockholm.example/intranat';
const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';
const SECRETARY = 'sekreterare@demo.local';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every http(s) link of a mail: the addresses in its text part, and the hrefs of its HTML part. */
function linksOf(mail: ReceivedMail): { text: string[]; html: string[] } {
  const text = [...(mail.parsed.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  const html = [...String(mail.parsed.html || '').matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1])).filter((href) => /^https?:/.test(href));
  return { text, html };
}

const kindOf = (mail: ReceivedMail) => {
  const subject = mail.parsed.subject ?? '';
  if (subject.startsWith('Påminnelse inför')) return 'milestone_due';
  if (subject.startsWith('Försenad åtgärd')) return 'action_overdue';
  if (subject.startsWith('Sammanställning inför')) return 'secretary_summary';
  return `unknown: ${subject}`;
};

describe('every link in every mail the product sends opens its page', () => {
  const prefix = new RedisPrefix();
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;
  let r2: { id: string; code: string; title: string };
  let actionId: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start();
    app = await startApp(db, {
      APP_NOW: '2012-04-10T08:00:00Z',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix.name,
      SMTP_URL: smtp.url,
      RUN_WORKER: 'true',
      PUBLIC_BASE_URL,
    });
    const t = await demoTokens(app);
    const given = await givenAcceptedR2WithAnAction(app, t, { title: 'Kartlägg uppsökande verksamhet i Järva', dueDate: '2012-04-16', ownerEmail: OWNER });
    r2 = { id: given.r2, code: 'R2', title: given.r2Title };
    actionId = given.actionId;

    // The morning after the due date: the overdue notice to the owner and the head of the unit.
    app.get(Clock).set('2012-04-17T06:05:00Z');
    await eventually(() => expect(smtp.received.map((m) => [kindOf(m), m.to[0]]).sort()).toEqual([['action_overdue', HEAD], ['action_overdue', OWNER]]));
    // Two weeks before T1 is due, with no progress reported: the milestone reminder to the owner and the secretary's summary.
    app.get(Clock).set('2012-05-08T06:05:00Z');
    await eventually(() => {
      const kinds = smtp.received.map((m) => `${kindOf(m)} ${m.to[0]}`);
      expect(kinds).toEqual(expect.arrayContaining([`milestone_due ${OWNER}`, `secretary_summary ${SECRETARY}`]));
    });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    await prefix.clean();
  });

  it('every kind of mail was sent, and nothing but those', () => {
    const kinds = new Set(smtp.received.map(kindOf));
    expect([...kinds].sort()).toEqual(['action_overdue', 'milestone_due', 'secretary_summary']);
  });

  it('each mail has its links under PUBLIC_BASE_URL, the same ones in the text and in the HTML part', () => {
    for (const mail of smtp.received) {
      const { text, html } = linksOf(mail);
      const subject = mail.parsed.subject;
      expect({ subject, text: text.length > 0 }).toEqual({ subject, text: true });
      expect({ subject, links: [...new Set(html)].sort() }).toEqual({ subject, links: [...new Set(text)].sort() });
      for (const link of text) expect({ subject, link, underBase: link.startsWith(`${PUBLIC_BASE_URL}/`) }).toEqual({ subject, link, underBase: true });
    }
  });

  it('each link opens a page that shows the recommendation to the recipient, signed in to the web UI', async () => {
    const opened: string[] = [];
    for (const mail of smtp.received) {
      const recipient = mail.to[0];
      const web = await WebClient.signIn(app, recipient);
      for (const link of new Set(linksOf(mail).text)) {
        // The test server stands in for PUBLIC_BASE_URL; what follows it is the page.
        const url = new URL(link.slice(PUBLIC_BASE_URL.length), 'http://test.invalid');
        const page = await web.get(`${url.pathname}${url.search}`);
        const what = { kind: kindOf(mail), recipient, link };
        expect({ ...what, status: page.status }).toEqual({ ...what, status: 200 });
        expect({ ...what, shows: page.html.includes(escapeHtml(`${r2.code} ${r2.title}`)) }).toEqual({ ...what, shows: true });
        if (url.hash) {
          // The anchor is there to jump to: the action itself.
          expect({ ...what, anchor: page.html.includes(`id="${decodeURIComponent(url.hash.slice(1))}"`) }).toEqual({ ...what, anchor: true });
        }
        opened.push(`${kindOf(mail)} → ${url.pathname}${url.hash}`);
      }
    }
    expect([...new Set(opened)].sort()).toEqual([
      `action_overdue → /rekommendationer/${r2.id}#action-${actionId}`,
      `milestone_due → /rekommendationer/${r2.id}#action-${actionId}`,
      'secretary_summary → /ej-rapporterat',
    ]);
  });

  it('someone not yet signed in is sent to sign in first, and from there on to the page', async () => {
    for (const mail of smtp.received) {
      for (const link of new Set(linksOf(mail).text)) {
        const path = link.slice(PUBLIC_BASE_URL.length).replace(/#.*$/, '');
        const anonymous = await api(app).get(path).redirects(0);
        expect({ link, status: anonymous.status, location: anonymous.headers.location }).toEqual({ link, status: 303, location: `/logga-in?next=${encodeURIComponent(path)}` });
        const web = await WebClient.signIn(app, mail.to[0], { next: path });
        expect({ link, landedOn: web.landedOn }).toEqual({ link, landedOn: path });
      }
    }
  });
});
