import { DomainError } from '../../src/kernel/domain-error';

/**
 * What a pure decide refused with: the DomainError it threw, so a spec can
 * assert its kind and message. Anything else it throws is a bug, not a
 * refusal, and fails the spec as thrown; not throwing at all fails it too.
 */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
