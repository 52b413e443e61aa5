import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { NotReportedWebController } from './not-reported/not-reported.web';

/**
 * The reminders' page (not-reported: who has not reported before the next
 * milestone). Apart from RemindersModule because the worker process
 * (worker.ts) runs RemindersModule without HTTP, sessions or pages; the page's
 * guard needs the sessions only an app has. Its query handler is
 * RemindersModule's, on the shared QueryBus.
 */
@Module({
  imports: [WebModule],
  controllers: [NotReportedWebController],
})
export class RemindersPagesModule {}
