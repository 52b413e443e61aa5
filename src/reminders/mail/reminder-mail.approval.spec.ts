import { reminderMail } from './reminder-mail';

/** The notice a unit head gets for a claimed action past its due date asks for an approval, not for the work. */
describe('an overdue notice of a claimed action', () => {
  const input = {
    reminder: { kind: 'action_overdue' as const, recipient: 'chef.sfi@demo.local', recommendationId: 'r2', actionId: 'a1' },
    recommendation: { code: 'R2', title: 'Uppsökande verksamhet' },
    action: { title: 'Kartlägg stadsdelarna', dueDate: '2012-08-31', ownerEmail: 'handlaggare.sfi@demo.local', claimed: true },
    milestone: null,
    baseUrl: 'https://uppfoljning.stockholm.example',
  };

  it('given a claimed action, then the head is told it waits for their approval, in Swedish and in English', () => {
    const sv = reminderMail(input);
    expect(sv.text).toContain('Den ansvarige har markerat den som slutförd, men den räknas som slutförd först när du (eller en sekreterare) godkänner den.');
    expect(sv.text).not.toContain('fortfarande öppen');
    const en = reminderMail({ ...input, language: 'en' });
    expect(en.text).toContain('Its owner has marked it as completed, but it counts as completed only once you (or a secretary) approve it.');
  });

  it('given a claimed action before a milestone, then the head is asked to approve or send it back before the report', () => {
    const mail = reminderMail({ ...input, reminder: { ...input.reminder, kind: 'milestone_due' }, milestone: { name: 'Tertialrapport 2', dueDate: '2012-09-14' } });
    expect(mail.subject).toBe('Påminnelse inför Tertialrapport 2: godkänn eller skicka tillbaka ”Kartlägg stadsdelarna”');
    expect(mail.text).toContain('väntar på ditt godkännande');
    expect(mail.text).toContain('handlaggare.sfi@demo.local');
  });

  it('given an open action, then the notice is as before', () => {
    expect(reminderMail({ ...input, action: { ...input.action, claimed: false } }).text).toContain('fortfarande öppen');
  });
});
