import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { ROLES } from '../kernel/actor';
import { DomainError, forbidden } from '../kernel/domain-error';
import { describeTimeline } from '../recommendations/timeline';
import { ListUnitsQuery, type UnitView } from '../units/units.cqrs';
import { invalidForm, refusal, type FieldErrors, type FormProblem, type Form } from '../web/form-problems';
import { roleName, type Dictionary } from '../web/i18n';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';
import { GetUserHistoryQuery } from './get-user/get-user.query';
import { GetUserQuery, ListUsersQuery, type UserView } from './users.cqrs';
import { userSentences } from './user-sentences';
import { userListView, userSortHeaders } from './list-users/user-order';

/** Users a page shows at once; the rest are a "next page" away. */
const PAGE_SIZE = 50;

/** The form's fields in the user's words: a blank required field says so, a missing unit says why one is needed. */
export function invalidUserForm(form: string, fields: FieldErrors, input: Record<string, unknown>, t: Dictionary): FormProblem {
  const said: FieldErrors = {};
  for (const [name, message] of Object.entries(fields)) {
    const value = input[name];
    said[name] = typeof value !== 'boolean' && (typeof value !== 'string' || value.trim() === '') ? t.errors.required : message;
  }
  return invalidForm(form, said, t);
}

/** A refused user write as its form shows it: a taken address next to the address, the last admin and a missing unit said plainly. */
export function userRefusal(error: unknown, form: string, t: Dictionary): FormProblem {
  if (error instanceof DomainError && error.kind === 'conflict' && /already exists/.test(error.message)) {
    return { ...invalidForm(form, { email: t.users.emailTaken }, t), detail: error.message, status: 409 };
  }
  if (error instanceof DomainError && error.kind === 'conflict' && /last active admin/.test(error.message)) {
    return { form, message: t.users.lastAdmin, detail: error.message, fields: {}, status: 409 };
  }
  const problem = refusal(error, form, t);
  if (error instanceof DomainError && error.details?.some((d) => d.field === 'unit' && /required/.test(d.message))) {
    problem.fields.unit = t.users.unitRequired;
  }
  return problem;
}

/**
 * The two users pages, shown by a GET and again by every refused form on
 * them: the list, where an admin adds a user, and one user with their
 * history, where an admin changes them. Admins, secretaries and auditors
 * read them, as the API's GET /users; only admins get the forms.
 */
@Injectable()
export class UserPages {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(req: WebRequest, res: Response, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { t, user } = req.web!;
    if (!may(user, 'readUsers')) throw forbidden(`The role ${user!.role} may not read the users`);
    const after = typeof req.query?.efter === 'string' && req.query.efter !== '' ? req.query.efter : null;
    const view = userListView(req.query as Form);
    const page = await this.queries.execute(new ListUsersQuery({ limit: PAGE_SIZE, after }, view));
    const canAdminister = may(user, 'administerUsers');
    this.pages.render(
      req,
      res,
      'users/list-users/users.eta',
      t.users.title,
      { users: page.items, total: page.total, nextAfter: page.nextAfter, view, sortHeaders: userSortHeaders(view), canAdminister, ...(canAdminister ? await this.choices(req, null) : {}), problem, values },
      problem?.status ?? 200,
    );
  }

  async user(req: WebRequest, res: Response, id: string, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { t, lang, units, user } = req.web!;
    if (!may(user, 'readUsers')) throw forbidden(`The role ${user!.role} may not read the users`);
    const shown: UserView = await this.queries.execute(new GetUserQuery(id));
    const history = describeTimeline(await this.queries.execute(new GetUserHistoryQuery(id)), t, lang, units, { more: userSentences(t, units) });
    const canAdminister = may(user, 'administerUsers');
    this.pages.render(
      req,
      res,
      'users/get-user/user.eta',
      shown.name,
      { shown, history, canAdminister, passwordLogin: this.config.passwordLogin, ...(canAdminister ? await this.choices(req, shown.unit) : {}), problem, values },
      problem?.status ?? 200,
    );
  }

  /** The forms' choices: every role, the units in use (and the user's own, even if retired), both languages. */
  private async choices(req: WebRequest, current: string | null) {
    const { t, lang } = req.web!;
    const inUse: UnitView[] = await this.queries.execute(new ListUnitsQuery(false));
    const units = [{ value: '', label: t.users.noUnit }, ...inUse.map((u) => ({ value: u.id, label: lang === 'en' ? u.nameEn : u.name }))];
    if (current !== null && !inUse.some((u) => u.id === current)) units.push({ value: current, label: req.web!.units[current] ?? current });
    return {
      roles: ROLES.map((r) => ({ value: r, label: roleName(t, r) })),
      unitChoices: units,
      languages: (['sv', 'en'] as const).map((l) => ({ value: l, label: t.users.languages[l] })),
    };
  }
}
