import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import type { ReasonRequest } from '../committee.request';

/** A note's id is its number among its action's notes, from 1 (the `id` the detail and `…/updates` show). */
@Injectable()
export class UpdateIdParam implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) {
      throw new BadRequestException({ message: `"${value}" is not a progress note's id`, details: [{ field: 'updateId', message: 'must be a whole number from 1' }] });
    }
    return Number(value);
  }
}

export const toRetractProgress = (actionId: string, updateSeq: number, r: ReasonRequest): RecommendationCommand => ({
  type: 'RetractProgress',
  actionId,
  updateSeq,
  reason: r.reason,
});
