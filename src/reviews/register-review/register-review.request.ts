import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { IsDay } from '../../kernel/http/validators';
import type { ReviewCommand } from '../domain/review';

export class RegisterReviewRequest {
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title: string;
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) reviewer: string;
  @ApiProperty({ example: '2011-09-30' }) @IsDay() reviewedOn: string;
  @ApiProperty({ example: 'Arbetsmarknadsnämnden' }) @IsString() @MinLength(1) @IsNotBlank() @MaxLength(200) committee: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) diaryNumber?: string;
}

/** The API's POST /reviews and the reviews page's form register the same way; the new id is the caller's, so the answer can point at it. */
export const toRegisterReview = (reviewId: string, r: RegisterReviewRequest): ReviewCommand => ({
  type: 'RegisterReview',
  reviewId,
  title: r.title,
  reviewer: r.reviewer,
  reviewedOn: r.reviewedOn,
  committee: r.committee,
  diaryNumber: r.diaryNumber ?? null,
});
