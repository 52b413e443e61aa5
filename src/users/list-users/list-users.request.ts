import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequest } from '../../kernel/http/paging';

export class UserListRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'a column: email (the default), name, role, unit, language, active, lastSignInAt; - in front for descending' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
  @ApiPropertyOptional({ description: 'part of a name or address, in any case' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}
