import { randomUUID } from 'node:crypto';
import { DomainError } from '../kernel/domain-error';
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

/**
 * A form that sets fields as they stood on the page (an action's title, a user's role, a unit's
 * name) carries the version it was rendered from, and its write is refused if the stream has
 * moved on since, as the API's If-Match is: otherwise the later of two people editing at once
 * silently put back what the earlier one had changed, fields they never touched included.
 */
export const VERSION_FIELD = '_version';

/** Beside the version, the fields as the form showed them (JSON): after such a refusal, a field the user left as it was shows what holds now, one they changed what they typed. */
export const SEEN_FIELD = '_seen';

const versionOf = (sent: unknown): number | null => (typeof sent === 'string' && /^\d{1,15}$/.test(sent) ? Number(sent) : null);

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The write context of a form post: the signed-in user, and the form's key
 * with a hash of what was sent (the same key with other input is refused, as
 * the API refuses it). A post without a key (an older page) writes as before.
 */
export function formWriteContext(req: WebRequest, body: Record<string, unknown>): WriteContext {
  const { [CSRF_FIELD]: _token, [FORM_KEY_FIELD]: key, [VERSION_FIELD]: version, [SEEN_FIELD]: _seen, ...sent } = body;
  const usable = typeof key === 'string' && KEY.test(key);
  return writeContext(req.web!.user!, {
    // Prefixed, so a form's key can never be taken for a key an API client chose.
    idempotency: usable ? idempotencyOf(`form:${key.toLowerCase()}`, 'POST', req.path, sent) : null,
    ifMatch: versionOf(version),
  });
}

/** What was typed into a form, to show it again after a refusal: neither the token nor the form's key (a new form gets a new one) nor the version (it is the page's own). */
export const typedValues = <T extends Record<string, unknown>>(body: T): Omit<T, typeof CSRF_FIELD | typeof FORM_KEY_FIELD | typeof VERSION_FIELD | typeof SEEN_FIELD> => {
  const { [CSRF_FIELD]: _token, [FORM_KEY_FIELD]: _key, [VERSION_FIELD]: _version, [SEEN_FIELD]: _seen, ...values } = body;
  return values;
};

/**
 * What a refused form shows again: what was typed. Refused because someone else changed the thing
 * meanwhile (VERSION_FIELD), it shows
 * what the user changed, as they typed it; a field they left as it was shown is left out, so the
 * page shows what holds now (the other person's change) rather than putting back what it replaced.
 */
export function typedAfterRefusal<T extends Record<string, unknown>>(body: T, error: unknown): Partial<ReturnType<typeof typedValues<T>>> {
  const values = typedValues(body);
  if (!(error instanceof DomainError && error.kind === 'precondition_failed')) return values;
  const shown = seenOf(body[SEEN_FIELD]);
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => !(name in shown) || shown[name] !== value)) as Partial<ReturnType<typeof typedValues<T>>>;
}

function seenOf(sent: unknown): Record<string, unknown> {
  try {
    const seen: unknown = typeof sent === 'string' ? JSON.parse(sent) : null;
    return seen !== null && typeof seen === 'object' && !Array.isArray(seen) ? (seen as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
