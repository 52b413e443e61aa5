import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CommitteeReasonRequest, toCommitteeReason } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../domain/recommendation.events';

export class RecordDecisionRequest extends CommitteeReasonRequest {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  decision: DecisionOutcome;
}

export const toRecordDecision = (r: RecordDecisionRequest): RecommendationCommand => ({
  type: 'RecordDecision',
  decision: r.decision,
  ...toCommitteeReason(r),
});
