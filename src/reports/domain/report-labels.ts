import type { ActionStatus, RecommendationStatus } from '../../recommendations/domain/recommendation.state';
import type { ReportLanguage } from './report-format';
import { STATUS_WORDS } from '../../kernel/status-words';

export type TrafficLight = 'green' | 'yellow' | 'red';

export type ReportChangeKind =
  | 'decision'
  | 'assessment'
  | 'reopened'
  | 'action_added'
  | 'action_rescheduled'
  | 'action_assigned'
  | 'action_completed'
  | 'action_claimed'
  | 'action_approved'
  | 'action_sent_back'
  | 'action_cancelled'
  | 'corrected'
  | 'action_edited'
  | 'progress_retracted';

/**
 * Every word a reader sees, per language. Both languages have the same keys,
 * so a label missing in one of them is a type error rather than a blank in a
 * printed report.
 */
export interface ReportLabels {
  documentTitle: string;
  review: string;
  allReviews: string;
  reviewer: string;
  committee: string;
  diaryNumber: string;
  cycle: string;
  milestone: string;
  period: string;
  reportDue: string;
  asOf: string;
  position: string;
  /** The signed anchor a report names at its end: the log's head it was built from, signed outside the database. */
  anchor: string;
  anchorHash: string;
  anchorKey: string;
  anchorSignedAt: string;
  summary: string;
  recommendationsByStatus: string;
  status: string;
  count: string;
  total: string;
  actions: string;
  actionsTotal: string;
  actionsOpen: string;
  actionsOverdue: string;
  actionsCompleted: string;
  /** Claimed as completed, not yet approved: shown apart from the completed ones. */
  actionsClaimed: string;
  actionsCancelled: string;
  trafficLights: string;
  trafficLightRule: string;
  recommendations: string;
  code: string;
  recommendation: string;
  responsibleUnit: string;
  decision: string;
  assessment: string;
  reason: string;
  meeting: string;
  decidedOn: string;
  noDecision: string;
  progress: string;
  trafficLight: string;
  action: string;
  owner: string;
  dueDate: string;
  originalDueDate: string;
  latestNote: string;
  evidence: string;
  noActions: string;
  noNote: string;
  /** A cancelled action's progress: it no longer counts, so no percentage reads as work done. */
  cancelledProgress: string;
  changes: string;
  date: string;
  change: string;
  subject: string;
  details: string;
  by: string;
  noChanges: string;
  page: string;
  of: string;
  recommendationStatus: Record<RecommendationStatus, string>;
  actionStatus: Record<ActionStatus, string>;
  overdue: string;
  light: Record<TrafficLight, string>;
  lightRule: Record<TrafficLight, string>;
  changeKind: Record<ReportChangeKind, string>;
}

