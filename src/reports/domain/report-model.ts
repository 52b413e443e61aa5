import type {
  AssessmentOutcome,
  AttachmentRef,
  DecisionOutcome,
  EvidenceLink,
  MeetingReference,
  RecommendationEvent,
} from '../../recommendations/domain/recommendation.events';
import { recommendationStreamId } from '../../recommendations/domain/recommendation.events';
import {
  OPEN_ACTION_STATUSES,
  RECOMMENDATION_STATUSES,
  isOverdue,
  progressOf,
  type ActionState,
  type ActionStatus,
  type RecommendationState,
  type RecommendationStatus,
} from '../../recommendations/domain/recommendation.state';
import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import type { ReviewState } from '../../reviews/domain/review';
import { addDays, dayOfAsOf } from '../../kernel/calendar';
import { formatInteger } from '../../kernel/format-integer';
import { LOCALES, formatDate, formatInstant, formatPercent, utcDateOf, type ReportLanguage } from './report-format';
import {
  REPORT_LABELS,
  REPORT_PHRASES,
  type ReportChangeKind,
  type ReportLabels,
  type ReportPhrases,
  type TrafficLight,
} from './report-labels';

export type { ReportLanguage } from './report-format';
export type { ReportChangeKind, ReportLabels, TrafficLight } from './report-labels';

/** A recommendation event in the report's period, as the event store returns it. */
export interface ReportChangeEvent {
  position: number;
  streamId: string;
  type: string;
  occurredAt: string;
  actorEmail: string;
  /** The stored event data, as written; narrowed by `type` when the changes are described. */
  data: any;
  recommendationCode: string;
}

export interface ReportInput {
  language: ReportLanguage;
  /** The review the report covers; null covers all reviews. */
  review: ReviewState | null;
  cycle: CycleState;
  milestone: Milestone;
  previousMilestone: Milestone | null;
  /** The ISO instant the facts are folded to. */
  asOf: string;
  /** The last event position included. */
  position: number;
  /** Each folded as of `asOf`. */
  recommendations: RecommendationState[];
  /**
   * Recommendation events after the previous milestone's period end (or the
   * cycle start) up to `asOf`, in position order.
   */
  changes: ReportChangeEvent[];
  /** Names readers know the units by (`sfi` → "sfi-avdelningen"); a unit without one is shown by its key. */
  unitNames?: Readonly<Record<string, string>>;
  /** The signed anchor at `position` (src/audit/domain/anchor.ts), named at the report's end; part of the input, so a rebuild names the same one. */
  anchor?: ReportAnchor | null;
}

