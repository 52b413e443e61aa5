import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { Nested } from '../../kernel/http/validators';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class EvidenceRequest {
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title: string;

  @ApiProperty({ example: 'https://start.stockholm/' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https address' })
  @MaxLength(2000)
  url: string;
}

export class ReportProgressRequest {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) progressPercent: number;
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(5000) note: string;

  @ApiPropertyOptional({ type: [EvidenceRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Nested(() => EvidenceRequest, { each: true })
  evidence?: EvidenceRequest[];
}

/** Only the evidence's title and address are kept, whatever else came with it. */
export const toReportProgress = (actionId: string, r: ReportProgressRequest): RecommendationCommand => ({
  type: 'ReportProgress',
  actionId,
  progressPercent: r.progressPercent,
  note: r.note,
  evidence: (r.evidence ?? []).map((e) => ({ title: e.title, url: e.url })),
});
