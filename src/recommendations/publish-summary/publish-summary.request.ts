import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** A summary for the public page; blank text is refused by the domain, naming `text`. */
export class PublishSummaryRequest {
  @ApiProperty({ description: 'the summary in Swedish, as the public page shows it' }) @IsString() @MaxLength(4000) text: string;
  @ApiPropertyOptional({ description: 'the summary in English, shown on the English page; blank or absent: the Swedish one is shown' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  textEn?: string | null;
}

/** `actionId` null: the recommendation's own summary. */
export const toPublishSummary = (actionId: string | null, r: PublishSummaryRequest): RecommendationCommand => ({
  type: 'PublishSummary',
  actionId,
  text: r.text,
  textEn: r.textEn ?? null,
});

export const toWithdrawSummary = (actionId: string | null): RecommendationCommand => ({ type: 'WithdrawSummary', actionId });
