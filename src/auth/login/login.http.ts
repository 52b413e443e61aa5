import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth.decorators';
import { clientAddress } from '../auth.guard';
import { AuthService, type LoginResult } from '../auth.service';
import { LoginRequest } from './login.request';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token' })
  login(@Body() body: LoginRequest, @Req() req: Request): Promise<LoginResult> {
    return this.auth.login(body.email, body.password, clientAddress(req));
  }
}
