import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '../domain-error';

/**
 * The checks told first when a field fails several: being there and being text (or a number…) before
 * its length or shape. A missing title fails `maxLength` too, and was told "must be shorter than or
 * equal to 300 characters".
 */
const TOLD_FIRST = ['isDefined', 'isNotEmpty', 'isNotBlank', 'isString', 'isInt', 'isBoolean', 'isObject', 'isArray', 'minLength', 'isEmail'];
const rank = (check: string) => (TOLD_FIRST.includes(check) ? TOLD_FIRST.indexOf(check) : TOLD_FIRST.length);

/** A field's failed checks' messages, the most telling first (TOLD_FIRST). */
export const orderedMessages = (constraints: Record<string, string> | undefined): string[] =>
  Object.entries(constraints ?? {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, message]) => message);

/** Flattens class-validator's tree into one `{ field, message }` per problem, with dotted paths, the most telling of a field's first. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = orderedMessages(e.constraints).map((message) => ({
      field,
      message: message.startsWith(`property ${e.property} should not exist`) ? 'is not a known field' : message,
    }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

/** Half of a UTF-16 pair without its other half: no character, and not text UTF-8 can hold (each database stored something else). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no text may hold, whatever field it is in. NUL: PostgreSQL cannot store
 * it in text (the write failed with a 500 there and succeeded on SQLite), and
 * no user means it. A lone surrogate (`"\ud83d"`, half an emoji): the log kept
 * the escape while SQLite's tables held invalid UTF-8 and PostgreSQL U+FFFD, so
 * a write answered 2xx for text it did not keep. Both are refused on both
 * databases alike.
 */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain half of a character pair (a lone surrogate)';
  return null;
}

/**
 * Names every object has from Object.prototype (`toString`, `constructor`, `__proto__`…): class-validator's
 * whitelist looks fields up in a plain object, found these there, and let them through as known fields.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The problems of any input, with or without a DTO, each field named by its
 * dotted path: text no field may hold (textProblem), in values and in keys,
 * and keys named after Object.prototype's members, which no field is.
 */
export function inputProblems(value: unknown, path = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: path || 'value', message: problem }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    const own = textProblem(key) ?? (PROTOTYPE_NAMES.has(key) ? 'is not a known field' : null);
    return [...(own ? [{ field, message: own }] : []), ...inputProblems(child, field)];
  });
}

/** A copy without the keys named after Object.prototype's members, at any depth: what the DTO's checks may safely read. */
function withoutPrototypeNames(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutPrototypeNames);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !PROTOTYPE_NAMES.has(key)).map(([key, child]) => [key, withoutPrototypeNames(child)]));
}

/** "title must be a string" already names its field (class-validator's messages do); "is not a known field" does not. */
const sentence = ({ field, message }: FieldProblem): string => {
  const own = field.split('.').pop()!;
  return message.startsWith(`${own} `) ? `${field.slice(0, field.length - own.length)}${message}` : `${field} ${message}`;
};

const refusal = (details: FieldProblem[]) =>
  new BadRequestException({
    message: `Invalid input: ${details.map(sentence).join('; ')}`,
    details,
  });

/** The API's validation, plus inputProblems for every argument, whether or not it has a DTO (the web forms' raw query strings too). */
class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = inputProblems(value, metadata.data ?? '');
      // With the rest's problems too, checked without the keys no field may have: `toString` hid a missing title.
      if (problems.length) throw refusal([...problems, ...(await this.otherProblems(withoutPrototypeNames(value), metadata, problems))]);
    }
    return super.transform(value, metadata);
  }

  /** What the DTO finds wrong with the input besides `known`, the fields already named. */
  private async otherProblems(value: unknown, metadata: ArgumentMetadata, known: FieldProblem[]): Promise<FieldProblem[]> {
    try {
      await super.transform(value, metadata);
      return [];
    } catch (error) {
      const details = error instanceof BadRequestException ? ((error.getResponse() as { details?: FieldProblem[] }).details ?? []) : [];
      return details.filter((d) => !known.some((k) => k.field === d.field));
    }
  }

  /**
   * A single parameter stays the text it came as: its own pipe (UuidParam, UpdateIdParam) parses it, and must
   * see "1.0", "1e3" or "abc" as written, not the 1, 1000 or NaN Nest would make of them for a `number`.
   */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

/** Every body and query is validated; unknown fields are refused, not silently dropped. */
export const validationPipe = () =>
  new InputPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => refusal(fieldProblems(errors)),
  });
