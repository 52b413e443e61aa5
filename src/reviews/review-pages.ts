import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { StateReader } from '../projections/state-reader';
import { type FormProblem, type Form } from '../web/form-problems';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';
import type { ReviewState } from './domain/review';
import { reviewCapabilities } from './review-capabilities';
import { reviewsProjection } from './reviews.projection';
import { reviewList } from './list-reviews/review-order';
import { GetReviewQuery, ListReviewsQuery } from './reviews.cqrs';

/**
 * The two review pages, shown by a GET and again by every refused form on
 * them (with the problem next to its fields): the list, where a review is
 * registered, and one review, where the committee's decisions on it and its
 * recommendations are registered. The forms offered are those the domain
 * would allow this user.
 */
@Injectable()
export class ReviewPages {
  constructor(
    private readonly queries: QueryBus,
    private readonly reader: StateReader,
    private readonly pages: WebPages,
  ) {}

  async list(req: WebRequest, res: Response, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { t, user } = req.web!;
    const { reviews, sortHeaders } = reviewList(await this.queries.execute(new ListReviewsQuery()), req.query as Form);
    this.pages.render(req, res, 'reviews/list-reviews/reviews.eta', t.reviews.title, { reviews, sortHeaders, sort: typeof req.query.sort === 'string' ? req.query.sort : '', can: reviewCapabilities(null, user!), problem, values }, problem?.status ?? 200);
  }

  async review(req: WebRequest, res: Response, id: string, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { user } = req.web!;
    const review = await this.queries.execute(new GetReviewQuery(id));
    const state = await this.reader.one<ReviewState>(reviewsProjection, id);
    // Those who read the log take the review's archive package (GET /reviews/:id/archive, under the session here).
    const archiveHref = may(user, 'readAuditLog') ? `/granskningar/${id}/arkivpaket` : null;
    this.pages.render(req, res, 'reviews/get-review/review.eta', review.title, { review, can: reviewCapabilities(state, user!), problem, values, archiveHref }, problem?.status ?? 200);
  }
}
