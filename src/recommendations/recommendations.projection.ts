import type { Sql } from '../event-store/sql';
import type { RowsProjection, TableRow, Where } from '../projections/projection';
import type { EvidenceLink, MeetingReference } from './domain/recommendation.events';
import { RECOMMENDATION_STREAM_PREFIX } from './domain/recommendation.events';
import {
  evolve,
  OPEN_ACTION_STATUSES,
  progressOf,
  RECOMMENDATION_STATE_SCHEMA,
  type ActionState,
  type ActionStatus,
  type ProgressUpdate,
  type PublishedSummary,
  type RecommendationState,
  type RecommendationStatus,
} from './domain/recommendation.state';
import { byCode, LATEST_UPDATES, type ActionWithCount, type Page } from './recommendation.views';

/**
 * The recommendations read model as tables with columns: a summary row per
 * recommendation (what the list shows, with the counts and the next due date
 * it is computed from), a row per action, a row per progress update and a row
 * per evidence link. An event changes only the rows it touches: a progress
 * note is one INSERT into the updates and an UPDATE of its action and of the
 * summary, however many notes came before it.
 */

const SUMMARIES = 'rm_recommendations';
const ACTIONS = 'rm_actions';
const UPDATES = 'rm_action_updates';
const EVIDENCE = 'rm_update_evidence';


interface SummaryRow {
  id: string;
  review_id: string;
  code: string;
  title: string;
  text: string;
  text_en: string | null;
  status: string;
  responsible_unit: string;
  decision: string | null;
  decision_reason: string | null;
  decision_meeting: string | null;
  decided_at: string | null;
  assessment: string | null;
  assessment_reason: string | null;
  assessment_meeting: string | null;
  assessed_at: string | null;
  version: number | string;
  last_changed_at: string;
  /** The published summary as JSON (PublishedSummary), null while none is published. */
  public_summary: string | null;
  /** What each decision and assessment replaced, as JSON (CommitteeUndo[]), for a correction (recommendation.corrections.ts). */
  committee_undo: string | null;
}

/** An action's row in rm_actions, as the readers of that table get it. */
export interface ActionRow {
  recommendation_id: string;
  id: string;
  title: string;
  description: string | null;
  responsible_unit: string;
  owner_email: string;
  due_date: string;
  original_due_date: string;
  status: string;
  progress_percent: number | string;
  added_at: string;
  completed_at: string | null;
  update_count: number | string;
  /** The published summary as JSON (PublishedSummary), null while none is published; absent where a reader does not select it. */
  public_summary?: string | null;
  /** A pending claim of completion (recommendation.approval.ts): who, when, the note; null without one. */
  claimed_by: string | null;
  claimed_at: string | null;
  claim_note: string | null;
}

interface UpdateRow {
  recommendation_id: string;
  action_id: string;
  seq: number | string;
  reported_at: string;
  reported_by: string;
  progress_percent: number | string;
  note: string;
  /** A retracted note (recommendation.corrections.ts): when, by whom, why; null while it counts. */
  retracted_at: string | null;
  retracted_by: string | null;
  retraction_reason: string | null;
}

interface EvidenceRow {
  recommendation_id: string;
  action_id: string;
  update_seq: number | string;
  title: string;
  url: string;
}

const SUMMARY_COLUMNS =
  'id, review_id, code, title, text, text_en, status, responsible_unit, decision, decision_reason, decision_meeting, decided_at, ' +
  'assessment, assessment_reason, assessment_meeting, assessed_at, version, last_changed_at, public_summary, committee_undo';
const ACTION_COLUMNS =
  'recommendation_id, id, title, description, responsible_unit, owner_email, due_date, original_due_date, status, progress_percent, added_at, completed_at, update_count, claimed_by, claimed_at, claim_note, public_summary';

const meetingJson = (m: MeetingReference | null | undefined): string | null => (m ? JSON.stringify(m) : null);
const summaryJson = (p: PublishedSummary | null | undefined): string | null => (p ? JSON.stringify(p) : null);
const parseSummary = (json: string | null | undefined): PublishedSummary | null => (json ? (JSON.parse(json) as PublishedSummary) : null);

