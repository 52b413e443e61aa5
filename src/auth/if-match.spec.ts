import { DomainError } from '../kernel/domain-error';
import { parseIfMatch } from './auth.decorators';

describe('If-Match', () => {
  it('is the version a read sent as its ETag; a weakened or bare one is the same version', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch(' 3 ')).toBe(3);
  });

  it('absent or * holds the write to no version', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('')).toBeNull();
    expect(parseIfMatch('*')).toBeNull();
  });

  it('anything else is a 400 naming the header', () => {
    for (const header of ['"abc"', '"1", "2"', '-1', '"3']) {
      let thrown: unknown = null;
      try {
        parseIfMatch(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).details).toEqual([{ field: 'If-Match', message: 'must be a quoted version number such as "3"' }]);
    }
  });
});
