import type { Reminder } from '../domain/reminder-plan';
import { mailLanguage, reminderMail, secretarySummaryMail, summaryLines } from './reminder-mail';

const BASE = 'https://uppfoljning.stockholm.example/';
const LINK = 'https://uppfoljning.stockholm.example/rekommendationer/r2#action-a1';

const reminder = (kind: Reminder['kind'], recipient = 'handlaggare.sfi@demo.local') => ({
  kind,
  recipient,
  recommendationId: 'r2',
  actionId: 'a1',
});
const recommendation = { code: 'R2', title: 'Uppsökande verksamhet' };
const action = { title: 'Kartlägg stadsdelarna', dueDate: '2012-08-31', ownerEmail: 'handlaggare.sfi@demo.local' };
const t1 = { name: 'Tertialrapport 1', dueDate: '2012-05-15' };

describe('reminder mails', () => {
  it('a milestone reminder in Swedish names the recommendation, the action, its due date and the milestone, and links to the action', () => {
    const mail = reminderMail({ reminder: reminder('milestone_due'), recommendation, action, milestone: t1, baseUrl: BASE });

    expect(mail.subject).toBe('Påminnelse inför Tertialrapport 1: rapportera läget för ”Kartlägg stadsdelarna”');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('R2 Uppsökande verksamhet');
      expect(part).toContain('Kartlägg stadsdelarna');
      expect(part).toContain('31 augusti 2012');
      expect(part).toContain('Tertialrapport 1, senast 15 maj 2012');
      expect(part).toContain(LINK);
    }
    expect(mail.html).toContain(`<a href="${LINK}">Rapportera läget</a>`);
    expect(mail.html).toContain('<html lang="sv">');
  });

  it('a user whose language is English gets the reminder in English', () => {
    const mail = reminderMail({
      reminder: reminder('milestone_due'),
      recommendation,
      action,
      milestone: t1,
      language: mailLanguage('en-GB'),
      baseUrl: BASE,
    });

    expect(mail.subject).toBe('Reminder before Tertialrapport 1: report progress on “Kartlägg stadsdelarna”');
    expect(mail.text).toContain('Tertialrapport 1, due 15 May 2012');
    expect(mail.text).toContain('Due date: 31 August 2012');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('an overdue notice to the head of the unit names the owner and says why the head receives it', () => {
    const mail = reminderMail({
      reminder: reminder('action_overdue', 'chef.sfi@demo.local'),
      recommendation,
      action,
      milestone: { name: 'Tertialrapport 2', dueDate: '2012-09-14' },
      baseUrl: BASE,
    });

    expect(mail.subject).toBe('Försenad åtgärd: ”Kartlägg stadsdelarna” (R2), slutdatum 31 augusti 2012');
    expect(mail.text).toContain('Ansvarig: handlaggare.sfi@demo.local');
    expect(mail.text).toContain('som chef för den ansvariga enheten');
    expect(mail.text).toContain('Nästa rapport: Tertialrapport 2, senast 14 september 2012');
    expect(mail.text).toContain(LINK);
  });

  it('an overdue notice to the owner does not call them the unit head', () => {
    const mail = reminderMail({ reminder: reminder('action_overdue'), recommendation, action, milestone: null, baseUrl: BASE });

    expect(mail.text).not.toContain('som chef');
    expect(mail.text).not.toContain('Nästa rapport');
  });

  it('a base address with a path of its own keeps that path, with or without a trailing slash', () => {
    for (const baseUrl of ['https://intranat.stockholm.example/uppfoljning', 'https://intranat.stockholm.example/uppfoljning/']) {
      const mail = reminderMail({ reminder: reminder('action_overdue'), recommendation, action, milestone: null, baseUrl });
      expect(mail.text).toContain('https://intranat.stockholm.example/uppfoljning/rekommendationer/r2#action-a1\n');
    }
  });

  it('titles are escaped in the HTML part and left as written in the text part', () => {
    const risky = { ...action, title: 'Möten <script>alert("x")</script> & uppföljning' };

    const mail = reminderMail({ reminder: reminder('milestone_due'), recommendation, action: risky, milestone: t1, baseUrl: BASE });

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Möten &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; uppföljning');
    expect(mail.text).toContain('Möten <script>alert("x")</script> & uppföljning');
  });
});

describe('secretary summary mail', () => {
  it('lists what is overdue and who has not reported, in Swedish', () => {
    const lines = summaryLines([
      {
        recommendationId: 'r2',
        code: 'R2',
        recommendationTitle: 'Uppsökande verksamhet',
        actionId: 'a1',
        actionTitle: 'Kartlägg stadsdelarna',
        ownerEmail: 'handlaggare.sfi@demo.local',
        dueDate: '2012-08-31',
      },
    ]);

    const mail = secretarySummaryMail({ milestone: t1, overdue: lines, notReported: [], awaitingApproval: [lines[0]], baseUrl: BASE });

    expect(lines).toEqual(['R2 Uppsökande verksamhet – Kartlägg stadsdelarna (handlaggare.sfi@demo.local, slutdatum 31 augusti 2012)']);
    expect(mail.subject).toBe('Sammanställning inför Tertialrapport 1: 1 försenad åtgärd, 0 utan lägesrapport');
    expect(mail.text).toContain(`Försenade åtgärder:\n- ${lines[0]}`);
    expect(mail.text).toContain('Alla öppna åtgärder har en lägesrapport för perioden.');
    expect(mail.text).toContain(`Klarmarkerade åtgärder som väntar på godkännande:\n- ${lines[0]}`);
    expect(mail.html).toContain(`<li>${lines[0]}</li>`);
    expect(mail.text).toContain('https://uppfoljning.stockholm.example/ej-rapporterat\n');
  });

  it('is in English on request', () => {
    const mail = secretarySummaryMail({ milestone: t1, overdue: [], notReported: ['R5 Synlig strategi – Publicera strategin'], awaitingApproval: [], language: 'en', baseUrl: BASE });

    expect(mail.subject).toBe('Summary before Tertialrapport 1: 0 overdue actions, 1 without a progress report');
    expect(mail.text).toContain('No action is overdue.');
    expect(mail.text).toContain('No action is awaiting approval.');
  });
});