export interface ReportAnchor {
  position: number;
  headHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

/**
 * Everything any format of the report shows, already in the report's language.
 *
 * Each fact is here once, raw (for machines: codes, ISO dates, numbers) and as
 * the text a reader sees (`…Text`). Renderers only lay these out; none of them
 * counts, derives or formats anything, so the five formats cannot disagree.
 */
export interface ReportModel {
  schemaVersion: 1;
  language: ReportLanguage;
  locale: 'sv-SE' | 'en-GB';
  title: string;
  reviewTitle: string;
  review: ReportReview | null;
  cycle: { id: string; name: string; year: number };
  milestone: ReportMilestone;
  previousMilestone: { key: string; name: string; periodEnd: string; periodEndText: string } | null;
  asOf: string;
  asOfText: string;
  position: number;
  positionText: string;
  /** Only when the report was made with one: a report made before anchors, or without events, names none. */
  anchor?: ReportAnchor & { text: string };
  labels: ReportLabels;
  trafficLightRule: Array<{ light: TrafficLight; text: string }>;
  summary: ReportSummary;
  recommendations: ReportRecommendation[];
  changesSince: string;
  changesSinceText: string;
  changes: ReportChange[];
}

export interface ReportReview {
  id: string;
  title: string;
  reviewer: string;
  committee: string;
  diaryNumber: string | null;
}

export interface ReportMilestone {
  key: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  periodText: string;
  dueDate: string;
  dueDateText: string;
}

export interface ReportCount {
  label: string;
  count: number;
  countText: string;
}

export interface ReportSummary {
  recommendationCount: number;
  recommendationCountText: string;
  /** Only statuses that occur, in lifecycle order. */
  byStatus: Array<ReportCount & { status: RecommendationStatus }>;
  actions: {
    total: ReportCount;
    open: ReportCount;
    overdue: ReportCount;
    completed: ReportCount;
    /** Claimed as completed and not yet approved: not done. */
    claimed: ReportCount;
    cancelled: ReportCount;
  };
  byTrafficLight: Array<ReportCount & { light: TrafficLight }>;
}

export interface ReportMeeting {
  body: string;
  date: string;
  dateText: string;
  paragraph: string | null;
  diaryNumber: string | null;
}

export interface ReportDecision {
  outcome: DecisionOutcome | AssessmentOutcome;
  outcomeText: string;
  reason: string;
  recordedAt: string;
  recordedAtText: string;
  meeting: ReportMeeting | null;
  /** "Arbetsmarknadsnämnden 2012-03-20, § 14, dnr 302-1234/2011" */
  meetingText: string | null;
}

export interface ReportNote {
  at: string;
  atText: string;
  by: string;
  progressPercent: number;
  note: string;
}

export interface ReportAction {
  id: string;
  title: string;
  responsibleUnit: string;
  responsibleUnitText: string;
  owner: string;
  dueDate: string;
  dueDateText: string;
  /** Set only when the due date has been moved. */
  originalDueDate: string | null;
  originalDueDateText: string | null;
  /** The due date as a reader sees it, with the original when it was moved. */
  dueText: string;
  status: ActionStatus;
  overdue: boolean;
  /** The status in words, "försenad" added when overdue. */
  statusText: string;
  progressPercent: number;
  progressText: string;
  latestNote: ReportNote | null;
  /** Every evidence link reported on the action, first report first, each address once. */
  evidence: EvidenceLink[];
}

export interface ReportRecommendation {
  id: string;
  reviewId: string;
  code: string;
  title: string;
  /**
   * The recommendation's wording (English when asked for and recorded). For
   * systems reading the JSON; the printed formats show code and title, as the
   * committee has the wording in the review itself.
   */
  text: string;
  responsibleUnit: string;
  responsibleUnitText: string;
  status: RecommendationStatus;
  statusText: string;
  decision: ReportDecision | null;
  assessment: ReportDecision | null;
  progressPercent: number;
  progressText: string;
  trafficLight: TrafficLight;
  trafficLightText: string;
  trafficLightReason: string;
  actions: ReportAction[];
}

export interface ReportChange {
  position: number;
  occurredAt: string;
  occurredAtText: string;
  recommendationCode: string;
  kind: ReportChangeKind;
  kindText: string;
  subject: string;
  details: string;
  reason: string | null;
  by: string;
}

/** How close a due date must be, with little progress, to turn the light yellow. */
const DUE_SOON_DAYS = 30;
/** Progress under this, with the due date that close, is little: the overview's SQL counts by the same figure. */
export const DUE_SOON_PROGRESS = 50;

/**
 * Builds the one model every format renders. Pure: the same input gives an
 * equal model, whenever and wherever it runs.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { language } = input;
  const labels = REPORT_LABELS[language];
  const phrases = REPORT_PHRASES[language];
  const today = dayOfAsOf(input.asOf);
  const ctx: Context = { language, labels, phrases, today, unitNames: input.unitNames ?? {} };

  const states = [...input.recommendations].sort(byCode);
  const recommendations = states.map((state) => recommendationOf(state, ctx));
  const changesSince = input.previousMilestone?.periodEnd ?? cycleStart(input.cycle, input.milestone);

  return {
    schemaVersion: 1,
    language,
    locale: LOCALES[language],
    title: `${labels.documentTitle} – ${input.milestone.name} ${input.cycle.year}`,
    reviewTitle: input.review?.title ?? labels.allReviews,
    review: input.review
      ? {
          id: input.review.id,
          title: input.review.title,
          reviewer: input.review.reviewer,
          committee: input.review.committee,
          diaryNumber: input.review.diaryNumber,
        }
      : null,
    cycle: { id: input.cycle.id, name: input.cycle.name, year: input.cycle.year },
    milestone: {
      key: input.milestone.key,
      name: input.milestone.name,
      periodStart: input.milestone.periodStart,
      periodEnd: input.milestone.periodEnd,
      periodText: phrases.periodText(
        formatDate(input.milestone.periodStart, language),
        formatDate(input.milestone.periodEnd, language),
      ),
      dueDate: input.milestone.dueDate,
      dueDateText: formatDate(input.milestone.dueDate, language),
    },
    previousMilestone: input.previousMilestone
      ? {
          key: input.previousMilestone.key,
          name: input.previousMilestone.name,
          periodEnd: input.previousMilestone.periodEnd,
          periodEndText: formatDate(input.previousMilestone.periodEnd, language),
        }
      : null,
    asOf: input.asOf,
    asOfText: formatInstant(input.asOf, language),
    position: input.position,
    positionText: formatInteger(input.position, language),
    ...(input.anchor
      ? {
          anchor: {
            ...input.anchor,
            text:
              `${labels.anchor}: ${labels.position.toLowerCase()} ${formatInteger(input.anchor.position, language)}, ` +
              `${labels.anchorHash} ${input.anchor.headHash}, ${labels.anchorKey} ${input.anchor.keyId}, ${labels.anchorSignedAt} ${input.anchor.signedAt}`,
          },
        }
      : {}),
    labels,
    trafficLightRule: (['red', 'yellow', 'green'] as const).map((light) => ({ light, text: labels.lightRule[light] })),
    summary: summaryOf(recommendations, ctx),
    recommendations,
    changesSince,
    changesSinceText: input.previousMilestone
      ? phrases.changesSince(input.previousMilestone.name, formatDate(changesSince, language))
      : phrases.changesSinceStart(formatDate(changesSince, language)),
    changes: changesOf(input.changes, states, ctx),
  };
}

interface Context {
  language: ReportLanguage;
  labels: ReportLabels;
  phrases: ReportPhrases;
  /** The as-of instant's UTC date: an open action due before it is overdue. */
  today: string;
  unitNames: Readonly<Record<string, string>>;
}