/** The open actions' earliest due date: the list tells overdue from it without reading the actions. */
const nextDueDate = (s: RecommendationState): string | null =>
  s.actions
    .filter((a) => OPEN_ACTION_STATUSES.includes(a.status))
    .map((a) => a.dueDate)
    .sort()[0] ?? null;

/** The summary row of `s`; its review and code are left as they are when `before`, the state written, has the same. */
function summaryRow(before: RecommendationState | null, s: RecommendationState): TableRow {
  return {
    table: SUMMARIES,
    key: ['id'],
    unchanged: before && before.reviewId === s.reviewId && before.code === s.code ? ['review_id', 'code'] : undefined,
    row: {
      id: s.id,
      review_id: s.reviewId,
      code: s.code,
      title: s.title,
      text: s.text,
      text_en: s.textEn,
      status: s.status,
      responsible_unit: s.responsibleUnit,
      progress_percent: progressOf(s),
      action_count: s.actions.length,
      open_action_count: s.actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status)).length,
      next_due_date: nextDueDate(s),
      decision: s.decision?.decision ?? null,
      decision_reason: s.decision?.reason ?? null,
      decision_meeting: meetingJson(s.decision?.meeting),
      decided_at: s.decision?.decidedAt ?? null,
      assessment: s.assessment?.status ?? null,
      assessment_reason: s.assessment?.reason ?? null,
      assessment_meeting: meetingJson(s.assessment?.meeting),
      assessed_at: s.assessment?.assessedAt ?? null,
      version: s.version,
      last_changed_at: s.lastChangedAt,
      committee_undo: s.committeeUndo?.length ? JSON.stringify(s.committeeUndo) : null,
      public_summary: summaryJson(s.publicSummary),
    },
  };
}

/** The action's row, and a row for each update not yet written (numbered on from those that are) and each of its links. */
function actionRows(recommendationId: string, a: ActionWithCount, ordinal: number): TableRow[] {
  const written = a.updateCount ?? 0;
  const rows: TableRow[] = [
    {
      table: ACTIONS,
      key: ['recommendation_id', 'id'],
      row: {
        recommendation_id: recommendationId,
        id: a.id,
        ordinal,
        title: a.title,
        description: a.description,
        responsible_unit: a.responsibleUnit,
        owner_email: a.ownerEmail,
        due_date: a.dueDate,
        original_due_date: a.originalDueDate,
        status: a.status,
        progress_percent: a.progressPercent,
        added_at: a.addedAt,
        completed_at: a.completedAt,
        public_summary: summaryJson(a.publicSummary),
        claimed_by: a.claim?.by ?? null,
        claimed_at: a.claim?.at ?? null,
        claim_note: a.claim?.note ?? null,
        update_count: written + a.updates.length,
      },
    },
  ];
  a.updates.forEach((u, i) => {
    const seq = written + i + 1;
    rows.push({
      table: UPDATES,
      key: ['recommendation_id', 'action_id', 'seq'],
      row: {
        recommendation_id: recommendationId,
        action_id: a.id,
        seq,
        reported_at: u.at,
        reported_by: u.by,
        progress_percent: u.progressPercent,
        note: u.note,
        retracted_at: u.retracted?.at ?? null,
        retracted_by: u.retracted?.by ?? null,
        retraction_reason: u.retracted?.reason ?? null,
      },
    });
    u.evidence.forEach((e, j) =>
      rows.push({
        table: EVIDENCE,
        key: ['recommendation_id', 'action_id', 'update_seq', 'seq'],
        row: { recommendation_id: recommendationId, action_id: a.id, update_seq: seq, seq: j + 1, title: e.title, url: e.url },
      }),
    );
  });
  return rows;
}

/**
 * The rows `after` changes: always the summary, and the actions evolve made
 * anew (it keeps every untouched action object as it was) with their new
 * updates. From nothing (a rebuild), every row.
 */
