import { CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
import type { RecommendationSummary } from '../recommendations/recommendation.views';
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

export type ReviewView = ReturnType<typeof toReviewView>;

/** A review in the list: without its decisions, with how many recommendations it has. */
export type ReviewListItem = Omit<ReviewView, 'decisions' | 'version'> & { recommendationCount: number };

/** One review with its decisions and its recommendations' summaries, in code order. */
export type ReviewDetail = ReviewView & { recommendationCount: number; recommendations: RecommendationSummary[] };

export class ChangeReviewCommand extends ChangeCommand<ReviewCommand, ReviewState> {}

@CommandHandler(ChangeReviewCommand)
export class ChangeReviewHandler implements ICommandHandler<ChangeReviewCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, change, ctx }: ChangeReviewCommand): Promise<Written<ReviewState>> {
    return this.runner.run(reviewAggregate, id, change, ctx);
  }
}

/**
 * The reviews' reads, as messages on the QueryBus: the pages of other
 * capabilities (the recommendation list's filter, the reports page, the
 * public page) ask them too, so they live here and their handlers in the
 * use-case folders list-reviews/ and get-review/.
 */
export class ListReviewsQuery extends Query<ReviewListItem[]> {}

export class GetReviewQuery extends Query<ReviewDetail> {
  constructor(readonly id: string) {
    super();
  }
}