function recommendationOf(state: RecommendationState, ctx: Context): ReportRecommendation {
  const { language, labels } = ctx;
  const actions = state.actions.map((action) => actionOf(action, ctx));
  const progress = progressOf(state);
  const light = trafficLightOf(state, ctx);
  return {
    id: state.id,
    reviewId: state.reviewId,
    code: state.code,
    title: state.title,
    text: language === 'en' && state.textEn ? state.textEn : state.text,
    responsibleUnit: state.responsibleUnit,
    responsibleUnitText: unitText(state.responsibleUnit, ctx),
    status: state.status,
    statusText: labels.recommendationStatus[state.status],
    decision: state.decision
      ? decisionOf(
          state.decision.decision,
          labels.recommendationStatus[state.decision.decision],
          state.decision.reason,
          state.decision.decidedAt,
          state.decision.meeting,
          ctx,
        )
      : null,
    assessment: state.assessment
      ? decisionOf(
          state.assessment.status,
          labels.recommendationStatus[state.assessment.status],
          state.assessment.reason,
          state.assessment.assessedAt,
          state.assessment.meeting,
          ctx,
        )
      : null,
    progressPercent: progress,
    progressText: formatPercent(progress, language),
    trafficLight: light.light,
    trafficLightText: labels.light[light.light],
    trafficLightReason: light.reason,
    actions,
  };
}