const sv: ReportLabels = {
  documentTitle: 'Uppföljning av rekommendationer',
  review: 'Granskning',
  allReviews: 'Alla granskningar',
  reviewer: 'Granskare',
  committee: 'Nämnd',
  diaryNumber: 'Diarienummer',
  cycle: 'Plan',
  milestone: 'Rapporttillfälle',
  period: 'Period',
  reportDue: 'Redovisas för nämnden',
  asOf: 'Uppgifter per',
  position: 'Händelseposition',
  anchor: 'Signerad förankring i händelseloggen',
  anchorHash: 'kontrollsumma',
  anchorKey: 'nyckel',
  anchorSignedAt: 'signerad',
  summary: 'Sammanfattning',
  recommendationsByStatus: 'Rekommendationer per status',
  status: 'Status',
  count: 'Antal',
  total: 'Totalt',
  actions: 'Åtgärder',
  actionsTotal: 'Åtgärder totalt',
  actionsOpen: 'Öppna åtgärder',
  actionsOverdue: 'Försenade åtgärder',
  actionsCompleted: 'Slutförda åtgärder',
  actionsClaimed: 'Åtgärder som väntar på godkännande',
  actionsCancelled: 'Avbrutna åtgärder',
  trafficLights: 'Trafikljus',
  trafficLightRule: 'Så sätts trafikljuset',
  recommendations: 'Rekommendationer',
  code: 'Rek.',
  recommendation: 'Rekommendation',
  responsibleUnit: 'Ansvarig enhet',
  decision: 'Nämndens beslut',
  assessment: 'Bedömning',
  reason: 'Motivering',
  meeting: 'Sammanträde',
  decidedOn: 'Registrerat',
  noDecision: 'Inget beslut ännu',
  progress: 'Framsteg',
  trafficLight: 'Trafikljus',
  action: 'Åtgärd',
  owner: 'Ansvarig',
  dueDate: 'Slutdatum',
  originalDueDate: 'Ursprungligt slutdatum',
  latestNote: 'Senaste lägesrapport',
  evidence: 'Underlag',
  noActions: 'Inga åtgärder registrerade.',
  noNote: 'Ingen lägesrapport ännu',
  cancelledProgress: '– (avbruten, räknas inte)',
  changes: 'Förändringar sedan föregående rapport',
  date: 'Datum',
  change: 'Förändring',
  subject: 'Avser',
  details: 'Uppgifter',
  by: 'Registrerad av',
  noChanges: 'Inga förändringar under perioden.',
  page: 'Sida',
  of: 'av',
  recommendationStatus: STATUS_WORDS.sv.recommendationStatus,
  actionStatus: STATUS_WORDS.sv.actionStatus,
  overdue: 'försenad',
  light: { green: 'Grön', yellow: 'Gul', red: 'Röd' },
  lightRule: {
    red: 'Röd: minst en öppen åtgärd har passerat sitt slutdatum, eller rekommendationen har bedömts som inte genomförd.',
    yellow:
      'Gul: ingen åtgärd är försenad, men rekommendationen väntar på nämndens beslut, är antagen utan några åtgärder, har bedömts som delvis genomförd, eller har en öppen åtgärd med slutdatum inom 30 dagar och mindre än 50 % framsteg.',
    green: 'Grön: i övriga fall – arbetet följer planen, eller rekommendationen är genomförd eller avslagen.',
  },
  changeKind: {
    decision: 'Beslut',
    assessment: 'Bedömning',
    reopened: 'Återöppnad',
    action_added: 'Ny åtgärd',
    action_rescheduled: 'Nytt slutdatum',
    action_assigned: 'Ny ansvarig',
    action_completed: 'Åtgärd slutförd',
    action_claimed: 'Åtgärd markerad som slutförd, väntar på godkännande',
    action_approved: 'Slutförande godkänt',
    action_sent_back: 'Åtgärd tillbakaskickad',
    action_cancelled: 'Åtgärd avbruten',
    corrected: 'Rättelse av beslut eller bedömning',
    action_edited: 'Åtgärd ändrad',
    progress_retracted: 'Rapport tillbakatagen',
  },
};

const en: ReportLabels = {
  documentTitle: 'Follow-up of recommendations',
  review: 'Review',
  allReviews: 'All reviews',
  reviewer: 'Reviewer',
  committee: 'Committee',
  diaryNumber: 'Case reference',
  cycle: 'Plan',
  milestone: 'Reporting milestone',
  period: 'Period',
  reportDue: 'Due to the committee',
  asOf: 'Facts as of',
  position: 'Event position',
  anchor: 'Signed anchor in the event log',
  anchorHash: 'hash',
  anchorKey: 'key',
  anchorSignedAt: 'signed',
  summary: 'Summary',
  recommendationsByStatus: 'Recommendations by status',
  status: 'Status',
  count: 'Number',
  total: 'Total',
  actions: 'Actions',
  actionsTotal: 'Actions in total',
  actionsOpen: 'Open actions',
  actionsOverdue: 'Overdue actions',
  actionsCompleted: 'Completed actions',
  actionsClaimed: 'Actions awaiting approval',
  actionsCancelled: 'Cancelled actions',
  trafficLights: 'Traffic lights',
  trafficLightRule: 'How the traffic light is set',
  recommendations: 'Recommendations',
  code: 'Rec.',
  recommendation: 'Recommendation',
  responsibleUnit: 'Responsible unit',
  decision: 'Committee decision',
  assessment: 'Assessment',
  reason: 'Reason',
  meeting: 'Meeting',
  decidedOn: 'Recorded',
  noDecision: 'No decision yet',
  progress: 'Progress',
  trafficLight: 'Traffic light',
  action: 'Action',
  owner: 'Owner',
  dueDate: 'Due date',
  originalDueDate: 'Original due date',
  latestNote: 'Latest progress note',
  evidence: 'Evidence',
  noActions: 'No actions recorded.',
  noNote: 'No progress reported yet',
  cancelledProgress: '– (cancelled, not counted)',
  changes: 'Changes since the previous report',
  date: 'Date',
  change: 'Change',
  subject: 'Subject',
  details: 'Details',
  by: 'Recorded by',
  noChanges: 'No changes in the period.',
  page: 'Page',
  of: 'of',
  recommendationStatus: STATUS_WORDS.en.recommendationStatus,
  actionStatus: STATUS_WORDS.en.actionStatus,
  overdue: 'overdue',
  light: { green: 'Green', yellow: 'Yellow', red: 'Red' },
  lightRule: {
    red: 'Red: at least one open action is past its due date, or the recommendation has been assessed as not implemented.',
    yellow:
      'Yellow: no action is overdue, but the recommendation awaits the committee’s decision, is accepted without any actions, has been assessed as partially implemented, or has an open action due within 30 days with less than 50% progress.',
    green: 'Green: otherwise – the work is on plan, or the recommendation is implemented or rejected.',
  },
  changeKind: {
    decision: 'Decision',
    assessment: 'Assessment',
    reopened: 'Reopened',
    action_added: 'New action',
    action_rescheduled: 'New due date',
    action_assigned: 'New owner',
    action_completed: 'Action completed',
    action_claimed: 'Action marked as completed, awaiting approval',
    action_approved: 'Completion approved',
    action_sent_back: 'Action sent back',
    action_cancelled: 'Action cancelled',
    corrected: 'Decision or assessment corrected',
    action_edited: 'Action edited',
    progress_retracted: 'Report retracted',
  },
};

