import { passwordLinkMail } from './password-mail';

const base = {
  to: 'ada@stad.test',
  url: 'https://uppfoljning.stad.se/losenord/valj?token=abc_DEF-123',
  expiresAt: new Date('2026-12-08T17:00:00Z'),
  id: 'f00d',
};

describe('the password link mails', () => {
  it('a welcome in Swedish: the account, the link on a line of its own, until when it works, in Stockholm time', () => {
    const mail = passwordLinkMail({ ...base, purpose: 'welcome', name: 'Ada', language: 'sv' });
    expect(mail.subject).toBe('Välj ditt lösenord till Uppföljning');
    expect(mail.text).toContain('Du har fått ett konto i Uppföljning');
    expect(mail.text).toContain(`\n\n${base.url}\n\n`);
    // The clock's words ("kl.", "CET") are ICU's, which may vary between Node versions.
    expect(mail.text).toMatch(/gäller till 8 december 2026\D+18:00/);
    expect(mail.id).toBe('password-welcome-f00d');
  });

  it('a reset in English says an unasked-for mail can be ignored', () => {
    const mail = passwordLinkMail({ ...base, purpose: 'reset', name: 'Ada', language: 'en' });
    expect(mail.subject).toBe('Choose a new password for Follow-up');
    expect(mail.text).toContain('If it was not you, you can ignore this mail');
    expect(mail.html).toContain(`<a href="${base.url}">`);
  });

  it('escapes what users wrote in the HTML part', () => {
    const mail = passwordLinkMail({ ...base, purpose: 'welcome', name: '<b>Ada</b> & co', language: 'sv' });
    expect(mail.html).toContain('Hej &lt;b&gt;Ada&lt;/b&gt; &amp; co!');
    expect(mail.html).not.toContain('<b>Ada</b>');
  });
});
