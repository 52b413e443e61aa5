import { CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
import { Clock } from '../kernel/clock';
import { notFound } from '../kernel/domain-error';
import { recommendationsProjection } from '../recommendations/recommendations.projection';
import { reviewsProjection } from './reviews.projection';
import { StateReader } from '../projections/state-reader';
import type { RecommendationState } from '../recommendations/domain/recommendation.state';
import { byCode, toSummary } from '../recommendations/recommendation.views';
import { decideReview, evolveReview, reviewStreamId, type ReviewCommand, type ReviewState } from './domain/review';

export const reviewAggregate: Aggregate<ReviewState, ReviewCommand> = { streamId: reviewStreamId, evolve: evolveReview, decide: decideReview };

export const toReviewView = (s: ReviewState) => ({
  id: s.id,
  title: s.title,
  reviewer: s.reviewer,
  reviewedOn: s.reviewedOn,
  committee: s.committee,
  diaryNumber: s.diaryNumber,
  decisions: s.decisions,
  version: s.version,
});

export class ChangeReviewCommand extends ChangeCommand<ReviewCommand, ReviewState> {}

@CommandHandler(ChangeReviewCommand)
export class ChangeReviewHandler implements ICommandHandler<ChangeReviewCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, change, ctx }: ChangeReviewCommand): Promise<Written<ReviewState>> {
    return this.runner.run(reviewAggregate, id, change, ctx);
  }
}

export class ListReviewsQuery extends Query<unknown[]> {}

@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute() {
    const reviews = await this.reader.current<ReviewState>(reviewsProjection);
    const recommendations = await this.reader.current<RecommendationState>(recommendationsProjection);
    return reviews
      .sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.title.localeCompare(b.title))
      .map((r) => {
        const { decisions: _d, version: _v, ...view } = toReviewView(r);
        return { ...view, recommendationCount: recommendations.filter((x) => x.reviewId === r.id).length };
      });
  }
}

export class GetReviewQuery extends Query<unknown> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ id }: GetReviewQuery) {
    const review = await this.reader.one<ReviewState>(reviewsProjection, id);
    if (!review) throw notFound(`Review ${id} not found`);
    const recommendations = await this.reader.current<RecommendationState>(recommendationsProjection, { review_id: id });
    const today = this.clock.today();
    return {
      ...toReviewView(review),
      recommendationCount: recommendations.length,
      recommendations: recommendations.sort(byCode).map((s) => toSummary(s, today)),
    };
  }
}
