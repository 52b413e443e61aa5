import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FileFormatRequest } from '../../kernel/http/file-format.request';

export class UserListRequest extends FileFormatRequest {
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page' }) @IsOptional() @IsString() @MaxLength(500) after?: string;
  @ApiPropertyOptional({ description: 'a column: email (the default), name, role, unit, language, active, lastSignInAt; - in front for descending' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
  @ApiPropertyOptional({ description: 'part of a name or address, in any case' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}
