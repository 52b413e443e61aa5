import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../kernel/config';
import { forbidden } from '../../kernel/domain-error';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { Public } from '../auth.decorators';
import { clientAddress } from '../auth.guard';
import { AuthService, type LoginResult } from '../auth.service';
import { LoginRequest } from './login.request';

export const PASSWORD_LOGIN_OFF = 'Signing in with a password is turned off here (PASSWORD_LOGIN=false); sign in through single sign-on, GET /api/v1/auth/oidc/login';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token. 403 when PASSWORD_LOGIN=false (single sign-on only)' })
  login(@Body() body: LoginRequest, @Req() req: Request): Promise<LoginResult> {
    // 403, not 404: the route exists and says why it refuses, so a script's author learns what changed.
    if (!this.config.passwordLogin) throw forbidden(PASSWORD_LOGIN_OFF);
    return this.auth.login(body.email, body.password, clientAddress(req));
  }
}
