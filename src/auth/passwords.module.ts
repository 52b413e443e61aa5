import { Module } from '@nestjs/common';
import { ChangePassword } from './change-password/change-password';
import { ChangePasswordHttpController } from './change-password/change-password.http';
import { PasswordResetHttpController } from './password-reset/password-reset.http';
import { SetPasswordHttpController } from './set-password/set-password.http';

/**
 * Passwords a user sets: through a single-use link (a forgotten password, a
 * new user's welcome) or, signed in, with the current one. PasswordLinks
 * itself is AuthModule's, which is global, so the users' pages and the
 * command line can mail and print links without this module.
 */
@Module({
  controllers: [PasswordResetHttpController, SetPasswordHttpController, ChangePasswordHttpController],
  providers: [ChangePassword],
})
export class PasswordsModule {}
