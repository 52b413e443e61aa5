import { BadRequestException, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { CommandRunner, type WriteContext } from '../../event-store/command-runner';
import { Database, type Sql } from '../../event-store/database';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../../kernel/domain-error';
import { fieldsWithNul } from '../../kernel/http/validation';
import type { ReadTable } from '../../kernel/spreadsheet';
import { recommendationAggregate } from '../change-recommendation.handler';
import { RegisterRecommendationRequest, toRegisterRecommendation } from '../register-recommendation/register-recommendation.request';

/** The columns an import reads, named as POST /recommendations' fields; any other column (the export's status, counts …) is ignored. */
export const IMPORT_COLUMNS = ['reviewId', 'code', 'title', 'text', 'textEn', 'responsibleUnit'] as const;
const REQUIRED_COLUMNS = ['code', 'title', 'text', 'responsibleUnit'] as const;

/** A row's problem, with what a page needs to say it in the user's language (the API sends field and message). */
export interface RowProblem extends FieldProblem {
  /** The request checks that failed (class-validator's names). */
  constraints?: string[];
  /** The file's row that already has this code. */
  duplicateOf?: number;
  /** The domain's refusal. */
  refused?: DomainErrorKind;
}

export interface ImportedRow {
  /** The row's line in the file; the header is line 1. */
  row: number;
  ok: boolean;
  errors: RowProblem[];
  /** The review already has this recommendation exactly as the row says: nothing to write (an export imported back). */
  unchanged?: true;
  /** What the row says, for the preview. */
  code: string;
  title: string;
  responsibleUnit: string;
}

export interface ImportResult {
  rows: ImportedRow[];
  applied: boolean;
}

/** Thrown to roll back a dry run or a file with a bad row, carrying what the rows came to. */
class NothingWritten {
  constructor(readonly result: ImportResult) {}
}

type Input = Record<(typeof IMPORT_COLUMNS)[number], string | undefined>;

/**
 * Registers a file's recommendations, all or none. Every row goes through
 * the API's own request validation and then the same command, aggregate and
 * facts as POST /recommendations (a known review and unit, a code not yet
 * taken), all in one transaction: a dry run, or a file with any bad row, is
 * rolled back, so the preview is exactly what applying would do. A code twice
 * in the file is the second row's error; a row identical to a recommendation
 * the review already has is unchanged, so a review's own export imports back
 * as a no-op, and into another review as the same recommendations.
 */
@Injectable()
export class RecommendationImport {
  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  async run(table: ReadTable, options: { dryRun: boolean; reviewId?: string }, ctx: WriteContext): Promise<ImportResult> {
    const missing = REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
    if (!options.reviewId && !table.columns.includes('reviewId')) missing.unshift('reviewId' as never);
    if (missing.length > 0) {
      throw new BadRequestException({ message: `The file has no column ${missing.join(', ')}`, details: missing.map((c) => ({ field: c, message: 'is a column the file must have (header row)' })) });
    }
    // Cells are taken as they are (an empty one as absent): what the export wrote imports back the same.
    const inputs = table.rows.map(({ line, values }) => {
      const input = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, values[c]?.trim() ? values[c] : undefined])) as Input;
      if (options.reviewId) input.reviewId = options.reviewId;
      return { line, input };
    });
    const checked = await Promise.all(inputs.map(async ({ line, input }) => ({ line, input, problems: await problemsOf(input) })));
    // Each row is its own write, never a replay of another: the request's Idempotency-Key and If-Match are not the rows'.
    const rowCtx: WriteContext = { ...ctx, ifMatch: null, idempotency: null };
    try {
      return await this.db.write(async (tx) => {
        const rows: ImportedRow[] = [];
        const seen = new Map<string, number>();
        for (const { line, input, problems } of checked) {
          const shown = { code: input.code ?? '', title: input.title ?? '', responsibleUnit: input.responsibleUnit ?? '' };
          const key = `${input.reviewId}\u0000${input.code}`;
          const twice = seen.get(key);
          if (input.code) seen.set(key, twice ?? line);
          if (twice !== undefined) problems.push({ field: 'code', message: `${input.code} is already on row ${twice} of the file`, duplicateOf: twice });
          if (problems.length > 0) {
            rows.push({ row: line, ok: false, errors: problems, ...shown });
            continue;
          }
          const request = plainToInstance(RegisterRecommendationRequest, input);
          if (await sameAsRegistered(tx, request)) {
            rows.push({ row: line, ok: true, errors: [], unchanged: true, ...shown });
            continue;
          }
          const id = randomUUID();
          try {
            await this.runner.runIn(tx, recommendationAggregate, id, toRegisterRecommendation(id, request), rowCtx);
            rows.push({ row: line, ok: true, errors: [], ...shown });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            rows.push({ row: line, ok: false, errors: errorsOf(error), ...shown });
          }
        }
        const applied = !options.dryRun && rows.length > 0 && rows.every((r) => r.ok);
        if (!applied) throw new NothingWritten({ rows, applied: false });
        return { rows, applied };
      });
    } catch (error) {
      if (error instanceof NothingWritten) return error.result;
      throw error;
    }
  }
}

/** The API's own checks of POST /recommendations' body, one problem per field (an empty title breaks three rules about it). */
async function problemsOf(input: Input): Promise<RowProblem[]> {
  const withNul = fieldsWithNul(input);
  if (withNul.length) return withNul.map((field) => ({ field, message: 'must not contain the NUL character' }));
  const request = plainToInstance(RegisterRecommendationRequest, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  return (await validate(request, { whitelist: true, forbidNonWhitelisted: true })).map((e) => ({
    field: e.property,
    message: Object.values(e.constraints ?? {})[0] ?? 'is not valid',
    constraints: Object.keys(e.constraints ?? {}),
  }));
}

/** A domain refusal as the row's errors: its own details, or the field its rule is about. */
function errorsOf(error: DomainError): RowProblem[] {
  if (error.details?.length) return error.details.map((d) => ({ field: d.field, message: d.message, refused: error.kind }));
  return [{ field: /\bcode\b/.test(error.message) ? 'code' : 'row', message: error.message, refused: error.kind }];
}

async function sameAsRegistered(tx: Sql, r: RegisterRecommendationRequest): Promise<boolean> {
  const [existing] = await tx.query<{ title: string; text: string; text_en: string | null; responsible_unit: string }>(
    'SELECT title, text, text_en, responsible_unit FROM rm_recommendations WHERE review_id = ? AND code = ?',
    [r.reviewId, r.code],
  );
  return existing !== undefined && existing.title === r.title && existing.text === r.text && (existing.text_en ?? null) === (r.textEn ?? null) && existing.responsible_unit === r.responsibleUnit;
}
