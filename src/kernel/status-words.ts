/**
 * The statuses in the words readers see, one wording for the web pages and the reports alike. Here,
 * below every surface, so the web shell and the reports' domain can both use it; that every status of
 * the recommendations' domain has its words is checked there (recommendation.state.ts).
 */
export const STATUS_WORDS = {
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
    actionStatus: { planned: 'Planerad', in_progress: 'Pågående', completion_claimed: 'Väntar på godkännande', completed: 'Slutförd', cancelled: 'Avbruten' },
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
    actionStatus: { planned: 'Planned', in_progress: 'In progress', completion_claimed: 'Awaiting approval', completed: 'Completed', cancelled: 'Cancelled' },
  },
};

type ActionStatusName = keyof (typeof STATUS_WORDS)['sv']['actionStatus'];

/**
 * The actions still to be done (planned or under way), which reminders chase and reports count.
 * Here, below units and recommendations, so that both can name them.
 */
export const OPEN_ACTION_STATUSES: readonly ActionStatusName[] = ['planned', 'in_progress'];

/**
 * Not finished: the open ones and those whose completion waits for approval. An assessment waits for
 * each of these to be completed or cancelled, and a unit with any of them may not be retired.
 */
export const UNFINISHED_ACTION_STATUSES: readonly ActionStatusName[] = [...OPEN_ACTION_STATUSES, 'completion_claimed'];
