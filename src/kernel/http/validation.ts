import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '../domain-error';

/** Flattens class-validator's tree into one `{ field, message }` per problem, with dotted paths. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`property ${e.property} should not exist`) ? 'is not a known field' : message,
    }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

/**
 * Fields holding the NUL character, with dotted paths. PostgreSQL cannot
 * store it in text (the write failed with a 500 there and succeeded on
 * SQLite), and no user means it, so it is refused on both databases alike.
 */
export function fieldsWithNul(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.includes('\u0000') ? [path ? `${path}.${key}` : key] : []),
    ...fieldsWithNul(child, path ? `${path}.${key}` : key),
  ]);
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

/** The API's validation, plus the NUL check for every argument, whether or not it has a DTO (the web forms' raw query strings too). */
class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.data ?? '');
      if (fields.length) throw refusal(fields.map((field) => ({ field, message: 'must not contain the NUL character' })));
    }
    return super.transform(value, metadata);
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
