import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { Clock } from '../kernel/clock';
import { createMailer } from '../kernel/mail/mailer-from-config';
import { Database } from '../event-store/database';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginHttpController } from './login/login.http';
import { PasswordLinks } from './password-links';
import { RequestLimits } from './request-limits';
import { SessionHttpController } from './session/session.http';
import { Sessions } from './sessions';
import { Users } from './users';

/**
 * Who is signing in, and their sessions: the API's login and session routes
 * and the guards' session check (the web's sign-in and sign-out pages are the
 * shell's, src/web/sign-in and sign-out, on the same Sessions). Global, as the
 * database and the config are: every capability's web controllers run behind
 * the web shell's guard, which asks Sessions and RequestLimits, so the shell
 * need not import this module, and this module imports nothing of the shell.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key on every verify, which cost a fifth of the CPU of a request.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        // No expiresIn here: Sessions.open puts `exp` into every token itself, from the same instant as its session row.
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [LoginHttpController, SessionHttpController],
  providers: [
    { provide: Users, inject: [Database], useFactory: (db: Database) => new Users(db) },
    Sessions,
    RequestLimits,
    AuthService,
    // Its own mailer (the same choice of SMTP or files as the reminders'): a password link must not wait behind a queue of reminders.
    {
      provide: PasswordLinks,
      inject: [Database, Users, APP_CONFIG, Clock],
      useFactory: (db: Database, users: Users, config: AppConfig, clock: Clock) => new PasswordLinks(db, users, config, createMailer(config, clock)),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Users, Sessions, RequestLimits, AuthService, PasswordLinks, JwtModule],
})
export class AuthModule {}
