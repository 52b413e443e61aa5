import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CommitteeReasonRequest, toCommitteeReason } from '../committee.request';
import { CORRECTION_TARGETS, type CorrectionTarget } from '../domain/recommendation.corrections';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** Which entry was recorded by mistake, why, and the meeting that said so, if one did. */
export class CorrectRecommendationRequest extends CommitteeReasonRequest {
  @ApiProperty({ enum: CORRECTION_TARGETS }) @IsIn(CORRECTION_TARGETS) corrects: CorrectionTarget;
}

export const toCorrectRecommendation = (r: CorrectRecommendationRequest): RecommendationCommand => ({
  type: 'CorrectCommittee',
  corrects: r.corrects,
  ...toCommitteeReason(r),
});
