import { createServer, type AddressInfo, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { MailDeliveryError, type OutgoingMail } from '../../kernel/mail/mailer';
import { reminderMail } from './reminder-mail';
import { classifySmtpFailure, SmtpMailer } from '../../kernel/mail/smtp-mailer';

interface Receiver {
  url: string;
  received: Array<{ raw: Buffer; rcptTo: string[] }>;
  close(): Promise<void>;
}

/** A real SMTP server on an ephemeral port of 127.0.0.1, answering as `options` say. */
async function startReceiver(options: Partial<SMTPServerOptions> = {}): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // no certificate here, and the test is about delivery, not TLS
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks), rcptTo: session.envelope.rcptTo.map((a) => a.address) });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const refusing = (responseCode: number, message: string): Partial<SMTPServerOptions> => ({
  onRcptTo(_address, _session, callback) {
    callback(Object.assign(new Error(message), { responseCode }));
  },
});

const rendered = reminderMail({
  reminder: { kind: 'milestone_due', recipient: 'handlaggare.sfi@demo.local', recommendationId: 'r2', actionId: 'a1' },
  recommendation: { code: 'R2', title: 'Uppsökande verksamhet' },
  action: { title: 'Kartlägg stadsdelarna i Järva och Söderort', dueDate: '2012-08-31' },
  milestone: { name: 'Tertialrapport 1', dueDate: '2012-05-15' },
  baseUrl: 'http://localhost:3000',
});
const mail: OutgoingMail = { to: 'handlaggare.sfi@demo.local', id: '6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17', ...rendered };
const link = 'http://localhost:3000/rekommendationer/r2#action-a1';

describe('sending mail over SMTP', () => {
  let receiver: Receiver | undefined;
  let mailer: SmtpMailer | undefined;

  afterEach(async () => {
    mailer?.close();
    await receiver?.close();
    mailer = undefined;
    receiver = undefined;
  });

  it('a reminder arrives with its Swedish characters intact, a text and an HTML part, and the link to the action', async () => {
    receiver = await startReceiver();
    mailer = new SmtpMailer({
      url: receiver.url,
      from: 'Uppföljning <uppfoljning@demo.local>',
      now: () => new Date('2012-05-01T06:00:00.000Z'),
    });

    const sent = await mailer.send(mail);

    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].rcptTo).toEqual(['handlaggare.sfi@demo.local']);
    const parsed = await simpleParser(receiver.received[0].raw);
    expect(parsed.subject).toBe('Påminnelse inför Tertialrapport 1: rapportera läget för ”Kartlägg stadsdelarna i Järva och Söderort”');
    expect(parsed.from?.value).toEqual([{ name: 'Uppföljning', address: 'uppfoljning@demo.local' }]);
    expect(parsed.text).toContain('Åtgärd: Kartlägg stadsdelarna i Järva och Söderort');
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain(`<a href="${link}">Rapportera läget</a>`);
    expect(parsed.html).toContain('R2 Uppsökande verksamhet');
    expect(parsed.messageId).toBe('<6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17@demo.local>');
    expect(sent.messageId).toBe(parsed.messageId);
    expect(parsed.date?.toISOString()).toBe('2012-05-01T06:00:00.000Z');
  });

  it('a server answering 451 gives a temporary failure, to be retried', async () => {
    receiver = await startReceiver(refusing(451, 'Mailbox busy, try again later'));
    mailer = new SmtpMailer({ url: receiver.url, from: 'uppfoljning@demo.local' });

    const failure = await mailer.send(mail).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure).toMatchObject({ permanent: false, responseCode: 451 });
    expect(receiver.received).toEqual([]);
  });

  it('a server answering 550 gives a permanent failure, not to be retried', async () => {
    receiver = await startReceiver(refusing(550, 'No such user here'));
    mailer = new SmtpMailer({ url: receiver.url, from: 'uppfoljning@demo.local' });

    const failure = await mailer.send(mail).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure).toMatchObject({ permanent: true, responseCode: 550 });
    expect((failure as Error).message).toContain('No such user here');
  });

  it('nothing listening on the SMTP port gives a temporary failure', async () => {
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${await closedPort()}`, from: 'uppfoljning@demo.local', timeoutMs: 2000 });

    const failure = await mailer.send(mail).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure).toMatchObject({ permanent: false, code: 'ECONNREFUSED' });
  });
  it('a server that accepts the connection but never greets gives a temporary failure after the timeout', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'uppfoljning@demo.local', timeoutMs: 300 });

      const failure = await mailer.send(mail).catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(MailDeliveryError);
      expect(failure).toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('classifying SMTP failures', () => {
  it.each([
    ['452 on RCPT TO', false, { code: 'EENVELOPE', responseCode: 452, response: '452 Too many recipients' }],
    ['553 on RCPT TO', true, { code: 'EENVELOPE', responseCode: 553, response: '553 Mailbox name not allowed' }],
    ['503 bad sequence', false, { code: 'EPROTOCOL', responseCode: 503, response: '503 Bad sequence of commands' }],
    ['535 authentication failed', true, { code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }],
    ['a greeting timeout', false, { code: 'ETIMEDOUT', message: 'Greeting never received' }],
    ['a mail without recipients', true, { code: 'EENVELOPE', message: 'No recipients defined' }],
    ['an unrecognized error', false, { message: 'something unexpected' }],
  ])('%s is permanent: %s', (_scenario, permanent, error) => {
    expect(classifySmtpFailure(Object.assign(new Error(), error)).permanent).toBe(permanent);
  });
});
