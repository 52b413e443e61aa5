import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDayOrInstant, WholeNumberText } from '../../kernel/http/validators';

export class RecommendationListRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) status?: string;
  @ApiPropertyOptional({ description: "part of a unit's id or name, in any case" }) @IsOptional() @IsString() @MaxLength(100) unit?: string;
  @ApiPropertyOptional({ description: "part of a review's title, in any case" }) @IsOptional() @IsString() @MaxLength(200) review?: string;
  @ApiPropertyOptional({ description: "part of the name or address of an action's owner, in any case" }) @IsOptional() @IsString() @MaxLength(200) owner?: string;
  @ApiPropertyOptional({ description: 'a column: code (the default), title, status, responsibleUnit, progressPercent, actionCount, openActionCount, overdueActionCount, dueDate, lastChangedAt; - in front for descending' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @WholeNumberText() @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page' }) @IsOptional() @IsString() @MaxLength(1000) after?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'csv or xlsx: the same rows as a file; without limit, every row the filter picks' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}
