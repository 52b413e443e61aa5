import { commentMail } from './comment-mail';

const facts = {
  baseUrl: 'https://uppfoljning.stockholm.se/',
  recommendationId: 'r2',
  code: 'R2',
  actionId: 'a1',
  actionTitle: 'Möten i Rinkeby',
  author: 'Sara Sekreterare',
  text: 'Kan ni bifoga listan? <script>alert(1)</script>',
};

describe('the mail about a comment', () => {
  it('says who wrote what on which action, with a link to it, in Swedish', () => {
    const mail = commentMail(facts, 'sv');
    expect(mail.subject).toBe('Ny kommentar på R2: Möten i Rinkeby');
    expect(mail.text).toContain('Sara Sekreterare skrev om åtgärden "Möten i Rinkeby":');
    expect(mail.text).toContain('Kan ni bifoga listan? <script>alert(1)</script>');
    expect(mail.text).toMatch(/https:\/\/uppfoljning\.stockholm\.se\/rekommendationer\/r2\S*a1/);
  });

  it('escapes what was typed in its HTML, and speaks English to an English reader', () => {
    const mail = commentMail(facts, 'en');
    expect(mail.subject).toBe('New comment on R2: Möten i Rinkeby');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });
});
