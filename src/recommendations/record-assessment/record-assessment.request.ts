import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CommitteeReasonRequest, toCommitteeReason } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { ASSESSMENT_OUTCOMES, type AssessmentOutcome } from '../domain/recommendation.events';

export class RecordAssessmentRequest extends CommitteeReasonRequest {
  @ApiProperty({ enum: ASSESSMENT_OUTCOMES })
  @IsIn(ASSESSMENT_OUTCOMES)
  status: AssessmentOutcome;
}

export const toRecordAssessment = (r: RecordAssessmentRequest): RecommendationCommand => ({
  type: 'RecordAssessment',
  status: r.status,
  ...toCommitteeReason(r),
});
