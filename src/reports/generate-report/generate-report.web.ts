import { Body, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { parseAsOf } from '../../kernel/as-of';
import { paths, routes } from '../../kernel/paths';
import { invalidForm, optional, refusal, validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { REPORT_FORM, ReportsPage, requireReports } from '../reports-page';
import { RequestReportCommand, type ReportOutcome } from './generate-report.command';
import { ReportRequestDto, toReportRequest } from './generate-report.request';
import { checkDayOrInstant } from '../../kernel/calendar';

/** The DTO's field names → the form's: both halves of the milestone choice are reported on that one select. */
const inputName = (field: string) => (field === 'cycleId' || field === 'milestoneKey' ? 'milestone' : field);

/**
 * The report form: validated with the API's own DTO, made by the same
 * command. A small report is made at once and shown in the list; a big one
 * is made as a job, whose page shows how far it has come. The form's key makes
 * a double-clicked form one report (or one job), as the API's Idempotency-Key does.
 */
@WebController()
export class GenerateReportWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly page: ReportsPage,
  ) {}

  @Post(routes.reports)
  async make(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    requireReports(req, 'makeReports');
    const { t } = req.web!;
    const [cycleId = '', milestoneKey = ''] = (b.milestone ?? '').split(':');
    const input = { cycleId, milestoneKey, reviewId: optional(b.reviewId), asOf: optional(b.asOf), language: b.language ?? '', format: b.format ?? '' };
    const checked = await validateForm(ReportRequestDto, input, t, inputName);
    const fields = checked.ok ? {} : checked.fields;
    // Selects offer only valid values, so a bad one means nothing (or something stale) was chosen.
    for (const select of ['milestone', 'reviewId'] as const) if (fields[select]) fields[select] = t.errors.choice;
    let asOf: string | null = null;
    try {
      asOf = parseAsOf(input.asOf);
    } catch {
      // A real date outside 1900–2200 is told so, not that it is no date (1899-12-31 was "Ange ett datum i formen ÅÅÅÅ-MM-DD").
      fields.asOf = checkDayOrInstant(String(input.asOf)) === 'out_of_range' ? t.errors.dateRange : t.errors.date;
    }
    if (!checked.ok || Object.keys(fields).length > 0) return this.page.show(req, res, invalidForm(REPORT_FORM, fields, t), withoutToken(b));
    let outcome: ReportOutcome;
    try {
      outcome = await this.commands.execute(new RequestReportCommand(toReportRequest(checked.value, asOf), formWriteContext(req, b), false));
    } catch (error) {
      return this.page.show(req, res, refusal(error, REPORT_FORM, t, inputName), withoutToken(b));
    }
    if ('job' in outcome) return res.redirect(303, paths.reportJob(outcome.job.id));
    const report = outcome.made;
    res.redirect(303, paths.reports({ notice: 'reportGenerated', newReportId: report.id, anchor: `report-${report.id}` }));
  }
}
