/**
 * An event as it comes back from the store, with when and by whom. Every
 * aggregate's domain reads its events so; here, below them all, so that users,
 * units, cycles and reviews need not import the recommendations' events for it.
 */
export type Recorded<E extends { type: string; data: unknown }> = E & {
  occurredAt: string;
  actorEmail: string;
};
