import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { VerifyAuditLogQuery } from './verify.query';

/** The hash chain's verification, for auditors and admins. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @Allow('verifyAuditLog')
  @ApiOperation({ summary: 'Recompute the hash chain over every event' })
  verify() {
    return this.queries.execute(new VerifyAuditLogQuery());
  }
}
