import { Module } from '@nestjs/common';
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
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtExpiresInSeconds } }),
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