export const REPORT_LABELS: Readonly<Record<ReportLanguage, ReportLabels>> = { sv, en };

/**
 * Sentences that depend on a number or a date. Kept beside the labels so a
 * translator finds every word of a language in one file.
 */
export interface ReportPhrases {
  lightReason: {
    overdue: (count: number) => string;
    notImplemented: string;
    awaitingDecision: string;
    deferred: string;
    partiallyImplemented: string;
    noActions: string;
    dueSoon: (count: number) => string;
    implemented: string;
    rejected: string;
    onPlan: string;
  };
  originally: (date: string) => string;
  periodText: (from: string, to: string) => string;
  changesSince: (milestone: string, date: string) => string;
  changesSinceStart: (date: string) => string;
  newDueDate: (from: string, to: string) => string;
  addedDetails: (unit: string, owner: string, due: string) => string;
  assignedDetails: (from: string, to: string) => string;
  diaryNumberShort: string;
}

export const REPORT_PHRASES: Readonly<Record<ReportLanguage, ReportPhrases>> = {
  sv: {
    lightReason: {
      overdue: (n: number) => (n === 1 ? '1 åtgärd är försenad' : `${n} åtgärder är försenade`),
      notImplemented: 'Bedömd som inte genomförd',
      awaitingDecision: 'Väntar på nämndens beslut',
      deferred: 'Bordlagd, väntar på nytt beslut',
      partiallyImplemented: 'Bedömd som delvis genomförd',
      noActions: 'Antagen men utan åtgärder',
      dueSoon: (n: number) =>
        n === 1
          ? '1 åtgärd har slutdatum inom 30 dagar och under 50 % framsteg'
          : `${n} åtgärder har slutdatum inom 30 dagar och under 50 % framsteg`,
      implemented: 'Genomförd',
      rejected: 'Avslagen av nämnden',
      onPlan: 'Följer planen',
    },
    originally: (date: string) => `ursprungligen ${date}`,
    periodText: (from: string, to: string) => `${from} – ${to}`,
    changesSince: (milestone: string, date: string) =>
      `Händelser efter föregående rapport (${milestone}, period t.o.m. ${date}) fram till uppgiftsdagen.`,
    changesSinceStart: (date: string) => `Händelser från planens början (${date}) fram till uppgiftsdagen.`,
    newDueDate: (from: string, to: string) => `Från ${from} till ${to}`,
    addedDetails: (unit: string, owner: string, due: string) => `${unit}, ${owner}, slutdatum ${due}`,
    assignedDetails: (from: string, to: string) => `Från ${from} till ${to}`,
    diaryNumberShort: 'dnr',
  },
  en: {
    lightReason: {
      overdue: (n: number) => (n === 1 ? '1 action is overdue' : `${n} actions are overdue`),
      notImplemented: 'Assessed as not implemented',
      awaitingDecision: 'Awaiting the committee’s decision',
      deferred: 'Deferred, awaiting a new decision',
      partiallyImplemented: 'Assessed as partially implemented',
      noActions: 'Accepted but without actions',
      dueSoon: (n: number) =>
        n === 1
          ? '1 action is due within 30 days with less than 50% progress'
          : `${n} actions are due within 30 days with less than 50% progress`,
      implemented: 'Implemented',
      rejected: 'Rejected by the committee',
      onPlan: 'On plan',
    },
    originally: (date: string) => `originally ${date}`,
    periodText: (from: string, to: string) => `${from} – ${to}`,
    changesSince: (milestone: string, date: string) =>
      `Events after the previous report (${milestone}, period ending ${date}) up to the as-of date.`,
    changesSinceStart: (date: string) => `Events from the start of the plan (${date}) up to the as-of date.`,
    newDueDate: (from: string, to: string) => `From ${from} to ${to}`,
    addedDetails: (unit: string, owner: string, due: string) => `${unit}, ${owner}, due ${due}`,
    assignedDetails: (from: string, to: string) => `From ${from} to ${to}`,
    diaryNumberShort: 'ref.',
  },
};
