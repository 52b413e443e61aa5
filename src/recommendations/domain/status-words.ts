import type { ActionStatus, RecommendationStatus } from './recommendation.state';

/** The statuses in the words readers see, one wording for the web pages and the reports alike. */
export const STATUS_WORDS: Record<'sv' | 'en', { recommendationStatus: Record<RecommendationStatus, string>; actionStatus: Record<ActionStatus, string> }> = {
  sv: {
    recommendationStatus: {
      received: 'Mottagen',
      accepted: 'Antagen',
      rejected: 'Avslagen',
      deferred: 'Bordlagd',
      in_progress: 'Pågående',
      implemented: 'Genomförd',
      partially_implemented: 'Delvis genomförd',
      not_implemented: 'Inte genomförd',
    },
    actionStatus: { planned: 'Planerad', in_progress: 'Pågående', completed: 'Slutförd', cancelled: 'Avbruten' },
  },
  en: {
    recommendationStatus: {
      received: 'Received',
      accepted: 'Accepted',
      rejected: 'Rejected',
      deferred: 'Deferred',
      in_progress: 'In progress',
      implemented: 'Implemented',
      partially_implemented: 'Partially implemented',
      not_implemented: 'Not implemented',
    },
    actionStatus: { planned: 'Planned', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
  },
};
