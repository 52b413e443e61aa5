import type { Response } from 'express';

/**
 * What a write answers with, as HTTP needs it. Described here rather than
 * imported from the event store, so the kernel depends on nothing above it;
 * the command runner's WriteResult has this shape.
 */
export interface WriteAnswer {
  statusCode: number;
  body: unknown;
  version: number;
  replayed: boolean;
}

/** Sends a write's result: its status, the new version as ETag, and the body. */
export function respond(res: Response, result: WriteAnswer): unknown {
  res.status(result.statusCode);
  res.setHeader('ETag', `"${result.version}"`);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}
