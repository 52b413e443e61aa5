import { Injectable, Logger } from '@nestjs/common';
import { PasswordLinks, type PasswordMailView } from '../auth/password-links';
import type { UserState } from './domain/user';

/**
 * The mail a new user gets, with a link to set their password. Sent after
 * the user is written, outside its transaction: a mail that fails does not
 * undo the user. How it went is kept with the user (PasswordLinks), shown on
 * their page, and a mail server that says "later" is tried again.
 */
@Injectable()
export class Welcome {
  private readonly logger = new Logger('Users');

  constructor(private readonly links: PasswordLinks) {}

  /** How the first try went, as the user's page shows it; null when not even the try could be recorded (the database), which the log says. */
  async send(user: Pick<UserState, 'id'>): Promise<PasswordMailView | null> {
    try {
      return await this.links.sendLink(user.id, 'welcome');
    } catch (e) {
      this.logger.error(`The welcome mail to new user ${user.id} could not be tried: ${(e as Error).message}`);
      return null;
    }
  }

  /** How the welcome (or a later link) went, for a replayed creation: the mail is not sent again, and its row says how it is going. */
  statusOf(user: Pick<UserState, 'id'>): Promise<PasswordMailView | null> {
    return this.links.mailOf(user.id);
  }
}
