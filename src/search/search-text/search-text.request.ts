import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { WholeNumberText } from '../../kernel/http/validators';

export class SearchRequest {
  @ApiProperty({ description: 'words to find; Swedish word forms match (språkkurs finds språkkurserna)' }) @IsString() @IsNotBlank() @MaxLength(200) q!: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @WholeNumberText() @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page' }) @IsOptional() @IsString() @MaxLength(20) after?: string;
}
