import { passwordProblem, passwordProblemKind } from './password-policy';

describe('the password policy', () => {
  it('takes any password of 12 characters or more that is not common, with no rules about digits or symbols', () => {
    expect(passwordProblem('korvbrödsbagare')).toBeNull();
    expect(passwordProblem('lilla hunden sover')).toBeNull();
    expect(passwordProblem('abcdefghijkm')).toBeNull();
  });

  it('counts characters, not bytes: 11 letters with å, ä and ö are too short, 12 are enough', () => {
    expect(Buffer.byteLength('åäöåäöåäöåä')).toBeGreaterThan(12);
    expect(passwordProblemKind('åäöåäöåäöåä')).toBe('tooShort');
    expect(passwordProblemKind('åäöåäöåäöåäö')).toBeNull();
    // An emoji is one character (two UTF-16 units): eleven of them are still too short.
    expect(passwordProblemKind('🐟'.repeat(11))).toBe('tooShort');
  });

  it('refuses a password from the common list, in any case', () => {
    expect(passwordProblemKind('qwerty123456')).toBe('common');
    expect(passwordProblemKind('QWERTY123456')).toBe('common');
    expect(passwordProblemKind('1qaz2wsx3edc')).toBe('common');
  });

  it('refuses one longer than sign-in accepts', () => {
    expect(passwordProblemKind('a'.repeat(129))).toBe('tooLong');
    expect(passwordProblemKind('a'.repeat(128))).toBeNull();
  });

  it('says why in Swedish or English', () => {
    expect(passwordProblem('kort', 'sv')).toBe('Lösenordet måste ha minst 12 tecken.');
    expect(passwordProblem('kort', 'en')).toBe('The password must have at least 12 characters.');
    expect(passwordProblem('qwerty123456', 'sv')).toMatch(/för vanligt/);
    expect(passwordProblem('qwerty123456')).toMatch(/too common/);
  });
});
