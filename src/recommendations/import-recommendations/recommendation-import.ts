import { BadRequestException, Injectable } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { CommandRunner, type WriteContext } from '../../event-store/command-runner';
import { Database, type Sql } from '../../event-store/database';
import { DomainError, invalid, type DomainErrorKind, type FieldProblem } from '../../kernel/domain-error';
import { inputProblems, orderedMessages } from '../../kernel/http/validation';
import type { ReadTable } from '../../kernel/spreadsheet';
import { AddActionRequest, toAddAction } from '../add-action/add-action.request';
import { recommendationAggregate } from '../change-recommendation.handler';
import { RegisterRecommendationRequest, toRegisterRecommendation } from '../register-recommendation/register-recommendation.request';

/** The columns an import reads, named as POST /recommendations' fields; any other column (the export's status, counts …) is ignored. */
export const IMPORT_COLUMNS = ['reviewId', 'code', 'title', 'text', 'textEn', 'responsibleUnit'] as const;
const REQUIRED_COLUMNS = ['code', 'title', 'text', 'responsibleUnit'];
/**
 * An action's columns, named as POST /recommendations/:id/actions' fields
 * with `action` before them: a row with them adds an action to the
 * recommendation of its code (registered by an earlier row of the file, or
 * already there), so a review's action plan imports once the committee has
 * accepted its recommendations.
 */
export const ACTION_COLUMNS = ['actionTitle', 'actionDescription', 'actionResponsibleUnit', 'actionOwnerEmail', 'actionDueDate'] as const;
const REQUIRED_ACTION_COLUMNS = ['actionTitle', 'actionResponsibleUnit', 'actionOwnerEmail', 'actionDueDate'];

