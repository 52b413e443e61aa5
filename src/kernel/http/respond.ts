import type { Response } from 'express';

/**
 * What HTTP needs to know of a write besides its body. Described here rather
 * than imported from the event store, so the kernel depends on nothing above
 * it; the command runner's `Written` has this shape.
 */
export interface WriteOutcome {
  version: number;
  replayed: boolean;
}

/**
 * Sends a write's answer: the status the controller chose (201 for a
 * creation), the new version as ETag, whether it was an idempotent replay,
 * and the view of the new state.
 */
export function respond<B>(res: Response, written: WriteOutcome, body: B, status: 200 | 201 = 200): B {
  res.status(status);
  res.setHeader('ETag', `"${written.version}"`);
  if (written.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return body;
}
