import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { PasswordLinks, type PasswordMailView } from '../../auth/password-links';
import { UuidParam } from '../../kernel/http/validators';
import { PasswordsOn } from '../passwords-on.guard';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@UseGuards(PasswordsOn)
export class SendNewLinkHttpController {
  constructor(private readonly links: PasswordLinks) {}

  @Post(':id/password-link')
  @HttpCode(202)
  @Allow('administerUsers')
  @ApiOperation({ summary: 'Mail the user a new link to choose a password (admin): a welcome without a password yet, else a reset. 409 for a deactivated user' })
  async send(@Param('id', UuidParam) id: string): Promise<{ passwordMail: PasswordMailView }> {
    return { passwordMail: await this.links.sendNewLink(id) };
  }
}
