/**
 * An email address as it is stored and looked up: its Unicode in one form (NFC: `å` typed as one character or
 * as `a` and a ring is the same address), without surrounding space, in lower case. Without the NFC step two
 * accounts could be made for addresses that look the same, and signing in with one reached the other.
 */
export const normalEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase();
