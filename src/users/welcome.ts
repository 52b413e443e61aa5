import { Injectable, Logger } from '@nestjs/common';
import { PasswordLinks } from '../auth/password-links';
import type { UserState } from './domain/user';

/**
 * The mail a new user gets, with a link to set their password. Sent after
 * the user is written, outside its transaction: a mail that fails does not
 * undo the user (it is logged, and the user can ask for a reset link).
 */
@Injectable()
export class Welcome {
  private readonly logger = new Logger('Users');

  constructor(private readonly links: PasswordLinks) {}

  async send(user: Pick<UserState, 'id' | 'email' | 'name' | 'language'>): Promise<void> {
    try {
      await this.links.sendWelcome({ id: user.id, email: user.email, name: user.name, language: user.language });
    } catch (e) {
      this.logger.error(`The welcome mail to new user ${user.id} failed: ${(e as Error).message}`);
    }
  }
}
