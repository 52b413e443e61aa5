import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on an ephemeral port, keeping what it receives. Addresses
 * in `refuse` are answered 550 at RCPT TO, as a server does for an unknown
 * mailbox; the first `greylist` recipients 451, as a greylisting server asks
 * a sender it does not know yet to try again later. `stallMs`: the server takes
 * each mail, then waits that long before it says so (a slow server).
 */
export class SmtpReceiver {
  readonly received: ReceivedMail[] = [];
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(options: { refuse?: string[]; greylist?: number; stallMs?: number } = {}): Promise<SmtpReceiver> {
    const refuse = new Set((options.refuse ?? []).map((a) => a.toLowerCase()));
    let greylist = options.greylist ?? 0;
    let receiver: SmtpReceiver | null = null;
    const server = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onRcptTo(address, _session, callback) {
        if (refuse.has(address.address.toLowerCase())) {
          callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
          return;
        }
        if (greylist > 0) {
          greylist--;
          callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            receiver!.received.push({ to: session.envelope.rcptTo.map((a) => a.address), parsed });
            if (options.stallMs) setTimeout(() => callback(), options.stallMs);
            else callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    receiver = new SmtpReceiver(server, `smtp://127.0.0.1:${port}`);
    return receiver;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `check` passes or the time is up: only for waiting on delivery, never to let simulated time pass. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
