import { Inject, Module, type MiddlewareConsumer, type NestModule, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../kernel/clock';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { closeMailer, createMailer } from '../../kernel/mail/mailer-from-config';
import type { Mailer } from '../../kernel/mail/mailer';
import { WebModule } from '../../web/web.module';
import { RecommendationPage } from '../recommendation-page';
import { ReportProgressWebController } from '../report-progress/report-progress.web';
import { AttachmentHttpController, DiscussionHttpController } from './discussion.http';
import { AttachmentUploadMiddleware, DiscussionWebController } from './discussion.web';
import { CommentMails, DISCUSSION_MAILER } from './comment-mails';
import { Discussions } from './discussions';

/**
 * Attachments as evidence and comments on actions, on the API and the
 * recommendation page: files stored by hash in the database, comments as
 * events, a mail to the others in a thread (recommendation.discussion.ts).
 */
@Module({
  imports: [WebModule],
  controllers: [DiscussionHttpController, AttachmentHttpController, DiscussionWebController],
  providers: [
    Discussions,
    CommentMails,
    RecommendationPage,
    AttachmentUploadMiddleware,
    { provide: DISCUSSION_MAILER, inject: [APP_CONFIG, Clock], useFactory: createMailer },
    { provide: 'PUBLIC_BASE_URL', inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.publicBaseUrl },
  ],
  exports: [Discussions],
})
export class DiscussionModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(DISCUSSION_MAILER) private readonly mailer: Mailer) {}

  configure(consumer: MiddlewareConsumer): void {
    // Only the page's upload form is read as multipart before the web guard (for its form token); the API's goes through its interceptor.
    // The progress form may carry a file too (report-progress.web.ts).
    consumer.apply(AttachmentUploadMiddleware).forRoutes(DiscussionWebController, ReportProgressWebController);
  }

  onApplicationShutdown(): void {
    closeMailer(this.mailer);
  }
}
