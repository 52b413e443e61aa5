import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDayOrInstant } from '../../kernel/http/validators';

export class RecommendationListRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) unit?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page' }) @IsOptional() @IsString() @MaxLength(100) after?: string;
}
