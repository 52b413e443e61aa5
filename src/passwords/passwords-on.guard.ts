import { Inject, Injectable, type CanActivate } from '@nestjs/common';
import type { AppConfig } from '../kernel/config';
import { forbidden } from '../kernel/domain-error';
import { APP_CONFIG } from '../kernel/kernel.module';

export const PASSWORDS_OFF = 'Passwords are turned off here (PASSWORD_LOGIN=false): sign in through single sign-on';

/**
 * With PASSWORD_LOGIN=false nobody signs in with a password, so none is
 * reset, chosen or changed either: a link would set a password that opens
 * nothing. 403 on the API, the error page (with this reason) on the web.
 */
@Injectable()
export class PasswordsOn implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.passwordLogin) throw forbidden(PASSWORDS_OFF);
    return true;
  }
}