export function recommendationRows(before: RecommendationState | null, after: RecommendationState): TableRow[] {
  const rows = [summaryRow(before, after)];
  after.actions.forEach((a, i) => {
    if (a !== before?.actions[i]) rows.push(...actionRows(after.id, a, i));
  });
  return rows;
}

/** The state once its rows are written: each action's updates counted, not held. */
export function writtenState(after: RecommendationState): RecommendationState {
  return {
    ...after,
    actions: after.actions.map((a: ActionWithCount) =>
      a.updates.length === 0 && a.updateCount !== undefined ? a : { ...a, updateCount: (a.updateCount ?? 0) + a.updates.length, updates: [] },
    ),
  };
}

function toState(r: SummaryRow, actions: ActionWithCount[]): RecommendationState {
  return {
    id: r.id,
    reviewId: r.review_id,
    code: r.code,
    title: r.title,
    text: r.text,
    textEn: r.text_en,
    responsibleUnit: r.responsible_unit,
    status: r.status as RecommendationStatus,
    decision: r.decision
      ? { decision: r.decision as never, reason: r.decision_reason!, meeting: r.decision_meeting ? JSON.parse(r.decision_meeting) : null, decidedAt: r.decided_at! }
      : null,
    assessment: r.assessment
      ? { status: r.assessment as never, reason: r.assessment_reason!, meeting: r.assessment_meeting ? JSON.parse(r.assessment_meeting) : null, assessedAt: r.assessed_at! }
      : null,
    actions,
    version: Number(r.version),
    lastChangedAt: r.last_changed_at,
    committeeUndo: r.committee_undo ? JSON.parse(r.committee_undo) : [],
    publicSummary: parseSummary(r.public_summary),
  };
}

/** An action's state from its row, with the updates the reader chose to read (Mina åtgärder reads none). */
export const toActionState = (r: Omit<ActionRow, 'update_count'>, updates: ProgressUpdate[]): ActionState => ({
  id: r.id,
  title: r.title,
  description: r.description,
  responsibleUnit: r.responsible_unit,
  ownerEmail: r.owner_email,
  dueDate: r.due_date,
  originalDueDate: r.original_due_date,
  status: r.status as ActionStatus,
  progressPercent: Number(r.progress_percent),
  addedAt: r.added_at,
  completedAt: r.completed_at,
  publicSummary: parseSummary(r.public_summary),
  claim: r.claimed_by ? { by: r.claimed_by, at: r.claimed_at ?? '', note: r.claim_note ?? '' } : null,
  updates,
});

const toAction = (r: ActionRow, updates: ProgressUpdate[]): ActionWithCount => ({ ...toActionState(r, updates), updateCount: Number(r.update_count) });

/** Updates with their links, grouped by recommendation and action, oldest first. */
function groupUpdates(updates: UpdateRow[], evidence: EvidenceRow[]): Map<string, ProgressUpdate[]> {
  const links = new Map<string, EvidenceLink[]>();
  for (const e of evidence) {
    const key = `${e.recommendation_id}/${e.action_id}/${Number(e.update_seq)}`;
    links.set(key, [...(links.get(key) ?? []), { title: e.title, url: e.url }]);
  }
  const byAction = new Map<string, ProgressUpdate[]>();
  for (const u of updates) {
    const key = `${u.recommendation_id}/${u.action_id}`;
    const list = byAction.get(key) ?? [];
    list.push(toUpdate(u, links.get(`${key}/${Number(u.seq)}`) ?? []));
    byAction.set(key, list);
  }
  return byAction;
}

const toUpdate = (u: UpdateRow, evidence: EvidenceLink[]): ProgressUpdate => ({
  seq: Number(u.seq),
  retracted: u.retracted_at ? { seq: Number(u.seq), at: u.retracted_at, by: u.retracted_by ?? '', reason: u.retraction_reason ?? '' } : null,
  at: u.reported_at,
  by: u.reported_by,
  progressPercent: Number(u.progress_percent),
  note: u.note,
  evidence,
});

/**
 * Which updates come along with the states read: all (a whole state), none
 * (the projector's written state), each action's latest few (the detail),
 * those reported since an instant, or only each action's first one since an
 * instant (the reminders' rules, which ask whether there was progress in a
 * period and, for "who has not reported", nothing more).
 */
