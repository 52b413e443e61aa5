import { dictionary } from '@zxcvbn-ts/language-common';

/** The shortest password accepted, in characters (code points: "ålänning" is 8 whatever its bytes). */
export const PASSWORD_MIN_LENGTH = 12;
/** The longest: sign-in takes passwords of up to 200 characters, so a password set here can always be typed there. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemKind = 'tooShort' | 'tooLong' | 'common';

const MESSAGES: Record<'sv' | 'en', Record<PasswordProblemKind, string>> = {
  sv: {
    tooShort: `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken.`,
    tooLong: `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`,
    common: 'Lösenordet är för vanligt och lätt att gissa. Välj ett annat, gärna flera ord i följd.',
  },
  en: {
    tooShort: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
    tooLong: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
    common: 'The password is too common and easy to guess. Choose another, perhaps several words in a row.',
  },
};

let common: Set<string> | null = null;

/**
 * The list of common passwords that @zxcvbn-ts maintains (about 49,000, all
 * lower case), made into a set on first use: a password on it is refused
 * whatever its letters' case, since guessers try those variants first.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase()));
  return common;
}

/** Why a password may not be used, or null when it may. Length and the common list only: no rules about digits or symbols (NIST SP 800-63B). */
export function passwordProblemKind(password: string): PasswordProblemKind | null {
  const characters = [...password.normalize('NFC')].length;
  if (characters < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (characters > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (commonPasswords().has(password.toLowerCase())) return 'common';
  return null;
}

/** The same, in words for the user (English for the API, the page's language on the web); null when the password may be used. */
export function passwordProblem(password: string, language: 'sv' | 'en' = 'en'): string | null {
  const kind = passwordProblemKind(password);
  return kind ? MESSAGES[language][kind] : null;
}
