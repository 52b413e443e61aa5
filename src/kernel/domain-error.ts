/**
 * Errors a domain rule raises. They carry no HTTP status: the HTTP layer maps
 * each kind to one (DOMAIN_ERROR_STATUS in http/http-exception.filter.ts), so the domain stays free of
 * the framework.
 */
export type DomainErrorKind =
  | 'invalid' // 400: the input itself is wrong
  | 'forbidden' // 403: this actor may not do this
  | 'not_found' // 404
  | 'conflict' // 409: a domain rule refused it
  | 'precondition_failed'; // 412: If-Match did not match

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, details?: FieldProblem[]) =>
  new DomainError('invalid', message, details);
/**
 * Text with nothing a reader sees: only whitespace and invisible format characters (zero-width spaces and
 * joiners, direction marks, the byte-order mark: Unicode's Cf). `trim()` keeps those, and a title of a
 * zero-width space showed as nothing.
 */
export const isBlank = (text: string): boolean => /^[\s\p{Cf}]*$/u.test(text);

/** Required text: missing, empty or only whitespace is refused, naming the field (any aggregate's rule, beside the DTOs' IsNotBlank). */
export function requireText(field: string, value: string | null | undefined): void {
  if (typeof value !== 'string' || isBlank(value)) throw invalid(`${field} must not be empty`, [{ field, message: 'must not be empty' }]);
}
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string) => new DomainError('conflict', message);

/** An Idempotency-Key, or a web form's key, already used with another request: refused (409), whatever this one asks. */
export class KeyReusedError extends DomainError {
  constructor(key: string) {
    super('conflict', `Idempotency-Key "${key}" was already used with a different request`);
    this.name = 'KeyReusedError';
  }
}
export const preconditionFailed = (message: string) =>
  new DomainError('precondition_failed', message);