type UpdatesFrom = 'all' | 'none' | 'latest' | { since: string } | { firstSince: string; ofActions: readonly string[] };

/** The FROM … WHERE of the updates and of their evidence links (null: none is read) a choice reads, and its parameters after the filter's. */
function updateSources(updatesFrom: Exclude<UpdatesFrom, 'none'>, ofThese: string): { updates: string; evidence: string | null; params: unknown[] } {
  if (updatesFrom === 'all') return { updates: `${UPDATES} u WHERE u.${ofThese}`, evidence: `${EVIDENCE} e WHERE e.${ofThese}`, params: [] };
  if (updatesFrom === 'latest') {
    // Updates are numbered 1… per action, so an action's latest few are those above its count less that many.
    // From each action to its updates (CROSS JOIN keeps that order on SQLite), each is an index range,
    // however many older updates there are.
    const latest = (table: string, t: string, seq: string) =>
      `${ACTIONS} a CROSS JOIN ${table} ${t} WHERE ${t}.recommendation_id = a.recommendation_id AND ${t}.action_id = a.id AND a.${ofThese} AND ${seq} > a.update_count - ${LATEST_UPDATES}`;
    return { updates: latest(UPDATES, 'u', 'u.seq'), evidence: latest(EVIDENCE, 'e', 'e.update_seq'), params: [] };
  }
  // Instants are compared as text: the log writes every one in the same ISO form (toISOString).
  if ('since' in updatesFrom) {
    return {
      updates: `${UPDATES} u WHERE u.${ofThese} AND u.reported_at >= ?`,
      // A link goes with its update, so it is chosen by the update's time.
      evidence: `${EVIDENCE} e JOIN ${UPDATES} u ON u.recommendation_id = e.recommendation_id AND u.action_id = e.action_id AND u.seq = e.update_seq WHERE e.${ofThese} AND u.reported_at >= ?`,
      params: [updatesFrom.since],
    };
  }
  // The earliest time since the instant, then of the updates at that time (notes written together share it) the first;
  // a retracted note reported nothing (the reminder rule, reminder-plan.ts), so it is never the first.
  // Only the notes of actions in the given statuses are looked at: a finished action's notes are most of a long log.
  const ofActions = `EXISTS (SELECT 1 FROM ${ACTIONS} a WHERE a.recommendation_id = ${UPDATES}.recommendation_id AND a.id = ${UPDATES}.action_id AND a.status IN (${updatesFrom.ofActions.map(() => '?').join(', ')}))`;
  const firstAt = `SELECT recommendation_id, action_id, MIN(reported_at) AS first_at FROM ${UPDATES} WHERE ${ofThese} AND reported_at >= ? AND retracted_at IS NULL AND ${ofActions} GROUP BY recommendation_id, action_id`;
  const first = `SELECT x.recommendation_id, x.action_id, MIN(x.seq) AS seq FROM ${UPDATES} x JOIN (${firstAt}) f ON f.recommendation_id = x.recommendation_id AND f.action_id = x.action_id AND f.first_at = x.reported_at WHERE x.retracted_at IS NULL GROUP BY x.recommendation_id, x.action_id`;
  return {
    updates: `${UPDATES} u JOIN (${first}) f ON f.recommendation_id = u.recommendation_id AND f.action_id = u.action_id AND f.seq = u.seq`,
    evidence: null,
    params: [updatesFrom.firstSince, ...updatesFrom.ofActions],
  };
}

/**
 * States from the rows. `which` selects the summaries (a WHERE on their columns); `updatesFrom` which of their updates come along.
 * The statements are made at once, none waiting for another's answer: on PostgreSQL they leave together on the read's
 * pipelined connection and come back in one round trip, not four (the detail's CPU a read on one instance: see the
 * docs/performance-history.md, 2026-12-02 afternoon); on SQLite each runs as it is made, as before, an empty one costing microseconds.
 */
