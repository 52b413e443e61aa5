import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import type { Response } from 'express';
import type { WriteResult } from '../../event-store/command-runner';

export const isDay = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** A calendar date, YYYY-MM-DD, that exists. */
export function IsDay(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDay',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date in the form YYYY-MM-DD`, ...options },
      validator: { validate: isDay },
    });
}

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

/** Sends a write's result: its status, the new version as ETag, and the body. */
export function respond(res: Response, result: WriteResult): unknown {
  res.status(result.statusCode);
  res.setHeader('ETag', `"${result.version}"`);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}
