import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListUnitsRequest {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: retired units too' })
  @IsOptional()
  @IsIn(['true', 'false'])
  all?: 'true' | 'false';
}
