import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { summarizeMilestone, type Reminder } from '../domain/reminder-plan';
import { stockholmDate } from '../../kernel/calendar';
import type { OutgoingMail } from '../../kernel/mail/mailer';
import { mailLanguage, reminderMail, secretarySummaryMail, summaryLines } from '../mail/reminder-mail';

export interface ComposeInput {
  reminder: Reminder;
  /** The reminder's recommendation; null for a secretary summary. */
  recommendation: RecommendationState | null;
  /** Every active recommendation, for a secretary summary. */
  recommendations: RecommendationState[];
  cycles: CycleState[];
  /** The recipient's language setting from the users table, null if unknown. */
  language: string | null;
  now: string;
  baseUrl: string;
}

const milestoneOf = (cycles: CycleState[], cycleId: string | null, key: string | null): Milestone | null =>
  cycles.find((c) => c.id === cycleId)?.milestones.find((m) => m.key === key) ?? null;

/** The next report due to the committee, across all cycles, for an overdue notice to point at. */
export function nextMilestone(cycles: CycleState[], now: string): Milestone | null {
  const today = stockholmDate(now);
  const upcoming = cycles.flatMap((c) => c.milestones).filter((m) => m.dueDate >= today);
  return upcoming.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0] ?? null;
}

/**
 * The mail for a reminder that checkReminder let through, from the state as
 * it is now. Throws if that state lacks what the mail must name, which the
 * check has already ruled out.
 */
export function composeReminderMail(input: ComposeInput): OutgoingMail {
  const { reminder, now, baseUrl } = input;
  const language = mailLanguage(input.language);
  const addressed = (rendered: { subject: string; text: string; html: string }): OutgoingMail => ({
    to: reminder.recipient,
    id: reminder.id,
    ...rendered,
  });
  if (reminder.kind === 'secretary_summary') {
    const milestone = milestoneOf(input.cycles, reminder.cycleId, reminder.milestoneKey);
    if (!milestone) throw new Error(`Milestone ${reminder.milestoneKey} of cycle ${reminder.cycleId} not found`);
    const summary = summarizeMilestone(input.recommendations, milestone, now);
    return addressed(
      secretarySummaryMail({
        milestone,
        overdue: summaryLines(summary.overdue, language),
        notReported: summaryLines(summary.notReported, language),
        awaitingApproval: summaryLines(summary.awaitingApproval, language),
        language,
        baseUrl,
      }),
    );
  }
  const rec = input.recommendation;
  const action = rec?.actions.find((a) => a.id === reminder.actionId);
  if (!rec || !action) throw new Error(`Action ${reminder.actionId} of recommendation ${reminder.recommendationId} not found`);
  const milestone =
    reminder.kind === 'milestone_due'
      ? milestoneOf(input.cycles, reminder.cycleId, reminder.milestoneKey)
      : nextMilestone(input.cycles, now);
  return addressed(
    reminderMail({
      reminder,
      recommendation: { code: rec.code, title: rec.title },
      action: { title: action.title, dueDate: action.dueDate, ownerEmail: action.ownerEmail, claimed: action.status === 'completion_claimed' },
      milestone: milestone ? { name: milestone.name, dueDate: milestone.dueDate } : null,
      language,
      baseUrl,
    }),
  );
}
