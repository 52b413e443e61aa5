import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { SearchHttpController } from './search-text/search-text.http';
import { SearchIndex } from './search-index';
import { SearchHandler } from './search-text/search-text.query';
import { SearchWebController } from './search-text/search-text.web';

/**
 * Search over the recommendations' texts (its index is a read model, search.projection.ts, listed in
 * src/read-models.ts; on SQLite its full-text index follows in batches, search-index.ts): the API and the results page.
 */
@Module({
  imports: [WebModule],
  controllers: [SearchHttpController, SearchWebController],
  providers: [SearchHandler, SearchIndex],
})
export class SearchModule {}
