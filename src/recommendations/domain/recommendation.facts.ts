/**
 * What a recommendation's rules need to know from outside its own stream: other
 * aggregates' facts (units, reviews, users, the other recommendations of a review).
 * `decide` stays pure by receiving them as data. `factsNeeded` (beside `decide`)
 * says which questions a command raises; an adapter outside the domain answers
 * them inside the write transaction, so no answer can change before the append.
 * A command that raises no question gets `{}`.
 */
export interface FactQuestions {
  /** Does the unit with this id exist? */
  unitExists?: string;
  /** Does the review with this id exist? */
  reviewExists?: string;
  /** Does this review already have a recommendation with this code? */
  codeTaken?: { reviewId: string; code: string };
  /** Is this email an active user of this unit? */
  ownerIsActiveIn?: { email: string; unit: string };
}

/** The answers, one per question asked; what was not asked is left out. */
export interface RecommendationFacts {
  /** When the unit does not exist (or was retired, `retired`), the ids of the active ones: the refusal lists them. */
  unitExists?: { exists: true } | { exists: false; retired?: boolean; knownUnits: readonly string[] };
  reviewExists?: boolean;
  codeTaken?: boolean;
  ownerIsActiveIn?: boolean;
}