function decisionOf(
  outcome: DecisionOutcome | AssessmentOutcome,
  outcomeText: string,
  reason: string,
  recordedAt: string,
  given: MeetingReference | null,
  ctx: Context,
): ReportDecision {
  const meeting = knownMeeting(given);
  return {
    outcome,
    outcomeText,
    reason,
    recordedAt,
    recordedAtText: formatDate(utcDateOf(recordedAt), ctx.language),
    meeting: meeting
      ? {
          body: meeting.body,
          date: meeting.date,
          dateText: formatDate(meeting.date, ctx.language),
          paragraph: meeting.paragraph ?? null,
          diaryNumber: meeting.diaryNumber ?? null,
        }
      : null,
    meetingText: meeting ? meetingText(meeting, ctx) : null,
  };
}

/**
 * Before 2026-12-03 the API let `"meeting": []` through as a meeting with neither body nor date; the log keeps
 * such an event for ever, and a report over it names no meeting rather than failing on the missing date.
 */
function knownMeeting(meeting: MeetingReference | null): MeetingReference | null {
  return meeting && typeof meeting.body === 'string' && typeof meeting.date === 'string' ? meeting : null;
}

function meetingText(given: MeetingReference | null, ctx: Context): string {
  const meeting = knownMeeting(given);
  if (!meeting) return '';
  const parts = [`${meeting.body} ${formatDate(meeting.date, ctx.language)}`];
  if (meeting.paragraph) parts.push(meeting.paragraph);
  if (meeting.diaryNumber) parts.push(`${ctx.phrases.diaryNumberShort} ${meeting.diaryNumber}`);
  return parts.join(', ');
}

function actionOf(action: ActionState, ctx: Context): ReportAction {
  const { language, labels, phrases } = ctx;
  const overdue = isOverdue(action, ctx.today);
  const moved = action.dueDate !== action.originalDueDate;
  const dueDateText = formatDate(action.dueDate, language);
  const originalDueDateText = moved ? formatDate(action.originalDueDate, language) : null;
  // A retracted note (recommendation.corrections.ts) no longer counts: the latest note is the latest one still counted.
  const latest = action.updates.filter((u) => !u.retracted).slice(-1)[0] ?? null;
  return {
    id: action.id,
    title: action.title,
    responsibleUnit: action.responsibleUnit,
    responsibleUnitText: unitText(action.responsibleUnit, ctx),
    owner: action.ownerEmail,
    dueDate: action.dueDate,
    dueDateText,
    originalDueDate: moved ? action.originalDueDate : null,
    originalDueDateText,
    dueText: originalDueDateText ? `${dueDateText} (${phrases.originally(originalDueDateText)})` : dueDateText,
    status: action.status,
    overdue,
    statusText: overdue ? `${labels.actionStatus[action.status]}, ${labels.overdue}` : labels.actionStatus[action.status],
    progressPercent: action.progressPercent,
    progressText: action.status === 'cancelled' ? labels.cancelledProgress : formatPercent(action.progressPercent, language),
    latestNote: latest
      ? {
          at: latest.at,
          atText: formatDate(utcDateOf(latest.at), language),
          by: latest.by,
          progressPercent: latest.progressPercent,
          note: latest.note,
        }
      : null,
    evidence: evidenceOf(action),
  };
}

/** An action as a report reads it: with the files attached up to its instant (gather-report-input.ts), which the state does not hold. */
export type ReportedAction = ActionState & { attachments?: Array<Omit<AttachmentRef, 'actionId'>> };

