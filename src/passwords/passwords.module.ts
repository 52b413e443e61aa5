import { Module } from '@nestjs/common';
import { ChangePassword } from './change-password/change-password';
import { ChangePasswordHttpController } from './change-password/change-password.http';
import { ChangePasswordWebController } from './change-password/change-password.web';
import { PasswordResetHttpController } from './password-reset/password-reset.http';
import { PasswordResetWebController } from './password-reset/password-reset.web';
import { SetPasswordHttpController } from './set-password/set-password.http';
import { SetPasswordWebController } from './set-password/set-password.web';
import { SendNewLinkHttpController } from './send-new-link/send-new-link.http';
import { SendNewLinkWebController } from './send-new-link/send-new-link.web';
import { WebModule } from '../web/web.module';

/**
 * Passwords a user sets: through a single-use link (a forgotten password, a
 * new user's welcome) or, signed in, with the current one; the API's routes
 * and the pages ("Glömt lösenordet?", "Välj lösenord", "Byt lösenord"), and
 * an admin's new link for a user (the user's page), on the
 * web shell, which this module imports as every capability does. PasswordLinks
 * itself is AuthModule's, which is global, so the users' pages and the
 * command line can mail and print links without this module.
 */
@Module({
  imports: [WebModule],
  controllers: [
    PasswordResetHttpController,
    SetPasswordHttpController,
    ChangePasswordHttpController,
    PasswordResetWebController,
    SetPasswordWebController,
    ChangePasswordWebController,
    SendNewLinkHttpController,
    SendNewLinkWebController,
  ],
  providers: [ChangePassword],
})
export class PasswordsModule {}
