import { BadRequestException, Controller, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import type { FieldProblem } from '../../kernel/domain-error';
import { readTableInWorker } from '../../kernel/spreadsheet';
import { ImportRecommendationsRequest } from './import-recommendations.request';
import { RecommendationImport } from './recommendation-import';
import { UPLOAD_LIMITS } from './upload-limits';


/** A new review's recommendations from a spreadsheet, all or none. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('imports')
export class ImportRecommendationsHttpController {
  constructor(private readonly imports: RecommendationImport) {}

  @Post()
  @HttpCode(200)
  @Allow('importRecommendations')
  @UseInterceptors(FileInterceptor('file', UPLOAD_LIMITS))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOperation({ summary: 'Import recommendations from .xlsx or ;-separated .csv (secretary, admin); nothing is written unless every row is valid' })
  async import(@Query() q: ImportRecommendationsRequest, @UploadedFile() file: { buffer: Buffer } | undefined, @WriteCtx() ctx: WriteContext): Promise<{ rows: Array<{ row: number; ok: boolean; errors: FieldProblem[]; unchanged?: true }>; applied: boolean }> {
    if (!file) throw new BadRequestException({ message: 'No file was sent', details: [{ field: 'file', message: 'must be a multipart file field named file' }] });
    const result = await this.imports.run(await readTableInWorker(file.buffer), { dryRun: q.dryRun === 'true', reviewId: q.reviewId }, ctx);
    const rows = result.rows.map(({ row, ok, errors, unchanged }) => ({ row, ok, errors: errors.map(({ field, message }) => ({ field, message })), ...(unchanged ? { unchanged } : {}) }));
    return { rows, applied: result.applied };
  }
}