/** The links reported, then the files attached, each named with its SHA-256 so the report says which bytes were shown. */
function evidenceOf(action: ReportedAction): EvidenceLink[] {
  const seen = new Set<string>();
  const links: EvidenceLink[] = [];
  for (const update of action.updates) {
    if (update.retracted) continue;
    for (const link of update.evidence) {
      if (seen.has(link.url)) continue;
      seen.add(link.url);
      links.push({ title: link.title, url: link.url });
    }
  }
  for (const file of action.attachments ?? []) links.push({ title: `${file.filename} (SHA-256 ${file.sha256})`, url: `/api/v1/attachments/${file.attachmentId}` });
  return links;
}

/**
 * What the traffic light of a recommendation is decided from: a few counts,
 * which the report takes from the folded state and the overview page
 * (src/reports/overview) counts in the read model with SQL, so both show the
 * same light by the one rule below.
 */
export interface LightFacts {
  status: RecommendationStatus;
  /** Open actions due before today. */
  overdueActions: number;
  /** Actions not cancelled. */
  activeActions: number;
  /** Open actions due within DUE_SOON_DAYS of today with progress under DUE_SOON_PROGRESS. */
  dueSoonActions: number;
}

/** The last due date that counts as "soon" on a day: DUE_SOON_DAYS after it. */
export const dueSoonUntil = (today: string): string => addDays(today, DUE_SOON_DAYS);

function lightFactsOf(state: RecommendationState, today: string): LightFacts {
  const soon = dueSoonUntil(today);
  return {
    status: state.status,
    overdueActions: state.actions.filter((a) => isOverdue(a, today)).length,
    activeActions: state.actions.filter((a) => a.status !== 'cancelled').length,
    dueSoonActions: state.actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status) && a.dueDate <= soon && a.progressPercent < DUE_SOON_PROGRESS).length,
  };
}

function trafficLightOf(state: RecommendationState, ctx: Context): { light: TrafficLight; reason: string } {
  return lightOf(lightFactsOf(state, ctx.today), ctx.phrases);
}

/**
 * The rule the report states in words (labels.lightRule): red for overdue work
 * or a failed assessment, yellow for anything the committee should keep an eye
 * on, green otherwise. The reason names which part of the rule applied.
 */
export function lightOf(facts: LightFacts, phrases: ReportPhrases = REPORT_PHRASES.sv): { light: TrafficLight; reason: string } {
  const reasons = phrases.lightReason;
  if (facts.overdueActions > 0) return { light: 'red', reason: reasons.overdue(facts.overdueActions) };
  switch (facts.status) {
    case 'not_implemented':
      return { light: 'red', reason: reasons.notImplemented };
    case 'received':
      return { light: 'yellow', reason: reasons.awaitingDecision };
    case 'deferred':
      return { light: 'yellow', reason: reasons.deferred };
    case 'partially_implemented':
      return { light: 'yellow', reason: reasons.partiallyImplemented };
    case 'implemented':
      return { light: 'green', reason: reasons.implemented };
    case 'rejected':
      return { light: 'green', reason: reasons.rejected };
    case 'accepted':
    case 'in_progress': {
      if (facts.activeActions === 0) return { light: 'yellow', reason: reasons.noActions };
      if (facts.dueSoonActions > 0) return { light: 'yellow', reason: reasons.dueSoon(facts.dueSoonActions) };
      return { light: 'green', reason: reasons.onPlan };
    }
    default: {
      const unknown: never = facts.status;
      throw new Error(`Unknown recommendation status ${String(unknown)}`);
    }
  }
}

