import { stringify } from 'csv-stringify/sync';
import type { ReportAction, ReportModel, ReportRecommendation } from '../domain/report-model';
import type { RenderedReport } from './rendered-report';

/**
 * One row per action, the recommendation's columns repeated on each; a
 * recommendation without actions gets one row with the action columns empty.
 *
 * Semicolon-separated with a UTF-8 byte order mark and CRLF line ends: that is
 * what Excel with Swedish regional settings opens straight into columns with
 * å, ä and ö intact (a comma is the decimal separator there).
 */
export function renderCsv(model: ReportModel): RenderedReport {
  const { labels } = model;
  // Columns that share a word ("status", "framsteg") are named after what they belong to, so each heading is unique.
  const of = (owner: string, label: string) => `${owner}: ${label.toLowerCase()}`;
  const ofAction = (label: string) => of(labels.action, label);
  const header = [
    labels.code,
    labels.recommendation,
    labels.responsibleUnit,
    labels.status,
    labels.decision,
    of(labels.decision, labels.reason),
    of(labels.decision, labels.meeting),
    labels.assessment,
    `${labels.progress} (%)`,
    labels.trafficLight,
    of(labels.trafficLight, labels.reason),
    labels.action,
    ofAction(labels.responsibleUnit),
    ofAction(labels.owner),
    ofAction(labels.dueDate),
    ofAction(labels.originalDueDate),
    ofAction(labels.status),
    `${ofAction(labels.progress)} (%)`,
    labels.latestNote,
    of(labels.latestNote, labels.date),
    labels.evidence,
  ];
  const rows = model.recommendations.flatMap((r) =>
    r.actions.length ? r.actions.map((a) => [...recommendationCells(r), ...actionCells(a)]) : [[...recommendationCells(r), ...EMPTY_ACTION]],
  );
  // The last line names the signed anchor the report was built from, as the other formats do at their end.
  const anchor = model.anchor ? [[model.anchor.text]] : [];
  const csv = stringify([header, ...rows, ...anchor].map((row) => row.map(cell)), {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
  });
  return { content: Buffer.from(csv, 'utf8'), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}

type Cell = string | number;

function recommendationCells(r: ReportRecommendation): Cell[] {
  return [
    r.code,
    r.title,
    r.responsibleUnitText,
    r.statusText,
    r.decision?.outcomeText ?? '',
    r.decision?.reason ?? '',
    r.decision?.meetingText ?? '',
    r.assessment ? `${r.assessment.outcomeText}: ${r.assessment.reason}` : '',
    r.progressPercent,
    r.trafficLightText,
    r.trafficLightReason,
  ];
}

function actionCells(a: ReportAction): Cell[] {
  return [
    a.title,
    a.responsibleUnitText,
    a.owner,
    a.dueDateText,
    a.originalDueDateText ?? '',
    a.statusText,
    a.progressPercent,
    a.latestNote?.note ?? '',
    a.latestNote?.atText ?? '',
    a.evidence.map((l) => `${l.title} <${l.url}>`).join('\n'),
  ];
}

const EMPTY_ACTION: Cell[] = ['', '', '', '', '', '', '', '', '', ''];

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return) as a formula, so user text such as "=HYPERLINK(...)" could act when
 * the file is opened. Such text is prefixed with an apostrophe, the usual
 * guard against CSV injection; numbers stay numbers.
 */
function cell(value: Cell): Cell {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
