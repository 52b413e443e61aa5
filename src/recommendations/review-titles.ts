/**
 * The reviews' ids and titles, as the recommendation pages need them (the
 * list's review filter, the page's and the import page's link back to its review). Recommendations
 * own this abstraction and the reviews capability provides it, so the
 * dependency runs downward only: the reviews folder imports this one, never the
 * other way. An abstract class, so it is also the Nest injection token.
 */
export abstract class ReviewTitles {
  /** Every review, oldest first, as the reviews list orders them. */
  abstract list(): Promise<Array<{ id: string; title: string }>>;
}