function summaryOf(recommendations: ReportRecommendation[], ctx: Context): ReportSummary {
  const { language, labels } = ctx;
  const count = (label: string, n: number): ReportCount => ({ label, count: n, countText: formatInteger(n, language) });
  const actions = recommendations.flatMap((r) => r.actions);
  const tally = <K extends string>(keys: readonly K[], of: (r: ReportRecommendation) => K) => {
    const counts = new Map<K, number>(keys.map((k) => [k, 0]));
    for (const r of recommendations) counts.set(of(r), (counts.get(of(r)) ?? 0) + 1);
    return keys.filter((k) => (counts.get(k) ?? 0) > 0).map((k) => [k, counts.get(k) ?? 0] as const);
  };
  return {
    recommendationCount: recommendations.length,
    recommendationCountText: formatInteger(recommendations.length, language),
    byStatus: tally(RECOMMENDATION_STATUSES, (r) => r.status).map(([status, n]) => ({
      status,
      ...count(labels.recommendationStatus[status], n),
    })),
    actions: {
      total: count(labels.actionsTotal, actions.length),
      open: count(labels.actionsOpen, actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status)).length),
      overdue: count(labels.actionsOverdue, actions.filter((a) => a.overdue).length),
      completed: count(labels.actionsCompleted, actions.filter((a) => a.status === 'completed').length),
      claimed: count(labels.actionsClaimed, actions.filter((a) => a.status === 'completion_claimed').length),
      cancelled: count(labels.actionsCancelled, actions.filter((a) => a.status === 'cancelled').length),
    },
    byTrafficLight: tally(['red', 'yellow', 'green'] as const, (r) => r.trafficLight).map(([light, n]) => ({
      light,
      ...count(labels.light[light], n),
    })),
  };
}

/**
 * The period's events a committee cares about, in words. Progress reports are
 * left out (each action's latest note is in its table) and so are reminders.
 * Events of recommendations outside the report are ignored, so a report on one
 * review never lists another review's changes.
 */
function changesOf(events: ReportChangeEvent[], states: RecommendationState[], ctx: Context): ReportChange[] {
  const byStream = new Map(states.map((s) => [recommendationStreamId(s.id), s]));
  const changes: ReportChange[] = [];
  const ordered = [...events].sort((a, b) => a.position - b.position);
  for (const recorded of ordered) {
    const state = byStream.get(recorded.streamId);
    if (!state) continue;
    const described = describe({ type: recorded.type, data: recorded.data } as RecommendationEvent, state, ctx);
    if (!described) continue;
    changes.push({
      position: recorded.position,
      occurredAt: recorded.occurredAt,
      occurredAtText: formatDate(utcDateOf(recorded.occurredAt), ctx.language),
      recommendationCode: recorded.recommendationCode,
      kind: described.kind,
      kindText: ctx.labels.changeKind[described.kind],
      subject: described.subject,
      details: described.details,
      reason: described.reason,
      by: recorded.actorEmail,
    });
  }
  return changes;
}

/** The event types "what changed" describes; the rest (progress notes, reminders) are left out of it. */
export const REPORTED_CHANGE_TYPES = [
  'RecommendationDecided',
  'RecommendationAssessed',
  'RecommendationReopened',
  'ActionAdded',
  'ActionRescheduled',
  'ActionAssigned',
  'ActionCompleted',
  'ActionCompletionClaimed',
  'ActionCompletionApproved',
  'ActionCompletionSentBack',
  'ActionCancelled',
  'RecommendationCorrected',
  'ActionEdited',
  'ActionProgressRetracted',
] as const satisfies readonly RecommendationEvent['type'][];

