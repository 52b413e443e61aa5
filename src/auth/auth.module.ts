import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { Database } from '../event-store/database';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginHttpController } from './login/login.http.controller';
import { Users } from './users';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key on every verify, which cost a fifth of the CPU of a request.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [LoginHttpController],
  providers: [
    { provide: Users, inject: [Database], useFactory: (db: Database) => new Users(db) },
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Users, AuthService, JwtModule],
})
export class AuthModule {}
