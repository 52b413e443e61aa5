import { HttpException } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError, KeyReusedError, type DomainErrorKind } from '../kernel/domain-error';
import { DOMAIN_ERROR_STATUS } from '../kernel/http/http-exception.filter';
import type { Dictionary } from './i18n';

/** A form as posted: every field a string, none required by the browser's say-so. */
export type Form = Record<string, string | undefined>;

/** What was typed into a form, to show it again after a refusal; the form token is the page's own. */
export const withoutToken = ({ _csrf: _token, ...values }: Form): Form => values;

/** Input name → message, in the user's language, shown next to the field. */
export type FieldErrors = Record<string, string>;

/** What a failed form submission shows: a message above the form, messages next to fields, the form's id. */
export interface FormProblem {
  form: string;
  message: string;
  /** The system's own (English) explanation, shown under the message for a refused write. */
  detail: string | null;
  fields: FieldErrors;
  status: number;
}

interface Violation {
  field: string;
  constraints: string[];
}

function violations(errors: ValidationError[], parent = ''): Violation[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, constraints: Object.keys(e.constraints) }] : [];
    return [...own, ...violations(e.children ?? [], field)];
  });
}

/** Fields whose pattern has its own message; any other pattern gets the generic one. */
const PATTERN_MESSAGE: Record<string, keyof Dictionary['errors']> = { responsibleUnit: 'unit', code: 'code' };

/** The one message a field gets, from the most telling of its failed constraints. */
export function messageFor(field: string, constraints: string[], t: Dictionary): string {
  const last = field.split('.').pop() ?? field;
  const has = (c: string) => constraints.includes(c);
  if (has('isNotEmpty') || has('isNotBlank') || has('minLength') || has('isString')) return t.errors.required;
  // Before the length: a missing address fails both (a cell left empty in an import was "too long"), and one too long is no address either.
  if (has('isEmail')) return t.errors.email;
  if (has('maxLength')) return t.errors.tooLong;
  if (has('isDay') || has('isInstant') || has('isDayOrInstant')) return t.errors.date;
  if (has('dateInRange')) return t.errors.dateRange;
  if (has('isInt') || has('min') || has('max')) return t.errors.percent;
  if (has('isUrl')) return t.errors.url;
  if (has('isIn')) return t.errors.choice;
  if (has('matches')) return t.errors[PATTERN_MESSAGE[last] ?? 'invalid'];
  return t.errors.invalid;
}

/** Validates a form with the API's own request DTO, so the UI accepts exactly what the API accepts. */
export async function validateForm<T extends object>(
  dto: ClassConstructor<T>,
  input: Record<string, unknown>,
  t: Dictionary,
  inputName: (field: string) => string = (f) => f,
): Promise<{ ok: true; value: T } | { ok: false; fields: FieldErrors }> {
  const value = plainToInstance(dto, input);
  // `value` is always an instance of `dto`: an "unknown value" could only be a DTO with nothing to check (a withdrawal's
  // button), which class-validator refused with an error naming no field, and the page answered 500.
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, value };
  const fields: FieldErrors = {};
  for (const v of violations(errors)) {
    const name = inputName(v.field);
    fields[name] ??= messageFor(v.field, v.constraints, t);
  }
  return { ok: false, fields };
}

/** What a form says above itself for each kind of refusal (the status comes from the kernel's one map). */
const DOMAIN_MESSAGE: Record<DomainErrorKind, keyof Dictionary['errors']> = {
  invalid: 'invalidForm',
  forbidden: 'forbidden',
  not_found: 'notFound',
  conflict: 'conflict',
  precondition_failed: 'staleForm',
};

/** What a form or an error page says for a status that is not a domain refusal. */
export function statusMessage(status: number, t: Dictionary): string {
  if (status === 404) return t.errors.notFound;
  if (status === 403) return t.errors.forbidden;
  if (status === 429) return t.errors.tooMany;
  if (status === 503) return t.errors.unavailable;
  return status < 500 ? t.errors.badRequest : t.errors.server;
}

/** Fields whose refusal by the command handler has its own message; any other gets the generic one. */
const REFUSAL_MESSAGE: Record<string, keyof Dictionary['errors']> = { ownerEmail: 'owner', responsibleUnit: 'unknownUnit', unit: 'unknownUnit' };

/**
 * A write the command handler refused, as the form shows it: the kind in the
 * user's language, fields the rule named next to them, and the domain's own
 * sentence (English) as detail. Anything that is not a refusal is rethrown.
 */
export function refusal(error: unknown, form: string, t: Dictionary, inputName: (field: string) => string = (f) => f): FormProblem {
  if (error instanceof DomainError) {
    const fields: FieldErrors = {};
    for (const d of error.details ?? []) {
      fields[inputName(d.field)] ??= /empty|^is required/.test(d.message)
        ? t.errors.required
        : /^must not be before today/.test(d.message)
          ? t.errors.notBeforeToday
          : t.errors[REFUSAL_MESSAGE[d.field] ?? 'invalid'];
    }
    // A form sent again with other input (Back in the browser, changed, sent): nothing new was written; shown again, it has a key of its own.
    const message = error instanceof KeyReusedError ? t.errors.formSentBefore : t.errors[DOMAIN_MESSAGE[error.kind]];
    return { form, message, detail: error.message, fields, status: DOMAIN_ERROR_STATUS[error.kind] };
  }
  // A 503 says what could not be done right now and why (a report the app stopped under): the form stays, filled in, with it.
  if (error instanceof HttpException && (error.getStatus() < 500 || error.getStatus() === 503)) {
    const status = error.getStatus();
    return { form, message: statusMessage(status, t), detail: error.message, fields: {}, status };
  }
  throw error;
}

export const invalidForm = (form: string, fields: FieldErrors, t: Dictionary): FormProblem => ({
  form,
  message: t.errors.invalidForm,
  detail: null,
  fields,
  status: 400,
});

/** Form values are strings; an empty optional field means "not given". */
export const optional = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** "40" → 40; anything else stays as typed, so the DTO names it. */
export const wholeNumber = (value: unknown): unknown => (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value);

/**
 * `meeting.body` → `meetingBody`, `evidence.0.url` → `evidenceUrl1`: DTO paths
 * to the form's input names. Empty evidence rows are left out of the DTO, so
 * `evidenceRows` says which form row each array item came from.
 */
export function formInputName(field: string, evidenceRows: number[] = []): string {
  const evidence = /^evidence\.(\d+)\.(title|url)$/.exec(field);
  if (evidence) {
    const row = evidenceRows[Number(evidence[1])] ?? Number(evidence[1]) + 1;
    return `evidence${evidence[2] === 'url' ? 'Url' : 'Title'}${row}`;
  }
  const meeting = /^meeting\.(\w+)$/.exec(field);
  if (meeting) return `meeting${meeting[1][0].toUpperCase()}${meeting[1].slice(1)}`;
  return field;
}
