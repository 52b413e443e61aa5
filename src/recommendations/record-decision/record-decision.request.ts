import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CommitteeReasonRequest, toMeeting } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class RecordDecisionRequest extends CommitteeReasonRequest {
  @ApiProperty({ enum: ['accepted', 'rejected', 'deferred'] })
  @IsIn(['accepted', 'rejected', 'deferred'])
  decision: 'accepted' | 'rejected' | 'deferred';
}

export const toRecordDecision = (r: RecordDecisionRequest): RecommendationCommand => ({
  type: 'RecordDecision',
  decision: r.decision,
  reason: r.reason,
  meeting: toMeeting(r.meeting),
});
