import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { IsUnitId } from '../unit-id.request';
import { normalEmail } from '../../kernel/email-address';

export class AssignActionRequest {
  @ApiProperty() @IsEmail() @MaxLength(320) ownerEmail: string;
  @ApiPropertyOptional() @IsOptional() @IsUnitId() responsibleUnit?: string;
}

/** No unit named keeps the action's unit. */
export const toAssignAction = (actionId: string, r: AssignActionRequest): RecommendationCommand => ({
  type: 'AssignAction',
  actionId,
  ownerEmail: normalEmail(r.ownerEmail),
  responsibleUnit: r.responsibleUnit ?? null,
});
