import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import { asksWholeTimeline, paths } from '../kernel/paths';
import { formatInteger } from '../kernel/format-integer';
import { invalidForm, optional, refusal, validateForm, type FieldErrors, type FormProblem, type Form } from '../web/form-problems';
import type { WriteContext } from '../event-store/command-runner';
import { formWriteContext, typedAfterRefusal, typedValues } from '../web/form-key';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';
import { ChangeRecommendationCommand } from './change-recommendation.command';
import type { RecommendationCommand } from './domain/recommendation.decide';
import { UnitOwnersQuery } from './assign-action/unit-owners.query';
import { GetTimelineQuery } from './get-history/get-history.query';
import { ReadRecommendationQuery } from './get-recommendation/get-recommendation.query';
import { NO_CAPABILITIES, recommendationCapabilities, type RecommendationCapabilities } from './recommendation-capabilities';
import { ReviewTitles } from './review-titles';
import { describeTimeline } from './timeline';
import { discussionView } from './discussion/discussion-view';

/** How many evidence rows the progress form has. */
export const EVIDENCE_ROWS = 3;

/**
 * Events of the timeline a recommendation's page shows, the latest; the rest one link away. Every
 * event was on the page: at 5,300 events (a progress note a day for fifteen years) it was 2.2 MB
 * of HTML, made in 0.45–0.52 s on the 2-core machine while other requests waited.
 */
export const TIMELINE_LATEST = 200;

/** Meeting fields of a committee form (decision, assessment); none filled in means no meeting. */
export function meetingInput(body: Form) {
  const parts = { body: body.meetingBody, date: body.meetingDate, paragraph: body.meetingParagraph, diaryNumber: body.meetingDiaryNumber };
  if (!Object.values(parts).some((v) => optional(v) !== undefined)) return undefined;
  return { body: parts.body ?? '', date: parts.date ?? '', paragraph: optional(parts.paragraph), diaryNumber: optional(parts.diaryNumber) };
}

/** Whether the page shows the form a problem belongs to, so its errors have somewhere to go. */
function offered(form: string, can: RecommendationCapabilities): boolean {
  // `publish` (the recommendation's summary) and `publish-<actionId>`: publishing and withdrawing share the form.
  const retracting = /^retract-(.+)-\d+$/.exec(form);
  if (retracting) return can.actions[retracting[1]]?.retract ?? false;
  // An action's upload field and comment form (discussion/): shown to everyone who may add to them, refused otherwise with 403 before.
  if (/^(attach|comment)-/.test(form)) return true;
  const correcting = /^correct-(decision|assessment)$/.exec(form);
  if (correcting) return can.corrections.includes(correcting[1] as 'decision');
  const publishing = /^publish(?:-(.+))?$/.exec(form);
  if (publishing) return (publishing[1] ? can.actions[publishing[1]]?.publish : can.publish) ?? false;
  const [, kind, actionId] = /^(progress|reschedule|complete|cancel|approve|sendBack|edit|assign)-(.+)$/.exec(form) ?? [];
  if (kind) return can.actions[actionId]?.[kind as 'progress'] ?? false;
  return { 'add-action': can.addAction, decision: can.decisions.length > 0, assessment: can.assessments.length > 0 || (can.assessmentBlockedBy?.length ?? 0) > 0, reopen: can.reopen }[form] ?? false;
}

/** One form post on the recommendation page: what it validates with, the command it becomes, where it lands. */
export interface Submission<T extends object> {
  /** The form's name on the page (`decision`, `progress-<actionId>`): its errors are shown next to its fields. */
  form: string;
  body: Form;
  /** The API's own request DTO, so the form and the API refuse the same input. */
  dto: ClassConstructor<T>;
  /** The form's fields shaped as the API's request body. */
  input: Record<string, unknown>;
  toCommand: (value: T) => RecommendationCommand;
  /** The confirmation shown after the redirect (a key of `t.notices`) and the element the page scrolls to. */
  notice: string;
  anchor: string;
  /** Which form input a DTO field's error belongs next to. */
  inputName?: (field: string) => string;
  /** What the form asks beyond the API (a past due date confirmed): input name → message, or null to go on. */
  confirm?: (value: T) => FieldErrors | null;
  /** A second write the form carries, once the first is in (the progress form's file, discussion/): its refusal is shown as the form's. */
  afterWrite?: (ctx: WriteContext) => Promise<unknown>;
  /** The name of the file the form carried: a browser cannot be given it back, so a refused form asks for it again. */
  carriedFile?: string;
}

/**
 * The recommendation page: shown by its GET and by every refused write on
 * it (decision, assessment, reopen, the action forms), with the errors next
 * to the fields and what was typed still in them. Every write use case's web
 * controller posts through `submit`.
 */
