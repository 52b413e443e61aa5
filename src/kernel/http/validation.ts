import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Every body and query is validated; unknown fields are refused, not silently dropped. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      return new BadRequestException({
        message: `Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
        details,
      });
    },
  });
