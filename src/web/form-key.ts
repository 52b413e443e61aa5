import { randomUUID } from 'node:crypto';
import { idempotencyOf, writeContext, type WriteContext } from '../event-store/command-runner';
import type { WebRequest } from './web-context';
import { CSRF_FIELD } from './web-session';

/**
 * Every form carries its own key, made when the form is rendered (the csrf
 * partial writes it beside the form token), and a form's write uses it as the
 * API uses an Idempotency-Key: a form sent twice (a double click, a reload of
 * the POST) makes one change, and the second answer is the first's.
 */
export const FORM_KEY_FIELD = '_formKey';

export const newFormKey = (): string => randomUUID();

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The write context of a form post: the signed-in user, and the form's key
 * with a hash of what was sent (the same key with other input is refused, as
 * the API refuses it). A post without a key (an older page) writes as before.
 */
export function formWriteContext(req: WebRequest, body: Record<string, unknown>): WriteContext {
  const { [CSRF_FIELD]: _token, [FORM_KEY_FIELD]: key, ...sent } = body;
  const usable = typeof key === 'string' && KEY.test(key);
  return writeContext(req.web!.user!, {
    // Prefixed, so a form's key can never be taken for a key an API client chose.
    idempotency: usable ? idempotencyOf(`form:${key.toLowerCase()}`, 'POST', req.path, sent) : null,
  });
}

/** What was typed into a form, to show it again after a refusal: neither the token nor the form's key (a new form gets a new one). */
export const typedValues = <T extends Record<string, unknown>>(body: T): Omit<T, typeof CSRF_FIELD | typeof FORM_KEY_FIELD> => {
  const { [CSRF_FIELD]: _token, [FORM_KEY_FIELD]: _key, ...values } = body;
  return values;
};
