import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { UuidParam } from '../../kernel/http/validators';
import { GetUserQuery } from '../users.cqrs';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class GetUserHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Allow('readUsers')
  @ApiOperation({ summary: 'One user; the ETag is the version a change may name in If-Match' })
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    const { version, ...user } = await this.queries.execute(new GetUserQuery(id));
    res.setHeader('ETag', `"${version}"`);
    return user;
  }
}
