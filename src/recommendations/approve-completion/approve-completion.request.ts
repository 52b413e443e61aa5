import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** Approving may say something; it need not. */
export class ApproveCompletionRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export const toApproveCompletion = (actionId: string, r: ApproveCompletionRequest): RecommendationCommand => ({
  type: 'ApproveCompletion',
  actionId,
  note: r.note?.trim() ? r.note : null,
});
