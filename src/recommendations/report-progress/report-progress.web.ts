import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { formInputName, wholeNumber, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { EVIDENCE_ROWS, RecommendationPage } from '../recommendation-page';
import { ReportProgressRequest, toReportProgress } from './report-progress.request';
import { progressUpload } from '../discussion/discussion.web';
import { Discussions } from '../discussion/discussions';
import { typedValues } from '../../web/form-key';

/** The evidence rows someone filled in, and which form row each came from (for errors next to the right field). */
function evidenceInput(body: Form): { evidence: { title: string; url: string }[]; rows: number[] } {
  const evidence: { title: string; url: string }[] = [];
  const rows: number[] = [];
  for (let row = 1; row <= EVIDENCE_ROWS; row++) {
    const title = body[`evidenceTitle${row}`] ?? '';
    const url = body[`evidenceUrl${row}`] ?? '';
    if (title.trim() === '' && url.trim() === '') continue;
    evidence.push({ title, url: url.trim() });
    rows.push(row);
  }
  return { evidence, rows };
}

/** Progress on an action: a percentage, a note and up to EVIDENCE_ROWS evidence links. */
@WebController()
export class ReportProgressWebController {
  constructor(
    private readonly page: RecommendationPage,
    private readonly discussions: Discussions,
  ) {}

  @Post(routes.reportProgress)
  async progress(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    const { evidence, rows } = evidenceInput(b);
    // A file may come with the report (multipart): judged first, attached once the progress is in.
    const file = await progressUpload(req, this.discussions, id, actionId);
    if (file.problem) return this.page.show(req, res, id, null, file.problem, typedValues(b));
    return this.page.submit(req, res, id, {
      afterWrite: file.afterWrite,
      carriedFile: file.fileName,
      form: `progress-${actionId}`,
      body: b,
      dto: ReportProgressRequest,
      input: { progressPercent: wholeNumber(b.progressPercent ?? ''), note: b.note ?? '', evidence },
      toCommand: (v) => toReportProgress(actionId, v),
      notice: 'progressReported',
      anchor: `action-${actionId}`,
      inputName: (field) => formInputName(field, rows),
    });
  }
}
