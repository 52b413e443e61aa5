import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The columns a hash covers: every stored column of the event, as stored. */
export interface HashedColumns {
  position: number;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  occurredAt: string;
  recordedAt: string;
}

/**
 * SHA-256 over the previous event's hash and this event's stored text, so a
 * change to any row, or a removed row, breaks every hash after it.
 */
export function chainHash(prevHash: string, e: HashedColumns): string {
  return createHash('sha256')
    .update(
      JSON.stringify([prevHash, e.position, e.streamId, e.version, e.type, e.schemaVersion, e.data, e.metadata, e.occurredAt, e.recordedAt]),
    )
    .digest('hex');
}
