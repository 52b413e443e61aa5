import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDayOrInstant } from '../../kernel/http/validators';

export class AsOfRequest {
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
}
