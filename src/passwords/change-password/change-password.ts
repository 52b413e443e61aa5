import { Injectable } from '@nestjs/common';
import { invalid } from '../../kernel/domain-error';
import { dummyPasswordHash, verifyPassword } from '../../auth/password';
import { passwordProblem } from '../../auth/password-policy';
import { RequestLimits } from '../../auth/request-limits';
import { Users, type User } from '../../auth/users';

export const WRONG_CURRENT_PASSWORD = 'The current password is wrong';

/**
 * A signed-in user changes their own password, for the API and the page
 * alike. A wrong current password counts as a failed sign-in of the account
 * (the same limit), so a session left open on a shared computer is no way to
 * guess it; a user without a password yet (single sign-on) has none to give.
 */
@Injectable()
export class ChangePassword {
  constructor(
    private readonly users: Users,
    private readonly limits: RequestLimits,
  ) {}

  async change(user: User, currentPassword: string, newPassword: string, address: string, language: 'sv' | 'en' = 'en'): Promise<void> {
    await this.limits.beforeSignIn(user.email, address);
    const found = await this.users.findByEmail(user.email);
    const hash = found?.passwordHash ?? null;
    const matches = await verifyPassword(currentPassword, hash ?? (await dummyPasswordHash()));
    if (hash === null || !matches) {
      this.limits.signInFailed(user.email, address);
      throw invalid(WRONG_CURRENT_PASSWORD, [{ field: 'currentPassword', message: WRONG_CURRENT_PASSWORD }]);
    }
    await this.limits.passwordRight(user.email, address);
    const problem = passwordProblem(newPassword, language);
    if (problem) throw invalid(problem, [{ field: 'newPassword', message: problem }]);
    await this.users.changePassword(user.id, newPassword);
  }
}
