import type { ReportModel } from '../domain/report-model';

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
