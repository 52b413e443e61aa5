import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/auth.decorators';
import { PasswordLinks } from '../../auth/password-links';
import { SetPasswordRequest } from './set-password.request';
import { PasswordsOn } from '../passwords-on.guard';

@ApiTags('auth')
@Controller('auth')
@UseGuards(PasswordsOn)
export class SetPasswordHttpController {
  constructor(private readonly links: PasswordLinks) {}

  @Public()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a password through a single-use link (welcome or reset); every session of the user ends' })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @ApiBadRequestResponse({ description: '`password` too short or common, or `token` unknown, expired, used or of a deactivated user' })
  async setPassword(@Body() body: SetPasswordRequest): Promise<void> {
    await this.links.use(body.token, body.password);
  }
}
