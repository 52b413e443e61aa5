import { UNIT_STREAM_PREFIX } from '../units/domain/unit';
import { NOTE_ADDING_EVENTS } from './domain/recommendation.events';
import { unitName, type UnitNames } from '../web/unit-names';
import { formatDay, formatInstant, roleName, type Dictionary, type Language } from '../web/i18n';

/** An event as the history query and the audit log return it. */
export interface TimelineEvent {
  type: string;
  occurredAt: string;
  actor: { name: string; role: string; email?: string };
  reason: string | null;
  data: any;
  /** The audit log's entries name their stream: the units' events name their unit only by it. */
  streamId?: string;
}

export interface TimelineEntry {
  when: string;
  occurredAt: string;
  who: string;
  what: string;
  why: string | null;
  note: string | null;
  evidence: { title: string; url: string }[];
}

interface Meeting {
  body: string;
  date: string;
  paragraph?: string;
  diaryNumber?: string;
}

/**
 * Action ids → titles, from the ActionAdded events among these: later events name an action only by its id;
 * and user ids → names, from the events that give a user one, for the same reason.
 */
export function actionTitles(events: TimelineEvent[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'ActionAdded' || e.type === 'ActionEdited') titles.set(e.data.actionId, e.data.title);
    else if ((e.type === 'UserCreated' || e.type === 'UserChanged') && typeof e.data?.name === 'string') titles.set(e.data.userId, e.data.name);
  }
  return titles;
}

const meetingText = (t: Dictionary, lang: Language, m: Meeting | null | undefined): string | null =>
  m ? t.timeline.meeting(m.body, formatDay(m.date, lang), m.paragraph ?? null, m.diaryNumber ?? null) : null;

