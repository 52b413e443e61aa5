import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequest } from '../../kernel/http/paging';

export class ReviewListRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'a column: title, reviewer, reviewedOn, committee, recommendationCount; - in front for descending; oldest first without it' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
  @ApiPropertyOptional({ description: "part of a review's title, in any case" }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ description: 'part of the reviewer, in any case' }) @IsOptional() @IsString() @MaxLength(200) reviewer?: string;
}
