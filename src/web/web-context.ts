import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { routes } from '../kernel/paths';
import type { User } from '../auth/users';
import type { UnitNames } from '../units/unit-names';
import type { Dictionary, Language } from './i18n';

/** What every page knows about the request: who, in which language, and the form token. */
export interface WebContext {
  user: User | null;
  lang: Language;
  t: Dictionary;
  csrf: string;
  /** The units' names in this language, from the units table. */
  units: UnitNames;
}

export type WebRequest = Request & { web?: WebContext; user?: User };

export const WEB_PUBLIC = 'web:public';
/** A page anyone may see without signing in (the sign-in page itself, the public progress page). */
export const WebPublic = () => SetMetadata(WEB_PUBLIC, true);

/** Thrown when a page needs a signed-in user; the web filter turns it into a redirect to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly next: string) {
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
export const HOME_PATH = routes.recommendations;
