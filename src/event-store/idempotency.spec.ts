import { createHash } from 'node:crypto';
import { idempotencyOf, sameRequest } from './command-runner';

describe('what an Idempotency-Key remembers of its request', () => {
  it('the same fields in another order, at any depth, are the same request; other values are not', () => {
    const first = idempotencyOf('k', 'POST', '/api/v1/x', { b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } });
    const reordered = idempotencyOf('k', 'POST', '/api/v1/x', { a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 });
    expect(sameRequest(first.requestHash, reordered)).toBe(true);
    expect(sameRequest(first.requestHash, idempotencyOf('k', 'POST', '/api/v1/x', { a: { c: null, d: [{ e: 3, f: 2 }, 1] }, b: 1 }))).toBe(false);
    expect(sameRequest(first.requestHash, idempotencyOf('k', 'POST', '/api/v1/y', { b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }))).toBe(false);
  });

  it('a key stored before fields were put in order (its hash of the body as sent) still matches its own request', () => {
    const body = { reason: 'r', decision: 'accepted' };
    const storedThen = createHash('sha256').update(JSON.stringify(['POST', '/api/v1/x', body])).digest('hex');
    expect(sameRequest(storedThen, idempotencyOf('k', 'POST', '/api/v1/x', body))).toBe(true);
    expect(sameRequest(storedThen, idempotencyOf('k', 'POST', '/api/v1/x', { ...body, reason: 'other' }))).toBe(false);
    expect(sameRequest(null, idempotencyOf('k', 'POST', '/api/v1/x', body))).toBe(false);
  });
});
