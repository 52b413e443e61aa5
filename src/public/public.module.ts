import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { PublicPageWebController } from './public-page.web';

/**
 * What anyone may see without signing in: the public progress page
 * (/oppet), built field by field from an allow-list of the recommendations'
 * views (public-view.ts), so nothing about staff reaches it.
 */
@Module({
  imports: [WebModule],
  controllers: [PublicPageWebController],
})
export class PublicModule {}
