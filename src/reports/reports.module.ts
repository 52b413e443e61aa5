import { Module } from '@nestjs/common';
import { ReportsHttpController } from './http/reports.http.controller';
import { GenerateReportHandler, GetReportHandler, ListReportsHandler } from './reports.cqrs';

@Module({
  controllers: [ReportsHttpController],
  providers: [GenerateReportHandler, ListReportsHandler, GetReportHandler],
})
export class ReportsModule {}
