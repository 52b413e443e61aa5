import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** `format=csv|xlsx` on a list: the same rows as a file for a spreadsheet (see kernel/spreadsheet.ts). */
export class FileFormatRequest {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'csv (;-separated, UTF-8 with a BOM) or xlsx: the same rows as a file' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}
