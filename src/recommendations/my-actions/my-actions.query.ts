import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import type { Sql } from '../../event-store/sql';
import type { Actor } from '../../kernel/actor';
import { Clock } from '../../kernel/clock';
import { invalid } from '../../kernel/domain-error';
import { cursorOfPlace, placeOfCursor } from '../../kernel/http/paging';
import { mayApprove, unitsOfAction } from '../domain/recommendation.approval';
import { OPEN_ACTION_STATUSES, type ActionState, type RecommendationState } from '../domain/recommendation.state';
import { byCode, toActionView } from '../recommendation.views';
import { toActionState, type ActionRow } from '../recommendations.projection';

export interface MyAction {
  recommendationId: string;
  code: string;
  recommendationTitle: string;
  actionId: string;
  title: string;
  responsibleUnit: string;
  ownerEmail: string;
  dueDate: string;
  originalDueDate: string;
  status: string;
  progressPercent: number;
  overdue: boolean;
}

/** What the worklist shows of the recommendation an action belongs to. */
type Parent = Pick<RecommendationState, 'id' | 'code' | 'title'>;

/** The titles' Swedish order, made once: a localeCompare with a locale makes a collator per comparison. */
const TITLES = new Intl.Collator('sv');

/** What the worklist is ordered by. */
type Urgency = Pick<MyAction, 'overdue' | 'dueDate' | 'code' | 'title'>;

/** Overdue first, then the earliest due date, then by recommendation code so the order is stable. */
const byUrgency = (a: Urgency, b: Urgency): number =>
  Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || byCode(a, b) || TITLES.compare(a.title, b.title);

/** The place of a row in the worklist's order: what it is sorted by, as the cursor carries it. */
type WorklistPlace = Urgency & Pick<MyAction, 'actionId'>;

/** The worklist's order made total: two actions alike in urgency, code and title follow their ids. */
const inWorklistOrder = (a: WorklistPlace, b: WorklistPlace): number => byUrgency(a, b) || (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0);

/** A page of the worklist, with how many there are in all and how many of them are overdue. */
export interface WorklistPage {
  items: MyAction[];
  total: number;
  overdue: number;
  /** The cursor of the next page (`efter`), null on the last. */
  nextAfter: string | null;
}

const placeCursor = (a: WorklistPlace): string => cursorOfPlace([a.dueDate, a.code, a.title, a.actionId]);

function placeOf(after: string, today: string): WorklistPlace {
  const place = placeOfCursor(after);
  if (!Array.isArray(place) || place.length !== 4 || !place.every((v) => typeof v === 'string')) {
    throw invalid(`efter "${after.slice(0, 50)}" is not the link to a next page`, [{ field: 'efter', message: 'must be the one the previous page linked to' }]);
  }
  const [dueDate, code, title, actionId] = place as string[];
  return { dueDate, code, title, actionId, overdue: dueDate < today };
}

/**
 * `limit` rows of the worklist (as `worklist` orders it) after the row the cursor names. The cursor is
 * that row's place in the order, not its position or only its id: the list
 * changes as its reader works (an action completed leaves it), and the next
 * page goes on from where the last one ended whatever left it meanwhile.
 */
export function worklistPage(actions: MyAction[], page: { limit: number; after: string | null }, today: string): WorklistPage {
  const from = page.after === null ? null : placeOf(page.after, today);
  const rest = from ? actions.filter((a) => inWorklistOrder(a, from) > 0) : actions;
  const items = rest.slice(0, page.limit);
  return {
    items,
    total: actions.length,
    overdue: actions.filter((a) => a.overdue).length,
    nextAfter: rest.length > page.limit ? placeCursor(items[items.length - 1]) : null,
  };
}

/** An open action the actor owns, or that their unit has. */
const answersFor = (actor: Actor, email: string) => (a: ActionState) =>
  OPEN_ACTION_STATUSES.includes(a.status) && (a.ownerEmail.toLowerCase() === email || (actor.unit !== null && a.responsibleUnit === actor.unit));

/** An action as both lists show it, beside its recommendation's id, code and title. */
function listed(s: Parent, action: ActionState, today: string): MyAction {
  const { id, description: _description, updates: _updates, ...view } = toActionView(action, today);
  return { recommendationId: s.id, code: s.code, recommendationTitle: s.title, actionId: id, ...view };
}

/** The worklist from actions beside their recommendation: those the actor answers for, most urgent first. */
export function worklist(actions: Array<{ recommendation: Parent; action: ActionState }>, actor: Actor, today: string): MyAction[] {
  const mine = answersFor(actor, actor.email.toLowerCase());
  return actions
    .filter(({ action }) => mine(action))
    .map(({ recommendation, action }) => listed(recommendation, action, today))
    .sort(inWorklistOrder);
}

