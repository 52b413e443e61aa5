import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isBlank } from '../domain-error';

export const IS_NOT_BLANK = 'isNotBlank';

/**
 * Required text with something in it: `@MinLength(1)` lets "   " through, and a
 * title or note of whitespace alone says nothing. The domain refuses it too
 * (kernel/domain-error.ts requireText), for writers that skip the DTOs.
 */
export const IsNotBlank = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: IS_NOT_BLANK,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !isBlank(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be empty or only whitespace`,
      },
    },
    options,
  );
