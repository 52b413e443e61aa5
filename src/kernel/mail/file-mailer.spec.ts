import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { FileMailer } from './file-mailer';
import { MailDeliveryError, type OutgoingMail } from './mailer';

const mail: OutgoingMail = {
  id: '6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17',
  to: 'Handläggare.SFI@demo.local',
  subject: 'Försenad åtgärd: ”Kartlägg stadsdelarna” (R2), slutdatum 31 augusti 2012',
  text: 'Åtgärden nedan skulle vara klar 31 augusti 2012 men är fortfarande öppen.\n',
  html: '<p>Åtgärden nedan skulle vara klar 31 augusti 2012 men är fortfarande öppen.</p>',
};

describe('writing mail to .eml files', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uppfoljning-mail-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a mail becomes a parseable .eml file with a safe name derived from recipient and id', async () => {
    const mailer = new FileMailer({
      directory: join(dir, 'var', 'mail'),
      from: 'Uppföljning <uppfoljning@demo.local>',
      now: () => new Date('2012-09-01T06:00:00.000Z'),
    });

    const sent = await mailer.send(mail);

    const files = await readdir(join(dir, 'var', 'mail'));
    expect(files).toEqual(['handlaggare.sfi-demo.local_6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17.eml']);
    const parsed = await simpleParser(await readFile(join(dir, 'var', 'mail', files[0])));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toContain(mail.html);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null).toBe('Handläggare.SFI@demo.local');
    expect(parsed.messageId).toBe('<6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17@demo.local>');
    expect(sent.messageId).toBe(parsed.messageId);
    expect(parsed.date?.toISOString()).toBe('2012-09-01T06:00:00.000Z');
  });

  it('sending the same mail again, as a retry does, rewrites the same file instead of adding one', async () => {
    const mailer = new FileMailer({ directory: dir, from: 'uppfoljning@demo.local' });

    await mailer.send(mail);
    await mailer.send(mail);
    await mailer.send({ ...mail, id: undefined });
    await mailer.send({ ...mail, id: undefined });

    const files = await readdir(dir);
    expect(files).toHaveLength(2);
    expect(files).toContain(mailer.fileNameFor({ ...mail, id: undefined }));
  });

  it('a directory that cannot be created is a permanent failure', async () => {
    await writeFile(join(dir, 'blocked'), 'a file, not a directory');
    const mailer = new FileMailer({ directory: join(dir, 'blocked', 'mail'), from: 'uppfoljning@demo.local' });

    const failure = await mailer.send(mail).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure).toMatchObject({ permanent: true, code: 'ENOTDIR' });
  });
});
