import { Body, Get, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { may } from '../../auth/permissions';
import { writeContext } from '../../event-store/command-runner';
import { Database } from '../../event-store/database';
import { forbidden, notFound } from '../../kernel/domain-error';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { readTableInWorker, type ReadTable } from '../../kernel/spreadsheet';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { messageFor } from '../../web/form-problems';
import type { Dictionary } from '../../web/i18n';
import { WebPages } from '../../web/web-pages';
import { ReviewTitles } from '../review-titles';
import type { UploadRequest } from './import-upload.middleware';
import { RecommendationImport, type ImportResult, type RowProblem } from './recommendation-import';

/** How long a preview may be applied: long enough to read it, short enough that the file is still what the secretary meant. */
const PREVIEW_SECONDS = 3600;

interface PageState {
  problem: string | null;
  result: ImportResult | null;
  previewId: string | null;
  imported: number | null;
}

/**
 * The review page's "Importera rekommendationer": a secretary uploads a
 * file, sees each row with its errors beside it (a dry run of POST /imports,
 * the same code), and, when every row is valid, applies what the preview
 * showed. The parsed rows are kept server-side under a short-lived id
 * (import_previews), so the file is not sent twice and any instance can apply it.
 */
@WebController()
export class ImportRecommendationsWebController {
  constructor(
    private readonly imports: RecommendationImport,
    private readonly reviewTitles: ReviewTitles,
    private readonly pages: WebPages,
    private readonly db: Database,
  ) {}

  @Get(routes.importRecommendations)
  async form(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    await this.show(req, res, id, { problem: null, result: null, previewId: null, imported: null });
  }

  @Post(routes.importRecommendations)
  async preview(@Req() req: WebRequest & UploadRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    this.requireImporter(req);
    const { t } = req.web!;
    const none = { result: null, previewId: null, imported: null };
    if (req.uploadRefused) return this.show(req, res, id, { ...none, problem: req.uploadRefused === 'LIMIT_FILE_SIZE' ? t.spreadsheets.fileHint : t.spreadsheets.noFile }, 413);
    if (!req.file || req.file.buffer.length === 0) return this.show(req, res, id, { ...none, problem: t.spreadsheets.noFile }, 400);
    let table: ReadTable;
    try {
      table = await readTableInWorker(req.file.buffer);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return this.show(req, res, id, { ...none, problem: unreadableFile(error, t) }, error.getStatus());
    }
    if (table.rows.length === 0) return this.show(req, res, id, { ...none, problem: t.spreadsheets.empty }, 400);
    let result: ImportResult;
    try {
      result = await this.imports.run(table, { dryRun: true, reviewId: id }, writeContext(req.web!.user!));
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      // The one refusal of the whole file: columns it must have are missing from its header row.
      const missing = ((error.getResponse() as { details?: Array<{ field: string }> }).details ?? []).map((d) => d.field);
      return this.show(req, res, id, { ...none, problem: missing.length ? t.spreadsheets.missingColumns(missing.join(', ')) : unreadableFile(error, t) }, error.getStatus());
    }
    const previewId = result.rows.every((r) => r.ok) ? await this.keep(req.web!.user!.id, id, table) : null;
    await this.show(req, res, id, { problem: null, result, previewId, imported: null }, previewId ? 200 : 400);
  }

  @Post(routes.applyImport)
  async apply(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('previewId', UuidParam) previewId: string, @Body() _b: unknown): Promise<void> {
    this.requireImporter(req);
    const { t } = req.web!;
    const userId = req.web!.user!.id;
    const [kept] = await this.db.query<{ user_id: string; review_id: string; rows_json: string; expires_at: string }>('SELECT user_id, review_id, rows_json, expires_at FROM import_previews WHERE id = ?', [previewId]);
    if (!kept || kept.user_id !== userId || kept.review_id !== id || kept.expires_at < new Date().toISOString()) {
      return this.show(req, res, id, { problem: t.spreadsheets.expired, result: null, previewId: null, imported: null }, 410);
    }
    const result = await this.imports.run(JSON.parse(kept.rows_json) as ReadTable, { dryRun: false, reviewId: id }, writeContext(req.web!.user!));
    if (!result.applied) return this.show(req, res, id, { problem: null, result, previewId: null, imported: null }, 409);
    await this.db.write((tx) => tx.query('DELETE FROM import_previews WHERE id = ?', [previewId]));
    await this.show(req, res, id, { problem: null, result: null, previewId: null, imported: result.rows.filter((r) => !r.unchanged).length });
  }

  private requireImporter(req: WebRequest): void {
    if (!may(req.web!.user, 'importRecommendations')) throw forbidden(`The role ${req.web!.user!.role} may not import recommendations`);
  }

  private async keep(userId: string, reviewId: string, table: ReadTable): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await this.db.write(async (tx) => {
      await tx.query('DELETE FROM import_previews WHERE expires_at < ?', [now.toISOString()]);
      await tx.query('INSERT INTO import_previews (id, user_id, review_id, rows_json, expires_at) VALUES (?, ?, ?, ?, ?)', [
        id,
        userId,
        reviewId,
        JSON.stringify(table),
        new Date(now.getTime() + PREVIEW_SECONDS * 1000).toISOString(),
      ]);
    });
    return id;
  }

  private async show(req: WebRequest, res: Response, reviewId: string, state: PageState, status = 200): Promise<void> {
    this.requireImporter(req);
    // The page shows only the review's title and link: not the review's whole detail, with its recommendations listed.
    const review = (await this.reviewTitles.list()).find((r) => r.id === reviewId);
    if (!review) throw notFound(`Review ${reviewId} not found`);
    const { t } = req.web!;
    const result = state.result && { ...state.result, rows: state.result.rows.map((r) => ({ ...r, errors: r.errors.map((e) => ({ field: e.field, message: inWords(e, t) })) })) };
    this.pages.render(req, res, 'recommendations/import-recommendations/import-recommendations.eta', t.spreadsheets.importTitle(review.title), {
      review,
      ...state,
      result,
      invalidRows: state.result ? state.result.rows.filter((r) => !r.ok).length : 0,
    }, status);
  }
}

/** A row's problem as the page says it, in the user's language: the API's sentences are English. */
/** Why the file as a whole was refused (kernel/spreadsheet.ts), in the user's language: too large, or not a file it can read. */
function unreadableFile(error: HttpException, t: Dictionary): string {
  const details = (error.getResponse() as { details?: Array<{ message: string }> }).details ?? [];
  return error.getStatus() === 413 || details.some((d) => d.message.startsWith('at most')) ? t.spreadsheets.tooLarge : t.spreadsheets.unreadable;
}

function inWords(problem: RowProblem, t: Dictionary): string {
  const s = t.spreadsheets;
  if (problem.duplicateOf !== undefined) return s.duplicateCode(problem.duplicateOf);
  if (problem.constraints) return messageFor(problem.field, problem.constraints, t);
  if (problem.action && problem.refused === 'conflict') return s.notOpenForActions;
  if (problem.action && problem.field === 'code') return s.noSuchRecommendation;
  if (problem.action && problem.field === 'actionOwnerEmail') return t.errors.owner;
  if (problem.refused === 'conflict' && problem.field === 'code') return s.codeTaken;
  if (problem.field === 'responsibleUnit' || problem.field === 'actionResponsibleUnit') return s.unknownUnit;
  if (problem.field === 'reviewId') return s.unknownReview;
  if (/NUL/.test(problem.message)) return s.nul;
  return problem.message;
}
