import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../kernel/http/not-blank';
import { IsDay, Nested } from '../kernel/http/validators';

/**
 * Request parts several write use cases share: a reason, and the committee
 * meeting where a decision was taken (reviews record their decisions with it too).
 */

/** Where and when a committee took a decision. */
export class MeetingRequest {
  @ApiProperty({ example: 'Arbetsmarknadsnämnden' })
  @IsString()
  @MinLength(1)
  @IsNotBlank()
  @MaxLength(200)
  body: string;

  @ApiProperty({ example: '2012-06-12' })
  @IsDay()
  date: string;

  @ApiPropertyOptional({ example: '§ 12' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  paragraph?: string;

  @ApiPropertyOptional({ example: 'Dnr 1.2.3-456/2012' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  diaryNumber?: string;
}

export const toMeeting = (m: MeetingRequest | undefined) =>
  m ? { body: m.body, date: m.date, ...(m.paragraph ? { paragraph: m.paragraph } : {}), ...(m.diaryNumber ? { diaryNumber: m.diaryNumber } : {}) } : null;

/** Why: every change that must say why (cancel an action, reopen) asks only this. */
export class ReasonRequest {
  @ApiProperty({ example: 'Beslutat i nämnden' })
  @IsString()
  @MinLength(1)
  @IsNotBlank()
  @MaxLength(5000)
  reason: string;
}

/** A reason and, where a committee took the decision, its meeting. */
export class CommitteeReasonRequest extends ReasonRequest {
  @ApiPropertyOptional({ type: MeetingRequest })
  @IsOptional()
  @Nested(() => MeetingRequest)
  meeting?: MeetingRequest;
}

/** A committee's change as its command carries it: the reason, and the meeting or null. */
export const toCommitteeReason = (r: CommitteeReasonRequest) => ({ reason: r.reason, meeting: toMeeting(r.meeting) });