async function readStates(sql: Sql, which: { where: string; params: unknown[] }, updatesFrom: UpdatesFrom): Promise<RecommendationState[]> {
  const ofThese = `recommendation_id IN (SELECT r.id FROM ${SUMMARIES} r${which.where})`;
  const from = updatesFrom === 'none' ? null : updateSources(updatesFrom, ofThese);
  const params = [...which.params, ...(from?.params ?? [])];
  const [summaries, actions, updateRows, evidenceRows] = await Promise.all([
    sql.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARIES} r${which.where}`, which.params),
    sql.query<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM ${ACTIONS} WHERE ${ofThese} ORDER BY recommendation_id, ordinal`, which.params),
    from === null
      ? []
      : sql.query<UpdateRow>(
          `SELECT u.recommendation_id, u.action_id, u.seq, u.reported_at, u.reported_by, u.progress_percent, u.note, u.retracted_at, u.retracted_by, u.retraction_reason FROM ${from.updates} ORDER BY u.recommendation_id, u.action_id, u.seq`,
          params,
        ),
    from?.evidence
      ? sql.query<EvidenceRow>(`SELECT e.recommendation_id, e.action_id, e.update_seq, e.title, e.url FROM ${from.evidence} ORDER BY e.recommendation_id, e.action_id, e.update_seq, e.seq`, params)
      : [],
  ]);
  const updates = groupUpdates(updateRows, evidenceRows);
  const byRecommendation = new Map<string, ActionWithCount[]>();
  for (const a of actions) {
    const list = byRecommendation.get(a.recommendation_id) ?? [];
    list.push(toAction(a, updates.get(`${a.recommendation_id}/${a.id}`) ?? []));
    byRecommendation.set(a.recommendation_id, list);
  }
  return summaries.map((r) => toState(r, byRecommendation.get(r.id) ?? []));
}

/** The filter columns of the summaries; every other key is refused, so no caller can reach the SQL. */
const FILTER_COLUMNS = ['id', 'review_id', 'status', 'responsible_unit'];

export function whereOf(where: Where): { where: string; params: unknown[] } {
  const filters = Object.entries(where).filter(([, v]) => v !== undefined);
  for (const [column] of filters) if (!FILTER_COLUMNS.includes(column)) throw new Error(`Not a filter column of ${SUMMARIES}: ${column}`);
  return { where: filters.length ? ` WHERE ${filters.map(([c]) => `r.${c} = ?`).join(' AND ')}` : '', params: filters.map(([, v]) => v) };
}

/** One recommendation with each action's latest updates and its `updateCount`: what the detail shows. */
export async function readDetailState(sql: Sql, id: string): Promise<RecommendationState | null> {
  return (await readStates(sql, whereOf({ id }), 'latest'))[0] ?? null;
}

/**
 * States as they are now, each action with only the updates reported at or
 * after `since` (an ISO instant or day: compared as text, as the log writes
 * them) and its `updateCount`: for rules that look at a period, so a
 * recommendation's older notes are neither read nor parsed.
 */
export async function readStatesWithUpdatesSince(sql: Sql, where: Where, since: string): Promise<RecommendationState[]> {
  return readStates(sql, whereOf(where), { since });
}

/**
 * States as they are now, each action in one of the statuses `ofActions` with
 * only its first update reported at or after the instant `from` (ISO, as the
 * log writes it), without its evidence links, and its `updateCount` (the other
 * actions without updates): whether there was progress in a period, and when
 * it came first, is all "who has not reported" asks of the actions it chases.
 */
export async function readStatesWithFirstUpdateSince(sql: Sql, where: Where, from: string, ofActions: readonly string[]): Promise<RecommendationState[]> {
  return readStates(sql, whereOf(where), { firstSince: from, ofActions });
}

/** The summaries' and actions' rows without any update: what rules that need no progress note read. */
export async function readStatesWithoutUpdates(sql: Sql, where: Where): Promise<RecommendationState[]> {
  return readStates(sql, whereOf(where), 'none');
}

