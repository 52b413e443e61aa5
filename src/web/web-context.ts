import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { routes } from '../kernel/paths';
import type { User } from '../auth/users';
import type { UnitNames } from './unit-names';
import type { RestoredDraft } from './form-drafts';
import type { Dictionary, Language } from './i18n';

/** What every page knows about the request: who, in which language, and the form token. */
export interface WebContext {
  user: User | null;
  lang: Language;
  t: Dictionary;
  csrf: string;
  /** The units' names in this language, from the units table. */
  units: UnitNames;
  /** A form this user posted after their session ended, shown again on the page it was on (form-drafts.ts). */
  draft?: RestoredDraft | null;
}

export type WebRequest = Request & { web?: WebContext; user?: User };

export const WEB_PUBLIC = 'web:public';
/** A page anyone may see without signing in (the sign-in page itself, the public progress page). */
export const WebPublic = () => SetMetadata(WEB_PUBLIC, true);

/**
 * Why the sign-in page is shown: the session ended (its cookie came and was refused), and
 * then perhaps with a form kept to come back to; null when no one was signed in.
 */
export type SignInReason = 'session' | 'form' | null;

/** Thrown when a page needs a signed-in user; the web filter turns it into a redirect to the sign-in page. */
export class SignInRequired extends Error {
  constructor(
    readonly next: string,
    readonly reason: SignInReason = null,
  ) {
    super('Sign in first');
    this.name = 'SignInRequired';
  }
}

/** A form posted without the token of this browser's session. */
export class CsrfRejected extends Error {
  constructor() {
    super('The form token is missing or does not match');
    this.name = 'CsrfRejected';
  }
}

export const SIGN_IN_PATH = routes.signIn;
/** The sign-in page's query parameter that says why it is shown (SignInReason). */
export const SIGN_IN_REASON_PARAM = 'orsak';
/** Where signing in leads when no page was asked for: the front door, which knows each role's start page. */
export const HOME_PATH = routes.home;