function describe(
  event: RecommendationEvent,
  state: RecommendationState,
  ctx: Context,
): { kind: ReportChangeKind; subject: string; details: string; reason: string | null } | null {
  const { language, labels, phrases } = ctx;
  const actionTitle = (actionId: string) => state.actions.find((a) => a.id === actionId)?.title ?? actionId;
  // A decision and an assessment are both a ruling on the recommendation: the status it set, the meeting that set it, and why.
  const ruling = (kind: ReportChangeKind, status: RecommendationStatus, { meeting, reason }: { meeting: MeetingReference | null; reason: string }) => ({
    kind,
    subject: labels.recommendationStatus[status],
    details: meetingText(meeting, ctx),
    reason,
  });
  switch (event.type) {
    case 'RecommendationDecided':
      return ruling('decision', event.data.decision, event.data);
    case 'RecommendationAssessed':
      return ruling('assessment', event.data.status, event.data);
    case 'RecommendationReopened':
      return { kind: 'reopened', subject: labels.recommendationStatus.in_progress, details: '', reason: event.data.reason };
    case 'ActionAdded':
      return {
        kind: 'action_added',
        subject: event.data.title,
        details: phrases.addedDetails(
          unitText(event.data.responsibleUnit, ctx),
          event.data.ownerEmail,
          formatDate(event.data.dueDate, language),
        ),
        reason: null,
      };
    case 'ActionRescheduled':
      return {
        kind: 'action_rescheduled',
        subject: actionTitle(event.data.actionId),
        details: phrases.newDueDate(
          formatDate(event.data.previousDueDate, language),
          formatDate(event.data.dueDate, language),
        ),
        reason: event.data.reason,
      };
    case 'ActionAssigned':
      return {
        kind: 'action_assigned',
        subject: actionTitle(event.data.actionId),
        details: phrases.assignedDetails(event.data.previousOwnerEmail, event.data.ownerEmail),
        reason: null,
      };
    case 'ActionCompleted':
      return { kind: 'action_completed', subject: actionTitle(event.data.actionId), details: event.data.note, reason: null };
    case 'ActionCompletionClaimed':
      return { kind: 'action_claimed', subject: actionTitle(event.data.actionId), details: event.data.note, reason: null };
    case 'ActionCompletionApproved':
      return { kind: 'action_approved', subject: actionTitle(event.data.actionId), details: event.data.note ?? '', reason: null };
    case 'ActionCompletionSentBack':
      return { kind: 'action_sent_back', subject: actionTitle(event.data.actionId), details: '', reason: event.data.reason };
    case 'ActionCancelled':
      return { kind: 'action_cancelled', subject: actionTitle(event.data.actionId), details: '', reason: event.data.reason };
    // Corrections (recommendation.corrections.ts): what was corrected, and what it is now.
    case 'RecommendationCorrected': {
      const { corrected, status, meeting, reason } = event.data;
      const was = `${labels.recommendationStatus[corrected]} → ${labels.recommendationStatus[status]}`;
      return { kind: 'corrected', subject: labels.recommendationStatus[status], details: knownMeeting(meeting) ? `${was} (${meetingText(meeting, ctx)})` : was, reason };
    }
    case 'ActionEdited': {
      const { title, previousTitle, reason } = event.data;
      return { kind: 'action_edited', subject: title, details: title === previousTitle ? '' : `${previousTitle} → ${title}`, reason };
    }
    case 'ActionProgressRetracted':
      return { kind: 'progress_retracted', subject: actionTitle(event.data.actionId), details: formatPercent(event.data.progressPercent, language), reason: event.data.reason };
    case 'RecommendationRegistered':
    case 'ActionProgressReported':
    case 'ReminderRecorded':
      return null;
    default:
      // A type this report does not know yet (a newer event) is left out rather than failing the report.
      return null;
  }
}

function unitText(unit: string, ctx: Context): string {
  return ctx.unitNames[unit] ?? unit;
}

/** The start of the plan: its earliest milestone period start. */
function cycleStart(cycle: CycleState, milestone: Milestone): string {
  return cycle.milestones.reduce((earliest, m) => (m.periodStart < earliest ? m.periodStart : earliest), milestone.periodStart);
}

/**
 * Codes in reading order, numbers by value (R2 before R10). Compared by code
 * unit rather than `localeCompare`, whose order depends on the ICU data.
 */
function byCode(a: RecommendationState, b: RecommendationState): number {
  return compareCodes(a.code, b.code) || compareText(a.reviewId, b.reviewId) || compareText(a.id, b.id);
}

export function compareCodes(a: string, b: string): number {
  const parts = (code: string) => code.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) || compareText(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  return pa.length - pb.length;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
