import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import type { Response } from 'express';
import { PageRequest, respondPage } from '../../kernel/http/paging';
import { ListReportsQuery } from './list-reports.query';

/** Every report made, newest first, a page at a time: for secretaries, admins and auditors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ListReportsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('readReports')
  async list(@Query() q: PageRequest, @Res({ passthrough: true }) res: Response) {
    const reports: { id: string }[] = await this.queries.execute(new ListReportsQuery());
    return respondPage(res, q, 'reports', reports);
  }
}