/** Only http(s) links are shown as links: anything else (javascript:, data:) is dropped. */
const safeEvidence = (evidence: unknown): { title: string; url: string }[] =>
  Array.isArray(evidence)
    ? evidence.filter((e) => e && typeof e.url === 'string' && /^https?:\/\//i.test(e.url)).map((e) => ({ title: String(e.title ?? e.url), url: e.url }))
    : [];

/** The unit a unit event is about, from its stream's id. */
const unitOf = (e: TimelineEvent): string => (e.streamId?.startsWith(UNIT_STREAM_PREFIX) ? e.streamId.slice(UNIT_STREAM_PREFIX.length) : '');

/**
 * The sentence of an event another capability words, null if it is not one of its: the users' events are the
 * users' (src/users/user-sentences.ts), which sits above this file, so the event log and the user's page hand it in.
 */
export type MoreSentences = (e: TimelineEvent, names: ReadonlyMap<string, string>) => string | null;

/** One sentence per event type, in plain words: what happened, without the stored JSON. */
export function describeWhat(e: TimelineEvent, t: Dictionary, lang: Language, titles: Map<string, string>, units: UnitNames, more?: MoreSentences): string {
  const d = e.data ?? {};
  const title = (id: string) => titles.get(id) ?? t.timeline.unknownAction;
  const tl = t.timeline;
  switch (e.type) {
    case 'RecommendationRegistered':
      return tl.registered(d.code, d.title, unitName(units, d.responsibleUnit));
    case 'RecommendationDecided': {
      const sentence = tl.decided[d.decision as keyof typeof tl.decided] ?? tl.other(e.type);
      const meeting = meetingText(t, lang, d.meeting);
      return meeting ? `${sentence} (${meeting})` : sentence;
    }
    case 'RecommendationAssessed': {
      const sentence = tl.assessed[d.status as keyof typeof tl.assessed] ?? tl.other(e.type);
      const meeting = meetingText(t, lang, d.meeting);
      return meeting ? `${sentence} (${meeting})` : sentence;
    }
    case 'RecommendationReopened':
      return tl.reopened;
    case 'ActionAdded':
      return tl.actionAdded(d.title, d.ownerEmail, unitName(units, d.responsibleUnit), formatDay(d.dueDate, lang));
    case 'ActionProgressReported':
      return tl.progress(title(d.actionId), d.progressPercent);
    case 'ActionRescheduled':
      return tl.rescheduled(title(d.actionId), formatDay(d.previousDueDate, lang), formatDay(d.dueDate, lang));
    case 'ActionCompleted':
      return tl.completed(title(d.actionId));
    case 'ActionCompletionClaimed':
      return t.approval.timeline.claimed(title(d.actionId));
    case 'ActionCompletionApproved':
      return t.approval.timeline.approved(title(d.actionId));
    case 'ActionCompletionSentBack':
      return t.approval.timeline.sentBack(title(d.actionId));
    case 'ActionCancelled':
      return tl.cancelled(title(d.actionId));
    case 'ActionAssigned':
      return tl.assigned(title(d.actionId), d.ownerEmail, unitName(units, d.responsibleUnit));
    case 'ReminderRecorded': {
      const say = tl.reminder[d.outcome as keyof typeof tl.reminder];
      return say ? say(d.recipient) : tl.other(e.type);
    }
    case 'PublicSummaryPublished':
      return d.actionId ? t.publicationTimeline.actionPublished(title(d.actionId)) : t.publicationTimeline.published;
    case 'PublicSummaryWithdrawn':
      return d.actionId ? t.publicationTimeline.actionWithdrawn(title(d.actionId)) : t.publicationTimeline.withdrawn;
    case 'ActionEdited':
    case 'ActionProgressRetracted':
    case 'RecommendationCorrected':
      return describeCorrection(e, t, title);
    case 'AttachmentAdded':
      return t.discussion.timeline.attached(d.filename, title(d.actionId), d.sha256);
    case 'ActionCommented':
      return t.discussion.timeline.commented(title(d.actionId));
    case 'ReviewRegistered':
      return tl.reviewRegistered(d.title);
    case 'ReviewDecisionRecorded': {
      const meeting = meetingText(t, lang, d.meeting);
      return meeting ? `${tl.reviewDecision} (${meeting})` : tl.reviewDecision;
    }
    case 'CycleCreated':
      return tl.cycleCreated(d.name);
    case 'CycleChanged':
      return tl.cycleChanged(d.name);
    case 'UnitCreated':
      return t.unitEvents.created(d.unitId, lang === 'en' ? d.nameEn : d.name);
    case 'UnitRenamed': {
      // By its id, which never changes: the name it had before is not in the event.
      const unit = unitOf(e);
      return [d.name !== undefined ? t.unitEvents.renamed(unit, d.name) : null, d.nameEn !== undefined ? t.unitEvents.renamedEn(unit, d.nameEn) : null].filter(Boolean).join(' ');
    }
    case 'UnitRetired':
      return t.unitEvents.retired(unitName(units, unitOf(e)));
    case 'UnitReinstated':
      return t.unitEvents.reinstated(unitName(units, unitOf(e)));
    default:
      return more?.(e, titles) ?? tl.other(e.type);
  }
}

/** Who, when, what and why of one event, ready to show. */
export function describeEvent(e: TimelineEvent, t: Dictionary, lang: Language, titles: Map<string, string>, units: UnitNames, more?: MoreSentences): TimelineEntry {
  const d = e.data ?? {};
  const isProgress = ['ActionProgressReported', 'ActionCompleted', 'ActionCompletionClaimed', 'ActionCompletionApproved'].includes(e.type);
  return {
    when: formatInstant(e.occurredAt, lang),
    occurredAt: e.occurredAt,
    who: e.actor ? t.timeline.by(e.actor.name, roleName(t, e.actor.role)) : t.system,
    what: describeWhat(e, t, lang, titles, units, more),
    // A reminder skipped or failed says why; a sent one's detail is the mail's Message-ID, which is no reason.
    why: e.reason ?? (e.type === 'ReminderRecorded' && d.outcome !== 'sent' && d.detail ? String(d.detail) : null),
    // A published summary is shown as it was published: the history keeps every version.
    note: isProgress && typeof d.note === 'string' ? d.note : e.type === 'PublicSummaryPublished' ? [d.text, d.textEn].filter(Boolean).join(' / ') : e.type === 'ActionCommented' ? String(d.text ?? '') : null,
    evidence: safeEvidence(d.evidence),
  };
}

/**
 * The events in words, the `latest` of them (all by default): what an event's sentence needs from
 * those before it (an action's title, a later correction's mark) is read from all of them. When
 * the events before the latest are only some of the stream's (the recommendation page reads the
 * action titles and threads from before its window, not the notes), `notesBefore` says how many
 * notes each action had before the first of them, so that a retraction finds the note it names.
 */
export function describeTimeline(
  events: TimelineEvent[],
  t: Dictionary,
  lang: Language,
  units: UnitNames,
  { more, latest = events.length, notesBefore = new Map() }: { more?: MoreSentences; latest?: number; notesBefore?: ReadonlyMap<string, number> } = {},
): TimelineEntry[] {
  const titles = actionTitles(events);
  const marks = laterCorrections(events, t, notesBefore);
  const first = Math.max(0, events.length - latest);
  return events.slice(first).map((e, k) => {
    const entry = describeEvent(e, t, lang, titles, units, more);
    const mark = marks.get(first + k);
    return mark ? { ...entry, what: `${entry.what} ${mark}` } : entry;
  });
}

/** The sentences of the corrections' events (recommendation.corrections.ts): both versions, in plain words. */
function describeCorrection(e: TimelineEvent, t: Dictionary, title: (id: string) => string): string {
  const d = e.data ?? {};
  const say = t.corrections.timeline;
  if (e.type === 'ActionEdited') {
    const parts = [];
    if (d.title !== d.previousTitle) parts.push(say.titleChanged(d.previousTitle, d.title));
    if (d.description !== d.previousDescription) parts.push(say.descriptionChanged(d.title, d.previousDescription ?? null, d.description ?? null));
    return parts.join(' ');
  }
  if (e.type === 'ActionProgressRetracted') return say.retracted(title(d.actionId), d.progressPercent);
  const status = (t.recommendationStatus as Record<string, string>)[d.status] ?? d.status;
  return d.corrects === 'assessment'
    ? say.correctedAssessment((t.assessmentOutcome as Record<string, string>)[d.corrected] ?? d.corrected, status)
    : say.correctedDecision((t.decisionOutcome as Record<string, string>)[d.corrected] ?? d.corrected, status);
}


/**
 * The entries a later correction took back, by their place, with what to say of it: a decision or
 * assessment corrected (the latest of its kind before the correction), a progress note retracted (by
 * its number; the notes among `events` are numbered from after each action's `notesBefore`).
 */
function laterCorrections(events: TimelineEvent[], t: Dictionary, notesBefore: ReadonlyMap<string, number>): Map<number, string> {
  const marks = new Map<number, string>();
  const notes = new Map<string, number[]>();
  events.forEach((e, i) => {
    const d = e.data ?? {};
    if (NOTE_ADDING_EVENTS.includes(e.type) && d.actionId) {
      // Added to in place: copied at every note, an action's 5,300 notes were 14 million copies a page view.
      const positions = notes.get(d.actionId);
      if (positions) positions.push(i);
      else notes.set(d.actionId, [i]);
    }
    if (e.type === 'ActionProgressRetracted') {
      const at = notes.get(d.actionId)?.[Number(d.updateSeq) - 1 - (notesBefore.get(d.actionId) ?? 0)];
      if (at !== undefined) marks.set(at, t.corrections.timeline.markedRetracted);
    }
    if (e.type === 'RecommendationCorrected') {
      const kind = d.corrects === 'assessment' ? 'RecommendationAssessed' : 'RecommendationDecided';
      for (let j = i - 1; j >= 0; j--) {
        if (events[j].type === kind && !marks.has(j)) {
          marks.set(j, t.corrections.timeline.markedCorrected);
          break;
        }
      }
    }
  });
  return marks;
}
