import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { IsUnitId } from '../unit-id.request';

export class RegisterRecommendationRequest {
  @ApiProperty() @IsUUID() reviewId: string;

  @ApiProperty({ example: 'R6' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, { message: 'code must be 1–50 letters, digits, dots, dashes or underscores, such as R6' })
  code: string;

  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title: string;
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(20000) text: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) textEn?: string;
  @ApiProperty({ example: 'sfi' }) @IsUnitId() responsibleUnit: string;
}

/** The API's POST /recommendations and the review page's form register the same way; the new id is the caller's, so the answer can point at it. */
export const toRegisterRecommendation = (recommendationId: string, r: RegisterRecommendationRequest): RecommendationCommand => ({
  type: 'RegisterRecommendation',
  recommendationId,
  reviewId: r.reviewId,
  code: r.code,
  title: r.title,
  text: r.text,
  textEn: r.textEn ?? null,
  responsibleUnit: r.responsibleUnit,
});
