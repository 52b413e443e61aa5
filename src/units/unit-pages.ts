import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { DomainError } from '../kernel/domain-error';
import { invalidForm, refusal, type FieldErrors, type FormProblem, type Form } from '../web/form-problems';
import type { Dictionary } from '../web/i18n';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';
import { GetUnitQuery, ListUnitsQuery, type UnitView } from './units.cqrs';

/** The form's fields in the user's words: a blank required field says so, a bad code says what a code looks like. */
export function unitFieldErrors(fields: FieldErrors, input: Record<string, unknown>, t: Dictionary): FieldErrors {
  const said: FieldErrors = {};
  for (const [name, message] of Object.entries(fields)) {
    const value = input[name];
    if (typeof value !== 'boolean' && (typeof value !== 'string' || value.trim() === '')) said[name] = t.errors.required;
    else if (name === 'id') said[name] = t.units.idError;
    else said[name] = message;
  }
  return said;
}

/** An invalid form, as the units' forms show it. */
export const invalidUnitForm = (form: string, fields: FieldErrors, input: Record<string, unknown>, t: Dictionary): FormProblem =>
  invalidForm(form, unitFieldErrors(fields, input, t), t);

/**
 * A refused unit write as its form shows it: a taken code next to the code,
 * open actions as the list the domain gave (they are why the unit cannot be
 * retired), anything else as every form shows a refusal.
 */
export function unitRefusal(error: unknown, form: string, t: Dictionary): { problem: FormProblem; openActions: string[] } {
  if (error instanceof DomainError && error.kind === 'conflict' && error.details?.some((d) => d.field === 'active')) {
    const openActions = error.details.filter((d) => d.field === 'active').map((d) => d.message);
    return { problem: { form, message: t.units.openActions, detail: error.message, fields: {}, status: 409 }, openActions };
  }
  if (error instanceof DomainError && error.kind === 'conflict' && error.details?.some((d) => d.field === 'id')) {
    return { problem: { ...invalidForm(form, { id: t.units.idTaken }, t), detail: error.message, status: 409 }, openActions: [] };
  }
  return { problem: refusal(error, form, t), openActions: [] };
}

/**
 * The two units pages, shown by a GET and again by every refused form on
 * them (with the problem next to its fields): the list, where an admin adds a
 * unit, and one unit, where an admin renames, retires or reinstates it.
 * Everyone signed in may read them; only admins get the forms.
 */
@Injectable()
export class UnitPages {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  async list(req: WebRequest, res: Response, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { t, user } = req.web!;
    const all = req.query?.alla === 'ja';
    const units: UnitView[] = await this.queries.execute(new ListUnitsQuery(all));
    this.pages.render(req, res, 'units/list-units/units.eta', t.units.title, { units, all, canManage: may(user, 'manageUnits'), problem, values }, problem?.status ?? 200);
  }

  async unit(req: WebRequest, res: Response, id: string, refused: { problem: FormProblem; openActions: string[] } | null = null, values: Form = {}): Promise<void> {
    const { user, lang } = req.web!;
    const unit: UnitView = await this.queries.execute(new GetUnitQuery(id));
    // Named in the page's language, as every other page names it (the form shows both names).
    const shownName = lang === 'en' ? unit.nameEn : unit.name;
    this.pages.render(
      req,
      res,
      'units/change-unit/unit.eta',
      shownName,
      { unit, shownName, canManage: may(user, 'manageUnits'), canReadLog: may(user, 'readAuditLog'), problem: refused?.problem ?? null, openActions: refused?.openActions ?? [], values },
      refused?.problem.status ?? 200,
    );
  }
}
