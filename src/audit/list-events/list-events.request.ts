import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDayOrInstant, WholeNumberText } from '../../kernel/http/validators';

export class AuditEventsRequest {
  @ApiPropertyOptional({ description: 'a date (from its start) or an instant' }) @IsOptional() @IsDayOrInstant() from?: string;
  @ApiPropertyOptional({ description: 'a date (to its end) or an instant' }) @IsOptional() @IsDayOrInstant() to?: string;
  @ApiPropertyOptional({ description: 'a user id or email' }) @IsOptional() @IsString() @MaxLength(320) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) streamId?: string;
  @ApiPropertyOptional({ description: 'the last position seen' }) @IsOptional() @WholeNumberText() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) after?: number;
  @ApiPropertyOptional({ default: 100, maximum: 10000 }) @IsOptional() @WholeNumberText() @IsInt() @Min(1) @Max(10000) limit?: number;
  @ApiPropertyOptional({ enum: ['json', 'ndjson', 'csv', 'xlsx'], description: 'csv and xlsx without limit: every event the filter picks, streamed' })
  @IsOptional()
  @IsIn(['json', 'ndjson', 'csv', 'xlsx'])
  format?: 'json' | 'ndjson' | 'csv' | 'xlsx';
}
