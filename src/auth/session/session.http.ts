import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedRequest } from '../auth.decorators';
import { userView, type UserView } from '../auth.service';
import { Sessions } from '../sessions';
import type { User } from '../users';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class SessionHttpController {
  constructor(private readonly sessions: Sessions) {}

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the token this is called with stops working at once' })
  async logout(@Req() req: AuthenticatedRequest): Promise<void> {
    await this.sessions.end(req.sessionId!, 'signed_out');
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user, as they are now' })
  me(@CurrentUser() user: User): UserView {
    return userView(user);
  }
}
