import { Injectable } from '@nestjs/common';
import { StateReader } from '../projections/state-reader';
import { ReviewTitles } from '../recommendations/review-titles';
import type { ReviewState } from './domain/review';
import { oldestReviewFirst } from './list-reviews/list-reviews.query';
import { reviewsProjection } from './reviews.projection';

/**
 * The recommendation pages' review titles, read from the reviews' own read
 * model in the reviews list's order; without the recommendation counts the
 * list query adds, which those pages do not show.
 */
@Injectable()
export class ReviewTitlesFromReviews extends ReviewTitles {
  constructor(private readonly reader: StateReader) {
    super();
  }

  async list(): Promise<Array<{ id: string; title: string }>> {
    const reviews = await this.reader.current<ReviewState>(reviewsProjection);
    return reviews.sort(oldestReviewFirst).map((r) => ({ id: r.id, title: r.title }));
  }
}
