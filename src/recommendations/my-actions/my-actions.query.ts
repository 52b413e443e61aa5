import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../kernel/actor';
import { Clock } from '../../kernel/clock';
import { recommendationsProjection } from '../recommendations.projection';
import { StateReader } from '../../projections/state-reader';
import { OPEN_ACTION_STATUSES, type RecommendationState } from '../domain/recommendation.state';
import { byCode, toActionView } from '../recommendation.views';

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

/** Overdue first, then the earliest due date, then by recommendation code so the order is stable. */
export const byUrgency = (a: MyAction, b: MyAction): number =>
  Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || byCode(a, b) || a.title.localeCompare(b.title, 'sv');

/** The open actions an actor answers for: those they own, and those of their unit. */
export function myActions(states: RecommendationState[], actor: Actor, today: string): MyAction[] {
  const email = actor.email.toLowerCase();
  return states
    .flatMap((s) =>
      s.actions
        .filter((a) => OPEN_ACTION_STATUSES.includes(a.status))
        .filter((a) => a.ownerEmail.toLowerCase() === email || (actor.unit !== null && a.responsibleUnit === actor.unit))
        .map((a) => {
          const { id, description: _description, updates: _updates, ...view } = toActionView(a, today);
          return { recommendationId: s.id, code: s.code, recommendationTitle: s.title, actionId: id, ...view };
        }),
    )
    .sort(byUrgency);
}

export class MyActionsQuery extends Query<MyAction[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@QueryHandler(MyActionsQuery)
export class MyActionsHandler implements IQueryHandler<MyActionsQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ actor }: MyActionsQuery): Promise<MyAction[]> {
    return myActions(await this.reader.current<RecommendationState>(recommendationsProjection), actor, this.clock.today());
  }
}
