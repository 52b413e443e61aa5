import type { ReportCount, ReportModel } from '../domain/report-model';

/** The label–value rows under the title, the same in every format. */
export function headerRows(model: ReportModel): Array<[string, string]> {
  const { labels } = model;
  const rows: Array<[string, string]> = [];
  if (model.review) {
    rows.push([labels.reviewer, model.review.reviewer], [labels.committee, model.review.committee]);
    if (model.review.diaryNumber) rows.push([labels.diaryNumber, model.review.diaryNumber]);
  }
  rows.push(
    [labels.cycle, model.cycle.name],
    [labels.milestone, model.milestone.name],
    [labels.period, model.milestone.periodText],
    [labels.reportDue, model.milestone.dueDateText],
    [labels.asOf, model.asOfText],
    [labels.position, model.positionText],
  );
  return rows;
}

/**
 * The summary's action counts, in the order every format lists them. Claimed
 * completions are counted apart from the completed ones, and only where there
 * are any, so a report without them reads as before.
 */
export function actionCounts(model: ReportModel): ReportCount[] {
  const a = model.summary.actions;
  return [a.total, a.open, a.overdue, ...(a.claimed.count ? [a.claimed] : []), a.completed, a.cancelled];
}
