import { CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
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

/**
 * The reviews' reads, as messages on the QueryBus: the pages of other
 * capabilities (the recommendation list's filter, the reports page, the
 * public page) ask them too, so they live here and their handlers in the
 * use-case folders list-reviews/ and get-review/.
 */
export class ListReviewsQuery extends Query<unknown[]> {}

export class GetReviewQuery extends Query<unknown> {
  constructor(readonly id: string) {
    super();
  }
}