/** A row's problem, with what a page needs to say it in the user's language (the API sends field and message). */
export interface RowProblem extends FieldProblem {
  /** The request checks that failed (class-validator's names). */
  constraints?: string[];
  /** The file's row that already has this code. */
  duplicateOf?: number;
  /** The domain's refusal. */
  refused?: DomainErrorKind;
  /** Refused while adding the row's action (not registering its recommendation). */
  action?: true;
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
type ActionInput = Record<(typeof ACTION_COLUMNS)[number], string | undefined>;

/**
 * Registers a file's recommendations, all or none. Every row goes through
 * the API's own request validation and then the same command, aggregate and
 * facts as POST /recommendations (a known review and unit, a code not yet
 * taken), all in one transaction: a dry run, or a file with any bad row, is
 * rolled back, so the preview is exactly what applying would do. A code twice
 * in the file is the second row's error; a row identical to a recommendation
 * the review already has is unchanged, so a review's own export imports back
 * as a no-op, and into another review as the same recommendations. Rows with
 * action columns add actions the same way, through AddAction.
 */
@Injectable()
export class RecommendationImport {
  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  async run(table: ReadTable, options: { dryRun: boolean; reviewId?: string }, ctx: WriteContext): Promise<ImportResult> {
    const has = (c: string) => table.columns.includes(c);
    const actionFile = ACTION_COLUMNS.some(has);
    // A file of recommendations needs their columns; a file of actions alone needs only the code to find each one's recommendation.
    const missing: string[] = [...(!options.reviewId && !has('reviewId') ? ['reviewId'] : []), ...(actionFile ? ['code', ...(has('title') ? REQUIRED_COLUMNS.slice(1) : [])] : REQUIRED_COLUMNS).filter((c) => !has(c))];
    if (actionFile) missing.push(...REQUIRED_ACTION_COLUMNS.filter((c) => !has(c)));
    if (missing.length > 0) {
      throw new BadRequestException({ message: `The file has no column ${missing.join(', ')}`, details: missing.map((c) => ({ field: c, message: 'is a column the file must have (header row)' })) });
    }
    // Cells are taken as they are (an empty one as absent): what the export wrote imports back the same.
    const cell = (values: Record<string, string>, c: string) => (values[c]?.trim() ? values[c] : undefined);
    const inputs = table.rows.map(({ line, values }) => {
      const input = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, cell(values, c)])) as Input;
      if (options.reviewId) input.reviewId = options.reviewId;
      const action = Object.fromEntries(ACTION_COLUMNS.map((c) => [c, cell(values, c)])) as ActionInput;
      return { line, input, action: Object.values(action).some((v) => v !== undefined) ? action : null, registers: input.title !== undefined || input.text !== undefined || input.responsibleUnit !== undefined };
    });
    const checked = await Promise.all(
      inputs.map(async (r) => ({ ...r, problems: [...(r.registers || !r.action ? await problemsOf(r.input) : await codeProblems(r.input)), ...(r.action ? await actionProblemsOf(r.action) : [])] })),
    );
    // Each row is its own write, never a replay of another: the request's Idempotency-Key and If-Match are not the rows'.
    const rowCtx: WriteContext = { ...ctx, ifMatch: null, idempotency: null };
    try {
      return await this.db.write(async (tx) => {
        const rows: ImportedRow[] = [];
        const seen = new Map<string, number>();
        for (const { line, input, action, registers, problems } of checked) {
          const shown = { code: input.code ?? '', title: input.title ?? action?.actionTitle ?? '', responsibleUnit: input.responsibleUnit ?? action?.actionResponsibleUnit ?? '' };
          // A code twice is a mistake among recommendations; action rows name their recommendation's code as often as it has actions.
          const key = `${input.reviewId}\u0000${input.code}`;
          const twice = registers ? seen.get(key) : undefined;
          if (registers && input.code) seen.set(key, twice ?? line);
          if (twice !== undefined) problems.push({ field: 'code', message: `${input.code} is already on row ${twice} of the file`, duplicateOf: twice });
          if (problems.length > 0) {
            rows.push({ row: line, ok: false, errors: problems, ...shown });
            continue;
          }
          let adding = false;
          try {
            let unchanged = true;
            if (registers) unchanged = await this.register(tx, plainToInstance(RegisterRecommendationRequest, input), rowCtx);
            adding = action !== null;
            if (action) unchanged = (await this.addAction(tx, input.reviewId!, input.code!, action, rowCtx)) && unchanged;
            rows.push({ row: line, ok: true, errors: [], ...(unchanged ? { unchanged: true as const } : {}), ...shown });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            rows.push({ row: line, ok: false, errors: errorsOf(error, adding), ...shown });
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

  /** Registers the row's recommendation; true when the review already has it exactly so (nothing written). */
  private async register(tx: Sql, request: RegisterRecommendationRequest, ctx: WriteContext): Promise<boolean> {
    if (await sameAsRegistered(tx, request)) return true;
    const id = randomUUID();
    await this.runner.runIn(tx, recommendationAggregate, id, toRegisterRecommendation(id, request), ctx);
    return false;
  }

  /**
   * Adds the row's action to the recommendation with its code, through the
   * API's AddAction and its rules (the recommendation accepted or in
   * progress, an owner active in the unit); true when the recommendation
   * already has this action (same title, unit, owner and due date).
   */
  private async addAction(tx: Sql, reviewId: string, code: string, action: ActionInput, ctx: WriteContext): Promise<boolean> {
    const [recommendation] = await tx.query<{ id: string }>('SELECT id FROM rm_recommendations WHERE review_id = ? AND code = ?', [reviewId, code]);
    if (!recommendation) throw invalid(`The review has no recommendation ${code}`, [{ field: 'code', message: `the review has no recommendation ${code}` }]);
    const request = plainToInstance(AddActionRequest, actionRequest(action));
    const [same] = await tx.query(
      'SELECT id FROM rm_actions WHERE recommendation_id = ? AND title = ? AND responsible_unit = ? AND owner_email = ? AND due_date = ?',
      [recommendation.id, request.title, request.responsibleUnit, request.ownerEmail.toLowerCase(), request.dueDate],
    );
    if (same) return true;
    await this.runner.runIn(tx, recommendationAggregate, recommendation.id, toAddAction(randomUUID(), request), ctx);
    return false;
  }
}

/** A request's own checks of the row's cells, one problem per field (an empty title breaks three rules about it), named by `column`. */
async function requestProblems(dto: ClassConstructor<object>, fields: Record<string, string | undefined>, column: (field: string) => string = (f) => f): Promise<RowProblem[]> {
  const unstorable = inputProblems(fields);
  if (unstorable.length) return unstorable.map(({ field, message }) => ({ field: column(field), message }));
  const request = plainToInstance(dto, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  return (await validate(request, { whitelist: true, forbidNonWhitelisted: true })).map((e) => ({
    field: column(e.property),
    message: orderedMessages(e.constraints)[0] ?? 'is not valid',
    constraints: Object.keys(e.constraints ?? {}),
  }));
}

/** POST /recommendations' checks of the row. */
const problemsOf = (input: Input): Promise<RowProblem[]> => requestProblems(RegisterRecommendationRequest, input);

/** A domain refusal as the row's errors: its own details (an action's fields by their column), or the field its rule is about. */
function errorsOf(error: DomainError, actionRow: boolean): RowProblem[] {
  const column = (field: string) => (actionRow && ACTION_FIELDS.includes(field) ? actionColumn(field) : field);
  const stage = actionRow ? { action: true as const } : {};
  if (error.details?.length) return error.details.map((d) => ({ field: column(d.field), message: d.message, refused: error.kind, ...stage }));
  return [{ field: actionRow || /\bcode\b/.test(error.message) ? 'code' : 'row', message: error.message, refused: error.kind, ...stage }];
}

/** An action row's columns as AddAction's request. */
const actionRequest = (a: ActionInput) => ({ title: a.actionTitle, description: a.actionDescription, responsibleUnit: a.actionResponsibleUnit, ownerEmail: a.actionOwnerEmail, dueDate: a.actionDueDate });
const ACTION_FIELDS = ['title', 'description', 'responsibleUnit', 'ownerEmail', 'dueDate'];
const actionColumn = (field: string) => `action${field[0].toUpperCase()}${field.slice(1)}`;

/** POST …/actions' own checks of the row's action, named by their columns. */
const actionProblemsOf = (action: ActionInput): Promise<RowProblem[]> => requestProblems(AddActionRequest, actionRequest(action), actionColumn);

/** A row that only adds an action needs the code (and review) of its recommendation. */
async function codeProblems(input: Input): Promise<RowProblem[]> {
  const problems = await problemsOf(input);
  return problems.filter((p) => p.field === 'code' || p.field === 'reviewId');
}

async function sameAsRegistered(tx: Sql, r: RegisterRecommendationRequest): Promise<boolean> {
  const [existing] = await tx.query<{ title: string; text: string; text_en: string | null; responsible_unit: string }>(
    'SELECT title, text, text_en, responsible_unit FROM rm_recommendations WHERE review_id = ? AND code = ?',
    [r.reviewId, r.code],
  );
  return existing !== undefined && existing.title === r.title && existing.text === r.text && (existing.text_en ?? null) === (r.textEn ?? null) && existing.responsible_unit === r.responsibleUnit;
}
