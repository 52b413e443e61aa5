import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../auth/auth.decorators';
import { clientAddress } from '../../auth/auth.guard';
import { PasswordLinks } from '../../auth/password-links';
import { RequestLimits } from '../../auth/request-limits';
import { PasswordResetRequest } from './password-reset.request';
import { PasswordsOn } from '../passwords-on.guard';

export const RESET_ACCEPTED = { message: 'If the address has an account, a link to choose a new password is on its way; it works once, within an hour' };

@ApiTags('auth')
@Controller('auth')
@UseGuards(PasswordsOn)
export class PasswordResetHttpController {
  constructor(
    private readonly links: PasswordLinks,
    private readonly limits: RequestLimits,
  ) {}

  /**
   * The same 202 and the same body for every address, answered before
   * anything is looked up: the link is made and mailed after the answer, so
   * neither the answer nor its time tells whether the address has an account.
   */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Forgotten password: mails a single-use link, valid 1 hour, to the address if it has an account' })
  @ApiAcceptedResponse({ description: 'Always, whether or not the address has an account' })
  @ApiTooManyRequestsResponse({ description: 'More than 3 links asked for one address, or 30 from one client, within 15 minutes' })
  async requestReset(@Body() body: PasswordResetRequest, @Req() req: Request): Promise<typeof RESET_ACCEPTED> {
    await this.limits.passwordReset(body.email, clientAddress(req));
    this.links.requestReset(body.email);
    return RESET_ACCEPTED;
  }
}
