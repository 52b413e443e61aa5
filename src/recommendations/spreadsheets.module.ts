import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { ExportRecommendationsHandler } from './export-recommendations/export-recommendations.query';
import { ExportRecommendationsWebController } from './export-recommendations/export-recommendations.web';
import { ImportRecommendationsHttpController } from './import-recommendations/import-recommendations.http';
import { ImportRecommendationsWebController } from './import-recommendations/import-recommendations.web';
import { ImportUploadMiddleware } from './import-recommendations/import-upload.middleware';
import { RecommendationImport } from './import-recommendations/recommendation-import';

/**
 * Recommendations in and out of spreadsheets: the list as a file (the API's
 * GET /recommendations?format= answers through ExportRecommendationsQuery)
 * and the import of a review's recommendations, on the API and the web.
 */
@Module({
  imports: [WebModule],
  controllers: [ImportRecommendationsHttpController, ImportRecommendationsWebController, ExportRecommendationsWebController],
  providers: [RecommendationImport, ExportRecommendationsHandler, ImportUploadMiddleware],
})
export class RecommendationSpreadsheetsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Only the import page's upload is read as multipart before the web guard; the API's goes through its interceptor.
    consumer.apply(ImportUploadMiddleware).forRoutes(ImportRecommendationsWebController);
  }
}
