import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDayOrInstant } from '../../kernel/http/validators';

export class RecommendationListRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) unit?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
}
