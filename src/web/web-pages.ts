import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { routes } from '../kernel/paths';
import type { User } from '../auth/users';
import { unitName, type UnitNames } from '../units/unit-names';
import { DEFAULT_LANGUAGE, dictionary, formatDay, formatInstant, roleName, type Dictionary, type Language } from './i18n';
import { CSRF_FIELD, LANGUAGE_COOKIE, parseCookies, parseLanguage } from './web-session';
import type { FormProblem } from './form-problems';
import type { WebContext, WebRequest } from './web-context';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

/** Formatting helpers the templates use; all of them return plain text, which the template escapes. */
export function helpers(t: Dictionary, lang: Language, units: UnitNames) {
  return {
    day: (day: string | null | undefined) => (day ? formatDay(day, lang) : ''),
    instant: (instant: string | null | undefined) => (instant ? formatInstant(instant, lang) : ''),
    unit: (unit: string) => unitName(units, unit),
    role: (role: string) => roleName(t, role),
    recStatus: (status: string) => (t.recommendationStatus as Record<string, string>)[status] ?? status,
    actionStatus: (status: string) => (t.actionStatus as Record<string, string>)[status] ?? status,
    pct: (n: number) => (lang === 'sv' ? `${n} %` : `${n}%`),
  };
}

/** For error pages and the like, when the guard did not get as far as building the context (no one is signed in there, so no unit is named). */
export function fallbackContext(req: WebRequest): WebContext {
  const lang = parseLanguage(parseCookies(req.headers.cookie)[LANGUAGE_COOKIE]) ?? DEFAULT_LANGUAGE;
  return req.web ?? { user: null, lang, t: dictionary(lang), csrf: '', units: {} };
}

/** Renders a page with what every page shows: the language, the signed-in user, the menu, the form token, a notice. */
@Injectable()
export class WebPages {
  /** A page is in the menu for those the permissions table lets use it, the same table the API's routes name. */
  nav(user: User | null, t: Dictionary, path: string): NavItem[] {
    if (!user) return [];
    const items: [string, string, boolean][] = [
      [routes.recommendations, t.nav.recommendations, true],
      [routes.myActions, t.nav.myActions, may(user, 'seeMyActions')],
      [routes.reviews, t.nav.reviews, true],
      [routes.notReported, t.nav.notReported, may(user, 'seeNotReported')],
      [routes.reports, t.nav.reports, may(user, 'readReports')],
      [routes.auditLog, t.nav.auditLog, may(user, 'readAuditLog')],
      [routes.units, t.units.title, may(user, 'manageUnits')],
      [routes.users, t.users.title, may(user, 'readUsers')],
      [routes.publicPage, t.nav.publicPage, true],
    ];
    return items
      .filter(([, , shown]) => shown)
      .map(([href, label]) => ({ href, label, current: path === href || path.startsWith(`${href}/`) }));
  }

  /**
   * `view` is a template's path under src/ (`recommendations/get-recommendation/recommendation.eta`),
   * or the bare name of one of the shell's own under src/web/views (`error.eta`).
   */
  render(req: WebRequest, res: Response, view: string, title: string, data: Record<string, unknown> = {}, status = 200): void {
    const ctx = fallbackContext(req);
    const noticeKey = typeof req.query?.klart === 'string' ? req.query.klart : null;
    const notice = noticeKey ? ((ctx.t.notices as Record<string, string>)[noticeKey] ?? null) : null;
    const problem = (data.problem ?? null) as FormProblem | null;
    const values = (data.values ?? {}) as Record<string, string | undefined>;
    /** A field's id, its value (what was typed, after a refused submit of its form) and its error. */
    const field = (form: string, name: string, fallback: unknown = '') => {
      const mine = problem?.form === form;
      return {
        id: `${form}-${name}`,
        name,
        value: mine ? (values[name] ?? '') : fallback === null || fallback === undefined ? '' : String(fallback),
        error: mine ? (problem.fields[name] ?? null) : null,
      };
    };
    /** Everything the field partial needs: field() plus its label, type and other options. */
    const input = (form: string, name: string, options: Record<string, unknown> & { value?: unknown } = {}) => {
      const { value, ...rest } = options;
      return { ...field(form, name, value), requiredWord: ctx.t.forms.required, ...rest };
    };
    res.status(status).render(view.includes('/') ? view : `web/views/${view}`, {
      title,
      t: ctx.t,
      lang: ctx.lang,
      user: ctx.user,
      csrf: ctx.csrf,
      csrfField: CSRF_FIELD,
      path: req.path,
      here: req.originalUrl,
      nav: this.nav(ctx.user, ctx.t, req.path),
      notice,
      h: helpers(ctx.t, ctx.lang, ctx.units),
      field,
      input,
      ...data,
      problem,
      values,
    });
  }
}
