import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ImportRecommendationsRequest {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: check every row and write nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ description: "the review every row goes into, in place of the file's reviewId column (to import one review's export into another)" })
  @IsOptional()
  @IsUUID()
  reviewId?: string;
}
