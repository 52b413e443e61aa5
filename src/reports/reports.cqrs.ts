import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { CommandRunner, type Aggregate, type WriteContext } from '../event-store/command-runner';
import { Database, type Sql } from '../event-store/database';
import { EventStore } from '../event-store/event-store';
import type { CycleState, Milestone } from '../cycles/domain/cycle';
import { Clock } from '../kernel/clock';
import { invalid, notFound } from '../kernel/domain-error';
import { cyclesProjection } from '../cycles/cycles.projection';
import { recommendationsProjection } from '../recommendations/recommendations.projection';
import { reviewsProjection } from '../reviews/reviews.projection';
import { StateReader } from '../projections/state-reader';
import { RECOMMENDATION_STREAM_PREFIX } from '../recommendations/domain/recommendation.events';
import type { RecommendationState } from '../recommendations/domain/recommendation.state';
import type { ReviewState } from '../reviews/domain/review';
import { readUnitNames } from '../units/unit-names';
import {
  assertMayMakeReports,
  decideReport,
  evolveReport,
  reportStreamId,
  type GeneratedReport,
  type ReportCommand,
  type ReportState,
} from './domain/report.decide';
import { buildReportModel, REPORTED_CHANGE_TYPES, type ReportInput, type ReportLanguage } from './domain/report-model';
import { renderReport, reportFileName, type ReportFormat } from './render/render-report';

export interface ReportRequest {
  cycleId: string;
  milestoneKey: string;
  reviewId: string | null;
  asOf: string | null;
  language: ReportLanguage;
  format: ReportFormat;
}

/** What GET /reports shows of a report: what its event recorded, and who made it when. */
export interface ReportMetadata extends Omit<GeneratedReport, 'format'> {
  format: ReportFormat;
  createdAt: string;
  createdBy: { id: string; email: string; name: string; role: string };
}

interface ReportRow {
  id: string;
  cycle_id: string;
  milestone_key: string;
  review_id: string | null;
  as_of: string;
  language: ReportLanguage;
  format: ReportFormat;
  position: number | string;
  sha256: string;
  content_type: string;
  file_name: string;
  created_at: string;
  created_by: string;
  content?: Buffer | Uint8Array;
}

const METADATA_COLUMNS = 'id, cycle_id, milestone_key, review_id, as_of, language, format, position, sha256, content_type, file_name, created_at, created_by';

const toMetadata = (r: ReportRow): ReportMetadata => ({
  id: r.id,
  cycleId: r.cycle_id,
  milestoneKey: r.milestone_key,
  reviewId: r.review_id,
  asOf: r.as_of,
  language: r.language,
  format: r.format,
  position: Number(r.position),
  sha256: r.sha256,
  fileName: r.file_name,
  contentType: r.content_type,
  createdAt: r.created_at,
  createdBy: JSON.parse(r.created_by),
});

/** A stored report's metadata, and its file when asked. */
async function readReport(sql: Sql, id: string, withContent = false): Promise<ReportMetadata & { content?: Buffer }> {
  const [row] = await sql.query<ReportRow>(`SELECT ${METADATA_COLUMNS}${withContent ? ', content' : ''} FROM reports WHERE id = ?`, [id]);
  if (!row) throw notFound(`Report ${id} not found`);
  return { ...toMetadata(row), ...(withContent ? { content: Buffer.from(row.content!) } : {}) };
}

const endOfDay = (date: string) => `${date}T23:59:59.999Z`;
const startOfDay = (date: string) => `${date}T00:00:00.000Z`;

/** The milestone reported on just before this one: the latest period that ended earlier. */
function previousMilestone(cycle: CycleState, milestone: Milestone): Milestone | null {
  return (
    cycle.milestones
      .filter((m) => m.periodEnd < milestone.periodEnd)
      .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
      .pop() ?? null
  );
}

const reportAggregate: Aggregate<ReportState, ReportCommand> = { streamId: reportStreamId, evolve: evolveReport, decide: decideReport };

