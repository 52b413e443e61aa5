import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { parseAsOf } from '../../kernel/as-of';
import { IsDayOrInstant } from '../../kernel/http/validators';
import { REPORT_FORMATS, type ReportFormat } from '../render/render-report';
import type { ReportRequest } from './report-scope';

export class ReportRequestDto {
  @ApiProperty() @IsUUID() cycleId: string;
  @ApiProperty({ example: 'T1' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'milestoneKey must be a milestone key such as T1' }) milestoneKey: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC); default: the period end, or now' }) @IsOptional() @IsDayOrInstant() asOf?: string;
  @ApiProperty({ enum: ['sv', 'en'] }) @IsIn(['sv', 'en'], { message: 'language must be sv or en' }) language: 'sv' | 'en';
  @ApiProperty({ enum: REPORT_FORMATS }) @IsIn(REPORT_FORMATS as unknown as string[], { message: `format must be one of ${REPORT_FORMATS.join(', ')}` }) format: ReportFormat;
}

/** The validated request as the report generation takes it; `asOf` as an instant (a date means the end of that day). */
export const toReportRequest = (dto: ReportRequestDto, asOf: string | null = parseAsOf(dto.asOf)): ReportRequest => ({
  cycleId: dto.cycleId,
  milestoneKey: dto.milestoneKey,
  reviewId: dto.reviewId ?? null,
  asOf,
  language: dto.language,
  format: dto.format,
});

/** `Prefer: respond-async` (RFC 7240): the client would rather poll a job than wait for the report. */
export const prefersJob = (prefer: string | string[] | undefined): boolean =>
  [prefer ?? []].flat().some((value) => value.split(',').some((p) => p.split(';')[0].trim().toLowerCase() === 'respond-async'));
