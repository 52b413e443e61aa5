import { applyDecorators, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsObject, registerDecorator, ValidateNested, type ValidationOptions } from 'class-validator';
import { calendarProblem, checkDay, checkDayOrInstant, checkInstant, type CalendarCheck } from '../calendar';

type Expected = 'day' | 'instant' | 'dayOrInstant';
const CHECKS: Record<Expected, (value: unknown) => CalendarCheck> = { day: checkDay, instant: checkInstant, dayOrInstant: checkDayOrInstant };

/**
 * Two constraints per date field, so a form can tell the user which of the
 * two is wrong: the shape and existence of the date (`isDay`, `isInstant`,
 * `isDayOrInstant`), and its range (`dateInRange`), which a malformed value
 * does not also fail.
 */
function calendarField(expected: Expected, options?: ValidationOptions) {
  const check = CHECKS[expected];
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: expected === 'day' ? 'isDay' : expected === 'instant' ? 'isInstant' : 'isDayOrInstant',
      target: target.constructor,
      propertyName,
      options: { message: calendarProblem(propertyName, 'malformed', expected)!, ...options },
      validator: { validate: (value: unknown) => check(value) !== 'malformed' },
    });
    registerDecorator({
      name: 'dateInRange',
      target: target.constructor,
      propertyName,
      options: { message: calendarProblem(propertyName, 'out_of_range', expected)!, ...options },
      validator: { validate: (value: unknown) => check(value) !== 'out_of_range' },
    });
  };
}

/** A calendar date, YYYY-MM-DD, that exists, 1900–2200. */
export const IsDay = (options?: ValidationOptions) => calendarField('day', options);
/** An ISO-8601 instant with a zone whose date and time exist, 1900–2200. */
export const IsInstant = (options?: ValidationOptions) => calendarField('instant', options);
/** A date or an instant, as `asOf` and the audit filters take them. */
export const IsDayOrInstant = (options?: ValidationOptions) => calendarField('dayOrInstant', options);

/**
 * A nested object (or, with `each`, an array of them) validated as its own
 * class. `@ValidateNested` alone lets an array through where an object is
 * expected (`"meeting": []` became a meeting with no body or date, which every
 * later report failed on), so the value must also be an object.
 */
export const Nested = (type: () => new () => object, options?: { each?: boolean }) =>
  applyDecorators(IsObject({ each: options?.each }), ValidateNested({ each: options?.each }), Type(type));

/**
 * A whole number in a query string, as written: digits only. `@Type(() => Number)` read `0x10` as 16, `1e3` as
 * 1000 and ` 5` as 5; anything but digits now stays text, which `@IsInt` refuses naming the field.
 */
export const WholeNumberText = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value));

/** Route ids are UUIDs; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw new BadRequestException({ message: `"${value}" is not a valid id`, details: [{ field: 'id', message: 'must be a UUID' }] });
    }
    return value.toLowerCase();
  }
}
