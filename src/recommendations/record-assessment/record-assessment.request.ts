import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CommitteeReasonRequest, toMeeting } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class RecordAssessmentRequest extends CommitteeReasonRequest {
  @ApiProperty({ enum: ['implemented', 'partially_implemented', 'not_implemented'] })
  @IsIn(['implemented', 'partially_implemented', 'not_implemented'])
  status: 'implemented' | 'partially_implemented' | 'not_implemented';
}

export const toRecordAssessment = (r: RecordAssessmentRequest): RecommendationCommand => ({
  type: 'RecordAssessment',
  status: r.status,
  reason: r.reason,
  meeting: toMeeting(r.meeting),
});
