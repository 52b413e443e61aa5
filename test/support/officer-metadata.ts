import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../src/event-store/event-store';

/** Who wrote the events a benchmark puts straight into the store: the sfi officer, outside any request. */
export const officerMetadata: EventMetadata = {
  actor: { id: randomUUID(), email: 'handlaggare.sfi@demo.local', name: 'Hanna Handläggare', role: 'officer' },
  unit: 'sfi',
  reason: null,
  correlationId: randomUUID(),
  causationId: null,
  idempotencyKey: null,
};
