import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedRequest } from '../../auth/auth.decorators';
import { clientAddress } from '../../auth/auth.guard';
import type { User } from '../../auth/users';
import { ChangePassword } from './change-password';
import { ChangePasswordRequest } from './change-password.request';
import { PasswordsOn } from '../passwords-on.guard';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
@UseGuards(PasswordsOn)
export class ChangePasswordHttpController {
  constructor(private readonly passwords: ChangePassword) {}

  /** Every session of the user ends, this one too: whoever knew the old password is out, and the client signs in again. */
  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Changes the signed-in user’s password; every session of theirs ends, this one too' })
  @ApiNoContentResponse({ description: 'Changed; sign in with the new password' })
  @ApiBadRequestResponse({ description: '`currentPassword` wrong, or `newPassword` too short or common' })
  async change(@CurrentUser() user: User, @Body() body: ChangePasswordRequest, @Req() req: AuthenticatedRequest): Promise<void> {
    await this.passwords.change(user, body.currentPassword, body.newPassword, clientAddress(req));
  }
}
