import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsDay } from '../../kernel/http/validators';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class RescheduleActionRequest {
  @ApiProperty({ example: '2012-10-31' }) @IsDay() dueDate: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export const toRescheduleAction = (actionId: string, r: RescheduleActionRequest): RecommendationCommand => ({
  type: 'RescheduleAction',
  actionId,
  dueDate: r.dueDate,
  reason: r.reason,
});
