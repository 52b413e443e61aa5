import type { Sql } from '../../event-store/database';
import { EventStore } from '../../event-store/event-store';
import { StateReader } from '../../projections/state-reader';
import { RECOMMENDATION_STREAM_PREFIX, type AttachmentRef } from '../../recommendations/domain/recommendation.events';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { recommendationsProjection } from '../../recommendations/recommendations.projection';
import type { UnitState } from '../../units/domain/unit';
import { unitsProjection } from '../../units/units.projection';
import { unitNamesOf } from '../../web/unit-names';
import { REPORTED_CHANGE_TYPES, type ReportChangeEvent, type ReportedAction, type ReportInput } from '../domain/report-model';
import { positionAsOf, type ReportScope } from './report-scope';

/** Changes are read a page at a time, so progress can be told between pages. */
const CHANGES_PAGE = 20_000;

/**
 * The store's reads and the as-of fold, over a connection given to each call.
 * Neither touches its database or clock on these paths, so the worker thread,
 * which has its own connection and no application, uses the same code the
 * application reads with rather than a copy of it.
 */
const store = new EventStore(undefined as never, undefined as never);
const reader = new StateReader(undefined as never, store);

/**
 * The files attached as evidence up to asOf (AttachmentAdded events, read as the
 * fold reads them), put on their actions for the report's evidence column: the
 * read model keeps them in the history, not in the state.
 */
async function addAttachments(sql: Sql, recommendations: RecommendationState[], asOf: string): Promise<void> {
  const byStream = new Map(recommendations.map((r) => [RECOMMENDATION_STREAM_PREFIX + r.id, r]));
  for (let after = 0; ; ) {
    const page = await store.readAll(sql, { streamPrefix: RECOMMENDATION_STREAM_PREFIX, types: ['AttachmentAdded'], to: asOf, limit: CHANGES_PAGE, after });
    for (const e of page) {
      const { actionId, ...file } = e.data as AttachmentRef;
      const action: ReportedAction | undefined = byStream.get(e.streamId)?.actions.find((a) => a.id === actionId);
      if (action) action.attachments = [...(action.attachments ?? []), file];
    }
    if (page.length < CHANGES_PAGE) break;
    after = page[page.length - 1].position;
  }
}

/**
 * Everything the report shows, read from the log as of the scope's instant
 * inside one consistent read: the recommendations folded as of then, the
 * position of the last event included, the changes since the previous
 * milestone, the unit names. `progress` is told fractions from 0 to 1.
 */
export async function gatherReportInput(sql: Sql, scope: ReportScope, progress: (fraction: number) => void = () => undefined): Promise<ReportInput> {
  const { request, asOf, changesFrom } = scope;
  // Copies, so the attachments put on their actions change nothing the reader may keep.
  const recommendations = (await reader.asOf<RecommendationState>(recommendationsProjection, asOf, undefined, sql))
    .filter((r) => !request.reviewId || r.reviewId === request.reviewId)
    .map((r) => ({ ...r, actions: r.actions.map((a) => ({ ...a })) }));
  await addAttachments(sql, recommendations, asOf);
  progress(0.4);
  const codes = new Map(recommendations.map((r) => [RECOMMENDATION_STREAM_PREFIX + r.id, r.code]));
  const position = await positionAsOf(sql, asOf);
  const changes: ReportChangeEvent[] = [];
  const filter = { streamPrefix: RECOMMENDATION_STREAM_PREFIX, types: REPORTED_CHANGE_TYPES, from: changesFrom, to: asOf, limit: CHANGES_PAGE };
  for (let after = 0; ; ) {
    const page = await store.readAll(sql, { ...filter, after });
    for (const e of page) {
      const code = codes.get(e.streamId);
      if (e.occurredAt <= changesFrom || code === undefined) continue;
      changes.push({ position: e.position, streamId: e.streamId, type: e.type, occurredAt: e.occurredAt, actorEmail: e.metadata.actor.email, data: e.data, recommendationCode: code });
    }
    if (page.length < CHANGES_PAGE) break;
    after = page[page.length - 1].position;
    progress(0.4 + 0.5 * Math.min(1, after / Math.max(1, position)));
  }
  progress(1);
  const unitNames = unitNamesOf(await reader.asOfOrFirst<UnitState>(sql, unitsProjection, asOf))[request.language];
  return {
    language: request.language,
    review: scope.review,
    cycle: scope.cycle,
    milestone: scope.milestone,
    previousMilestone: scope.previousMilestone,
    asOf,
    position,
    recommendations,
    changes,
    unitNames,
    // Named only when it is at the report's position: an event dated before asOf and stored after the anchor was made would move it.
    anchor: scope.anchor?.position === position ? scope.anchor : null,
  };
}
