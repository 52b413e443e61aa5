import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { routes } from '../kernel/paths';
import type { User } from '../auth/users';
import { unitName, type UnitNames } from './unit-names';
import { DEFAULT_LANGUAGE, dictionary, formatDay, formatInstant, roleName, type Dictionary, type Language } from './i18n';
import { CSRF_FIELD, LANGUAGE_COOKIE, parseCookies, parseLanguage, safeLocalPath } from './web-session';
import type { FormProblem } from './form-problems';
import { FORM_KEY_FIELD, newFormKey } from './form-key';
import { FROM_FIELD, type RestoredDraft } from './form-drafts';
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
      [routes.overview, t.overview.title, true],
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
  render(req: WebRequest, res: Response, view: string, title: string, data: Record<string, unknown> = {}, status = 200, into?: (html: string) => void): void {
    const ctx = fallbackContext(req);
    const draft = ctx.draft;
    if (draft && !data.problem) {
      ctx.draft = null;
      return this.restore(req, res, view, title, data, status, draft);
    }
    const noticeKey = typeof req.query?.klart === 'string' ? req.query.klart : null;
    const notice = noticeKey ? ((ctx.t.notices as Record<string, string>)[noticeKey] ?? null) : null;
    const problem = (data.problem ?? null) as FormProblem | null;
    const values = (data.values ?? {}) as Record<string, string | undefined>;
    /** A field's id, its value (what was typed, after a refused submit of its form; else what the page holds) and its error. */
    const field = (form: string, name: string, fallback: unknown = '') => {
      const mine = problem?.form === form;
      return {
        id: `${form}-${name}`,
        name,
        // A field the refused form did not send back (one left as it was when someone else changed the thing, form-key.ts) shows what holds now.
        value: mine && values[name] !== undefined ? values[name] : fallback === null || fallback === undefined ? '' : String(fallback),
        error: mine ? (problem.fields[name] ?? null) : null,
      };
    };
    /** Everything the field partial needs: field() plus its label, type and other options. */
    const input = (form: string, name: string, options: Record<string, unknown> & { value?: unknown } = {}) => {
      const { value, ...rest } = options;
      return { ...field(form, name, value), requiredWord: ctx.t.forms.required, ...rest };
    };
    const template = view.includes('/') ? view : `web/views/${view}`;
    // `into`: the HTML for restore() to look at, not sent (a failure to render sends the page as usual, which fails the same way).
    const send = (options: object) =>
      into ? res.render(template, options, (error: Error | null, html: string) => (error ? res.status(status).render(template, options) : into(html))) : res.status(status).render(template, options);
    send({
      title,
      t: ctx.t,
      lang: ctx.lang,
      user: ctx.user,
      csrf: ctx.csrf,
      csrfField: CSRF_FIELD,
      // Each form's own key, made as the form is rendered: see form-key.ts.
      formKey: newFormKey,
      formKeyField: FORM_KEY_FIELD,
      path: req.path,
      // The page a form is on, which it carries (partials/csrf.eta) to come back to after signing in; after a refused post, the page it came from.
      from: req.method === 'GET' ? req.originalUrl : safeLocalPath((req.body as Record<string, unknown> | undefined)?.[FROM_FIELD], req.originalUrl),
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

  /**
   * A page shown again after signing in, with the form that was posted when the
   * session had ended filled in as it was typed (form-drafts.ts). Which form is
   * found on the page as rendered: the one whose action is where the draft was
   * posted; its name comes from its fields' ids (`<form>-<name>`, field()). The
   * page is then rendered as after a refused submit of that form, so its own
   * templates put every value back, open its disclosure, and nothing is sent.
   */
  private restore(req: WebRequest, res: Response, view: string, title: string, data: Record<string, unknown>, status: number, draft: RestoredDraft): void {
    this.render(req, res, view, title, data, status, (html) => {
      const form = formNamed(html, draft);
      if (!form) return void res.status(status).send(html);
      const t = fallbackContext(req).t;
      const restored = { form, message: '', detail: null, fields: {}, status, restored: true };
      this.render(req, res, view, title, { ...data, problem: restored, values: draft.values, notice: t.login.formKept }, status);
    });
  }
}

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The name of the form on the page that posts to the draft's address, from its fields' ids; null if the page has no such form. */
export function formNamed(html: string, draft: Pick<RestoredDraft, 'action'>): string | null {
  for (const open of html.matchAll(/<form\b[^>]*\baction="([^"]*)"[^>]*>/g)) {
    if (unescapeHtml(open[1]).split(/[?#]/)[0] !== draft.action) continue;
    const start = open.index + open[0].length;
    const end = html.indexOf('</form>', start);
    const body = html.slice(start, end < 0 ? undefined : end);
    for (const f of body.matchAll(/\bid="([^"]+)" name="([^"]+)"/g)) {
      const [, id, name] = f;
      if (id.endsWith(`-${name}`)) return id.slice(0, -name.length - 1);
    }
  }
  return null;
}