/** The open actions an actor answers for: those they own, and those of their unit. */
export const myActions = (states: RecommendationState[], actor: Actor, today: string): MyAction[] =>
  worklist(states.flatMap((recommendation) => recommendation.actions.map((action) => ({ recommendation, action }))), actor, today);

/** An action's row with its recommendation's code, title and unit. */
interface MyActionRow extends Omit<ActionRow, 'update_count'> {
  code: string;
  recommendation_title: string;
  recommendation_unit: string;
}

/** What both lists read of an action and its recommendation (no progress note), from `rm_actions a JOIN rm_recommendations r`. */
const ROW_COLUMNS = `r.id AS recommendation_id, r.code, r.title AS recommendation_title, r.responsible_unit AS recommendation_unit, a.id, a.title, a.description,
       a.responsible_unit, a.owner_email, a.due_date, a.original_due_date, a.status, a.progress_percent, a.added_at, a.completed_at, a.claimed_by, a.claimed_at, a.claim_note`;

const toEntry = (r: MyActionRow): { recommendation: ApprovalParent; action: ActionState } => ({
  recommendation: { id: r.recommendation_id, code: r.code, title: r.recommendation_title, responsibleUnit: r.recommendation_unit },
  action: toActionState(r, []),
});

/**
 * The open actions that may be the actor's, each with its recommendation's
 * code and title: the action rows and their summary row, no progress note.
 * (LOWER folds ASCII only on SQLite; addresses are stored lower-cased, and
 * `worklist` decides again in JavaScript.)
 */
async function readCandidates(sql: Sql, actor: Actor): Promise<Array<{ recommendation: Parent; action: ActionState }>> {
  const rows = await sql.query<MyActionRow>(
    `SELECT ${ROW_COLUMNS}
     FROM rm_actions a JOIN rm_recommendations r ON r.id = a.recommendation_id
     WHERE a.status IN (${OPEN_ACTION_STATUSES.map(() => '?').join(', ')}) AND (LOWER(a.owner_email) = ? OR a.responsible_unit = ?)
     ORDER BY r.review_id, r.code_rank, a.ordinal`,
    [...OPEN_ACTION_STATUSES, actor.email.toLowerCase(), actor.unit],
  );
  return rows.map(toEntry);
}

export class MyActionsQuery extends Query<MyAction[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@QueryHandler(MyActionsQuery)
export class MyActionsHandler implements IQueryHandler<MyActionsQuery> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ actor }: MyActionsQuery): Promise<MyAction[]> {
    return worklist(await this.db.read((sql) => readCandidates(sql, actor)), actor, this.clock.today());
  }
}

/** A claimed action waiting for the actor's approval, with who claimed it, when, and their note. */
export interface ActionToApprove extends MyAction {
  claim: { by: string; at: string; note: string };
}

/** What the approver's list needs of the recommendation: its unit's people may approve its actions too. */
type ApprovalParent = Parent & Pick<RecommendationState, 'responsibleUnit'>;

/** The claimed actions this actor may approve (never those they claimed themselves), oldest claim first. */
export function toApprove(actions: Array<{ recommendation: ApprovalParent; action: ActionState }>, actor: Actor, today: string): ActionToApprove[] {
  return actions
    .filter(({ recommendation, action }) => action.status === 'completion_claimed' && !!action.claim && mayApprove(actor, unitsOfAction(recommendation, action), action.claim.by))
    .map(({ recommendation, action }) => ({ ...listed(recommendation, action, today), claim: action.claim! }))
    .sort((a, b) => a.claim.at.localeCompare(b.claim.at) || byCode(a, b));
}

/** The claimed actions, of the actor's unit (as the action's or the recommendation's) unless the actor approves for every unit. */
async function readClaimed(sql: Sql, actor: Actor): Promise<Array<{ recommendation: ApprovalParent; action: ActionState }>> {
  const everyUnit = actor.role === 'secretary' || actor.role === 'admin';
  if (!everyUnit && (actor.role !== 'unit_head' || actor.unit === null)) return [];
  const rows = await sql.query<MyActionRow>(
    `SELECT ${ROW_COLUMNS}
     FROM rm_actions a JOIN rm_recommendations r ON r.id = a.recommendation_id
     WHERE a.status = ?${everyUnit ? '' : ' AND (a.responsible_unit = ? OR r.responsible_unit = ?)'}
     ORDER BY r.review_id, r.code_rank, a.ordinal`,
    everyUnit ? ['completion_claimed'] : ['completion_claimed', actor.unit, actor.unit],
  );
  return rows.map(toEntry);
}

export class ToApproveQuery extends Query<ActionToApprove[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@QueryHandler(ToApproveQuery)
export class ToApproveHandler implements IQueryHandler<ToApproveQuery> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ actor }: ToApproveQuery): Promise<ActionToApprove[]> {
    return toApprove(await this.db.read((sql) => readClaimed(sql, actor)), actor, this.clock.today());
  }
}
