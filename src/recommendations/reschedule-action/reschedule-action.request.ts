import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { IsDay } from '../../kernel/http/validators';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class RescheduleActionRequest {
  @ApiProperty({ example: '2012-10-31' }) @IsDay() dueDate: string;
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(5000) reason: string;
}

/** `today`: the app clock's Stockholm date, which the new date may not be before. */
export const toRescheduleAction = (actionId: string, r: RescheduleActionRequest, today: string): RecommendationCommand => ({
  type: 'RescheduleAction',
  actionId,
  dueDate: r.dueDate,
  reason: r.reason,
  today,
});
