import { cyclesProjection } from './cycles/cycles.projection';
import type { ReadModel } from './projections/projection';
import { recommendationsProjection } from './recommendations/recommendations.projection';
import { reviewsProjection } from './reviews/reviews.projection';
import { searchProjection } from './search/search.projection';
import { unitsProjection } from './units/units.projection';
import { usersProjection } from './users/users.projection';

/**
 * Every read model the projector keeps, inline and on rebuild. Listed here,
 * where the app and the worker are put together, because each process that
 * writes must keep all of them (the worker records reminders on the
 * recommendations' streams) while each capability owns its own.
 *
 * The search index comes before the recommendations: it reads the state its events follow from their rows.
 */
export const READ_MODELS: ReadModel[] = [reviewsProjection, searchProjection, recommendationsProjection, cyclesProjection, unitsProjection, usersProjection];