@Injectable()
export class RecommendationPage {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
    private readonly reviewTitles: ReviewTitles,
  ) {}

  /**
   * Validates the form with the API's DTO, sends the command, and on success
   * redirects (POST-redirect-GET). On a refusal the page is shown again.
   */
  async submit<T extends object>(req: WebRequest, res: Response, id: string, s: Submission<T>): Promise<void> {
    const { t } = req.web!;
    const inputName = s.inputName ?? ((f: string) => f);
    const values = typedValues(s.body);
    // Beside the file field, unless the file itself was what was refused.
    const askFileAgain = (problem: FormProblem): FormProblem =>
      s.carriedFile ? { ...problem, fields: { file: t.discussion.chooseAgain(s.carriedFile), ...problem.fields } } : problem;
    const checked = await validateForm(s.dto, s.input, t, inputName);
    if (!checked.ok) return this.show(req, res, id, null, askFileAgain(invalidForm(s.form, checked.fields, t)), values);
    const unconfirmed = s.confirm?.(checked.value);
    if (unconfirmed) return this.show(req, res, id, null, askFileAgain(invalidForm(s.form, unconfirmed, t)), values);
    let wrote = false;
    try {
      const ctx = formWriteContext(req, s.body);
      const written = await this.commands.execute(new ChangeRecommendationCommand(id, s.toCommand(checked.value), ctx));
      wrote = true;
      // Its own write, without the form's key (that key answers for the first); a form sent twice carries it once.
      if (s.afterWrite && !written.replayed) await s.afterWrite({ ...ctx, idempotency: null, ifMatch: null });
    } catch (error) {
      // Refused after the first write went in, it is the file that was refused: its own message says so.
      const problem = refusal(error, s.form, t, inputName);
      return this.show(req, res, id, null, wrote ? problem : askFileAgain(problem), typedAfterRefusal(s.body, error));
    }
    res.redirect(303, paths.recommendation(id, { notice: s.notice, anchor: s.anchor }));
  }

  async show(req: WebRequest, res: Response, id: string, asOf: string | null, problem: FormProblem | null = null, values: Form = {}): Promise<void> {
    const { t, lang, user, units } = req.web!;
    const [{ state, detail }, timeline, reviews] = await Promise.all([
      this.queries.execute(new ReadRecommendationQuery(id, asOf)),
      this.queries.execute(new GetTimelineQuery(id, asOf, asksWholeTimeline(req.query) ? null : TIMELINE_LATEST)),
      this.reviewTitles.list(),
    ]);
    const can = asOf ? NO_CAPABILITIES : recommendationCapabilities(state, user!);
    // A form the page no longer offers because the recommendation moved on meanwhile (another secretary recorded the decision,
    // the claim was taken back): the page as it is now, with why at its top. It was an error page leading only to the start.
    const withoutItsForm = problem && !offered(problem.form, can) ? problem : null;
    const formGone = withoutItsForm && (withoutItsForm.status === 409 || withoutItsForm.status === 412) ? withoutItsForm : null;
    if (withoutItsForm && !formGone) {
      // A write tried without its form (a foreign unit's action, an auditor): no field to show the error next to.
      return this.pages.render(req, res, 'error.eta', t.errors.title, { status: withoutItsForm.status, message: withoutItsForm.message, detail: withoutItsForm.detail }, withoutItsForm.status);
    }
    // The owner select of each action that may be handed over offers the active users of its unit.
    // The new action's owner field suggests those of the recommendation's unit (the rule checks whichever is sent).
    const ownerUnits = [...detail.actions.filter((a) => can.actions[a.id]?.assign).map((a) => a.responsibleUnit), ...(can.addAction ? [detail.responsibleUnit] : [])];
    const owners = await this.queries.execute(new UnitOwnersQuery(ownerUnits));
    this.pages.render(
      req,
      res,
      'recommendations/get-recommendation/recommendation.eta',
      `${detail.code} ${detail.title}`,
      {
        rec: detail,
        review: reviews.find((r) => r.id === detail.reviewId) ?? null,
        timeline: describeTimeline(timeline.events, t, lang, units, { latest: timeline.shown, notesBefore: timeline.notesBefore }),
        timelineHidden:
          timeline.shown < timeline.total
            ? {
                latest: t.detail.timelineLatest(formatInteger(timeline.shown, lang), formatInteger(timeline.total, lang)),
                href: paths.recommendation(id, { asOf: asOf ?? undefined, wholeTimeline: true, anchor: 'timeline' }),
              }
            : null,
        can,
        formGone,
        asOfDay: asOf ? asOf.slice(0, 10) : null,
        evidenceRows: EVIDENCE_ROWS,
        owners,
        discussions: discussionView(timeline.events, detail, user ?? null, !asOf),
        problem,
        values,
      },
      problem?.status ?? 200,
    );
  }
}
