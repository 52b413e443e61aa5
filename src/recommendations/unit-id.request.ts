import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

const UNIT_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * A unit's id as the units table holds it (`sfi`, `utredning`). Only its
 * shape is checked here; whether the unit exists is a fact the domain asks.
 * Matches before IsString, the order the fields' own decorators had, so the
 * error details keep their order.
 */
export const IsUnitId = () =>
  applyDecorators(Matches(UNIT_ID, { message: ({ property }) => `${property} must be a unit id such as sfi or utredning` }), IsString());
