import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsDay } from '../../kernel/http/validators';
import { MeetingRequest } from '../../recommendations/http/committee.request.dto';

export class RegisterReviewRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) reviewer: string;
  @ApiProperty({ example: '2011-09-30' }) @IsDay() reviewedOn: string;
  @ApiProperty({ example: 'Arbetsmarknadsnämnden' }) @IsString() @MinLength(1) @MaxLength(200) committee: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) diaryNumber?: string;
}

export class ReviewDecisionRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) text: string;
  @ApiProperty({ type: MeetingRequest }) @ValidateNested() @Type(() => MeetingRequest) meeting: MeetingRequest;
}