/** An action's updates after the one numbered `after`, oldest first, with its count; null for an unknown action. */
export async function readUpdatePage(sql: Sql, recommendationId: string, actionId: string, after: number, limit: number): Promise<Page<ProgressUpdate> | null> {
  const [action] = await sql.query<{ update_count: number | string }>(`SELECT update_count FROM ${ACTIONS} WHERE recommendation_id = ? AND id = ?`, [recommendationId, actionId]);
  if (!action) return null;
  const total = Number(action.update_count);
  const last = Math.min(after + limit, total);
  const range = [recommendationId, actionId, after, last];
  const updates = await sql.query<UpdateRow>(
    `SELECT recommendation_id, action_id, seq, reported_at, reported_by, progress_percent, note, retracted_at, retracted_by, retraction_reason FROM ${UPDATES} WHERE recommendation_id = ? AND action_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    range,
  );
  const evidence = await sql.query<EvidenceRow>(
    `SELECT recommendation_id, action_id, update_seq, title, url FROM ${EVIDENCE} WHERE recommendation_id = ? AND action_id = ? AND update_seq > ? AND update_seq <= ? ORDER BY update_seq, seq`,
    range,
  );
  return { items: groupUpdates(updates, evidence).get(`${recommendationId}/${actionId}`) ?? [], total, nextAfter: last < total ? String(last) : null };
}

/**
 * The order of codes within a review, kept as a number (`code_rank`) so the
 * list can be paged in SQL in the order byCode gives (R2 before R10, Swedish
 * letters), which no database collation spells the same on both databases.
 */
async function rankCodes(sql: Sql, reviewIds: string[]): Promise<void> {
  for (const reviewId of reviewIds) {
    const rows = await sql.query<{ id: string; code: string; code_rank: number | string }>(`SELECT id, code, code_rank FROM ${SUMMARIES} WHERE review_id = ?`, [reviewId]);
    const ranked = [...rows].sort(byCode);
    for (const [rank, row] of ranked.entries()) {
      if (Number(row.code_rank) !== rank + 1) await sql.query(`UPDATE ${SUMMARIES} SET code_rank = ? WHERE id = ?`, [rank + 1, row.id]);
    }
  }
}

/**
 * A retraction changes a note already written, which the rows (upserts of whole rows) cannot:
 * the projector's memory holds no notes. So the notes retracted since the state written before
 * are marked here, by their number; a rebuild marks them all again, which changes nothing.
 */
async function markRetractions(sql: Sql, changed: Array<{ before: RecommendationState | null; after: RecommendationState }>): Promise<void> {
  for (const { before, after } of changed) {
    for (const action of after.actions) {
      const known = new Set((before?.actions.find((a) => a.id === action.id)?.retractions ?? []).map((r) => r.seq));
      for (const r of action.retractions ?? []) {
        if (known.has(r.seq)) continue;
        await sql.query(`UPDATE ${UPDATES} SET retracted_at = ?, retracted_by = ?, retraction_reason = ? WHERE recommendation_id = ? AND action_id = ? AND seq = ?`, [
          r.at,
          r.by,
          r.reason,
          after.id,
          action.id,
          r.seq,
        ]);
      }
    }
  }
}

/** The recommendations read model: summary, action, update and evidence rows, changed row by row. */
export const recommendationsProjection: RowsProjection<RecommendationState> = {
  kind: 'rows',
  name: 'recommendations',
  streamPrefix: RECOMMENDATION_STREAM_PREFIX,
  tables: [EVIDENCE, UPDATES, ACTIONS, SUMMARIES],
  evolve: evolve as RowsProjection<RecommendationState>['evolve'],
  snapshotSchema: RECOMMENDATION_STATE_SCHEMA,
  rows: recommendationRows,
  written: writtenState,
  loadWritten: async (sql, id) => (await readStates(sql, whereOf({ id }), 'none'))[0] ?? null,
  read: (sql, where) => readStates(sql, whereOf(where), 'all'),
  // A code's place among its review's codes changes only when a recommendation is registered.
  settle: async (sql, changed) => {
    await rankCodes(sql, [...new Set(changed.filter((c) => c.before === null).map((c) => c.after.reviewId))]);
    await markRetractions(sql, changed);
  },
};
