import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { Nested } from '../../kernel/http/validators';
import { MeetingRequest, toMeeting } from '../../recommendations/committee.request';
import type { ReviewCommand } from '../domain/review';

export class ReviewDecisionRequest {
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(5000) text: string;
  @ApiProperty({ type: MeetingRequest }) @Nested(() => MeetingRequest) meeting: MeetingRequest;
}

/** What the committee decided on the review itself, from the API or the review page; every decision gets an id of its own. */
export const toRecordReviewDecision = (decisionId: string, r: ReviewDecisionRequest): ReviewCommand => ({
  type: 'RecordReviewDecision',
  decisionId,
  text: r.text,
  meeting: toMeeting(r.meeting),
});