export class GenerateReportCommand extends Command<ReportMetadata> {
  constructor(
    readonly request: ReportRequest,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

/**
 * Folds the log as of the report's instant into one report model, renders it
 * in the format asked for, stores it and records who made it. Everything in
 * the file comes from the request and the log up to `asOf`, so the same
 * request made again later gives the same bytes. The record goes through the
 * command runner like every other write (its role rule in decideReport, an
 * Idempotency-Key replayed), with the file stored in the same transaction.
 */
@CommandHandler(GenerateReportCommand)
export class GenerateReportHandler implements ICommandHandler<GenerateReportCommand> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly reader: StateReader,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  async execute({ request, ctx }: GenerateReportCommand): Promise<ReportMetadata> {
    // The rule decide holds, asked before the fold and the render: they are the expensive part.
    assertMayMakeReports(ctx.actor);
    const input = await this.db.read((sql) => this.gather(sql, request));
    const model = buildReportModel(input);
    const rendered = await renderReport(model, request.format);
    const sha256 = createHash('sha256').update(rendered.content).digest('hex');
    const id = randomUUID();
    const createdAt = this.clock.nowIso();
    const { id: actorId, email, name, role } = ctx.actor;
    const metadata: ReportMetadata = {
      id,
      cycleId: request.cycleId,
      milestoneKey: request.milestoneKey,
      reviewId: request.reviewId,
      asOf: input.asOf,
      language: request.language,
      format: request.format,
      position: input.position,
      sha256,
      fileName: reportFileName(model, request.format),
      contentType: rendered.contentType,
      createdAt,
      createdBy: { id: actorId, email, name, role },
    };
    const { createdBy: _by, createdAt: _at, ...report } = metadata;
    const command: ReportCommand = { type: 'RecordGeneratedReport', report: report satisfies GeneratedReport };
    return this.db.write(async (tx) => {
      const written = await this.runner.runIn(tx, reportAggregate, id, command, ctx);
      // A replay answers with the report the first request made; this one's file is not kept.
      if (written.replayed) return readReport(tx, written.state.id);
      await tx.query(
        `INSERT INTO reports (${METADATA_COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, request.cycleId, request.milestoneKey, request.reviewId, input.asOf, request.language, request.format, input.position, sha256, rendered.contentType, metadata.fileName, createdAt, JSON.stringify(metadata.createdBy), rendered.content],
      );
      return metadata;
    });
  }

  private async gather(sql: Sql, request: ReportRequest): Promise<ReportInput> {
    const cycle = (await this.reader.currentIn<CycleState>(sql, cyclesProjection, { id: request.cycleId }))[0];
    if (!cycle) throw invalid(`Planning cycle ${request.cycleId} does not exist`, [{ field: 'cycleId', message: 'no planning cycle with this id' }]);
    const milestone = cycle.milestones.find((m) => m.key === request.milestoneKey);
    if (!milestone) {
      throw invalid(`Milestone ${request.milestoneKey} is not in ${cycle.name}`, [
        { field: 'milestoneKey', message: `must be one of ${cycle.milestones.map((m) => m.key).join(', ')}` },
      ]);
    }
    const now = this.clock.nowIso();
    const asOf = request.asOf ?? (endOfDay(milestone.periodEnd) < now ? endOfDay(milestone.periodEnd) : now);
    const previous = previousMilestone(cycle, milestone);
    const changesFrom = previous ? endOfDay(previous.periodEnd) : startOfDay(milestone.periodStart);

    const reviews = await this.reader.asOf<ReviewState>(reviewsProjection, asOf, undefined, sql);
    let review: ReviewState | null = null;
    if (request.reviewId) {
      review = reviews.find((r) => r.id === request.reviewId) ?? null;
      if (!review) throw invalid(`Review ${request.reviewId} did not exist at ${asOf}`, [{ field: 'reviewId', message: 'no review with this id at asOf' }]);
    } else if (reviews.length === 1) {
      review = reviews[0];
    }
    const recommendations = (await this.reader.asOf<RecommendationState>(recommendationsProjection, asOf, undefined, sql)).filter(
      (r) => !request.reviewId || r.reviewId === request.reviewId,
    );
    const codes = new Map(recommendations.map((r) => [RECOMMENDATION_STREAM_PREFIX + r.id, r.code]));
    const [head] = await sql.query<{ p: number | string | null }>('SELECT MAX(position) AS p FROM events WHERE occurred_at <= ?', [asOf]);
    const position = Number(head?.p ?? 0);
    const changes = (await this.store.readAll(sql, { streamPrefix: RECOMMENDATION_STREAM_PREFIX, types: REPORTED_CHANGE_TYPES, from: changesFrom, to: asOf }))
      .filter((e) => e.occurredAt > changesFrom && codes.has(e.streamId))
      .map((e) => ({
        position: e.position,
        streamId: e.streamId,
        type: e.type,
        occurredAt: e.occurredAt,
        actorEmail: e.metadata.actor.email,
        data: e.data,
        recommendationCode: codes.get(e.streamId)!,
      }));
    const unitNames = (await readUnitNames(sql))[request.language];
    return { language: request.language, review, cycle, milestone, previousMilestone: previous, asOf, position, recommendations, changes, unitNames };
  }
}

export class ListReportsQuery extends Query<ReportMetadata[]> {}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(private readonly db: Database) {}

  async execute(): Promise<ReportMetadata[]> {
    const rows = await this.db.query<ReportRow>(`SELECT ${METADATA_COLUMNS} FROM reports ORDER BY created_at DESC, id`);
    return rows.map(toMetadata);
  }
}

export class GetReportQuery extends Query<ReportMetadata & { content?: Buffer }> {
  constructor(
    readonly id: string,
    readonly withContent: boolean,
  ) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(private readonly db: Database) {}

  async execute({ id, withContent }: GetReportQuery): Promise<ReportMetadata & { content?: Buffer }> {
    return this.db.read((sql) => readReport(sql, id, withContent));
  }
}
