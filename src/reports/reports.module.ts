import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WebModule } from '../web/web.module';
import { DownloadReportHttpController } from './download-report/download-report.http';
import { DownloadReportWebController } from './download-report/download-report.web';
import { GenerateReportHandler, ReportGeneration, RequestReportHandler } from './generate-report/generate-report.command';
import { GenerateReportHttpController } from './generate-report/generate-report.http';
import { GenerateReportWebController } from './generate-report/generate-report.web';
import { ReportMaker } from './generate-report/report-maker';
import { GetReportJobHandler } from './get-report-job/get-report-job.query';
import { GetReportJobHttpController } from './get-report-job/get-report-job.http';
import { GetReportJobWebController } from './get-report-job/get-report-job.web';
import { GetReportHandler } from './get-report/get-report.query';
import { GetReportHttpController } from './get-report/get-report.http';
import { ListReportsFileWebController } from './list-reports/list-reports-file.web';
import { ListReportsHttpController } from './list-reports/list-reports.http';
import { ListReportsWebController } from './list-reports/list-reports.web';
import { ListReportsHandler } from './list-reports/list-reports.query';
import { ReportsPage } from './reports-page';
import { OverviewHandler } from './overview/overview.query';
import { OverviewWebController } from './overview/overview.web';

/** Progress reports for the committee: one folder per use case, each with its API and web controllers. */
@Module({
  // The web shell (pages, session guard, error pages) from WebModule; the guard's session check from AuthModule.
  imports: [AuthModule, WebModule],
  controllers: [
    GenerateReportHttpController,
    ListReportsHttpController,
    ListReportsFileWebController,
    // Before GET /reports/:id, whose id pipe would otherwise answer for /reports/jobs/… first.
    GetReportJobHttpController,
    GetReportHttpController,
    DownloadReportHttpController,
    ListReportsWebController,
    GenerateReportWebController,
    GetReportJobWebController,
    DownloadReportWebController,
    OverviewWebController,
  ],
  providers: [ReportMaker, ReportGeneration, GenerateReportHandler, RequestReportHandler, ListReportsHandler, GetReportHandler, GetReportJobHandler, ReportsPage, OverviewHandler],
})
export class ReportsModule {}
