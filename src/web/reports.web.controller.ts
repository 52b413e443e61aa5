import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may, type Permission } from '../auth/permissions';
import { ListCyclesQuery } from '../cycles/cycles.cqrs';
import { writeContext } from '../event-store/command-runner';
import { parseAsOf } from '../kernel/as-of';
import { forbidden } from '../kernel/domain-error';
import { UuidParam } from '../kernel/http/validators';
import { paths, routes } from '../kernel/paths';
import { ReportRequestDto } from '../reports/http/report.request.dto';
import { REPORT_FORMATS } from '../reports/render/render-report';
import { GenerateReportCommand, GetReportQuery, ListReportsQuery, type ReportMetadata } from '../reports/reports.cqrs';
import { ListReviewsQuery } from '../reviews/reviews.cqrs';
import { invalidForm, optional, refusal, validateForm, type FormProblem } from './form-problems';
import { LANGUAGES, type Dictionary, type Language } from './i18n';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { helpers, WebPages } from './web-pages';

type Form = Record<string, string | undefined>;

const FORM = 'report';

const withoutToken = ({ _csrf: _token, ...values }: Form): Form => values;

/**
 * Cycle and milestone are one choice in the form, `cycleId:milestoneKey`, so
 * that only milestones of the chosen cycle can be picked without a script.
 */
const milestoneValue = (cycleId: string, key: string) => `${cycleId}:${key}`;

/** The DTO's field names → the form's: both halves of the milestone choice are reported on that one select. */
const inputName = (field: string) => (field === 'cycleId' || field === 'milestoneKey' ? 'milestone' : field);

/** A date the API reads as the end of that day (UTC) is shown as that day; any other instant as Stockholm time. */
function asOfText(asOf: string, t: Dictionary, h: ReturnType<typeof helpers>): string {
  const endOfDay = /^(\d{4}-\d{2}-\d{2})T23:59:59\.999Z$/.exec(asOf);
  return endOfDay ? t.reports.endOfDay(h.day(endOfDay[1])) : h.instant(asOf);
}

/**
 * The committee reports: secretaries and admins make them, auditors read
 * them too. It uses the reports API's own DTO, command and queries, and who
 * may do what from the permissions table the API's routes name, so the two never disagree.
 */
@WebController()
export class ReportsWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.reports)
  list(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form) {
    const preselected = optional(q.tillfalle) ?? '';
    return this.show(req, res, null, {}, preselected, optional(q.ny) ?? null);
  }

  @Post(routes.reports)
  async make(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    this.require(req, 'makeReports');
    const { t, user } = req.web!;
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
      fields.asOf = t.errors.date;
    }
    if (!checked.ok || Object.keys(fields).length > 0) return this.show(req, res, invalidForm(FORM, fields, t), withoutToken(b));
    const v = checked.value;
    let report: ReportMetadata;
    try {
      const request = { cycleId: v.cycleId, milestoneKey: v.milestoneKey, reviewId: v.reviewId ?? null, asOf, language: v.language, format: v.format };
      report = await this.commands.execute(new GenerateReportCommand(request, writeContext(user!)));
    } catch (error) {
      return this.show(req, res, refusal(error, FORM, t, inputName), withoutToken(b));
    }
    res.redirect(303, paths.reports({ notice: 'reportGenerated', newReportId: report.id, anchor: `report-${report.id}` }));
  }

  /** The stored file as it was made, under the session cookie, with the name the report was given. */
  @Get(routes.reportFile)
  async download(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    this.require(req, 'readReports');
    const report = await this.queries.execute(new GetReportQuery(id, true));
    res.setHeader('Content-Type', report.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
    res.setHeader('ETag', `"${report.sha256}"`);
    res.send(report.content);
  }

  private require(req: WebRequest, permission: Extract<Permission, 'makeReports' | 'readReports'>): void {
    const user = req.web!.user!;
    if (!may(user, permission)) {
      throw forbidden(`The role ${user.role} may not ${permission === 'makeReports' ? 'make' : 'read'} reports`);
    }
  }

  private async show(req: WebRequest, res: Response, problem: FormProblem | null, values: Form, preselected = '', newId: string | null = null): Promise<void> {
    this.require(req, 'readReports');
    const { t, lang, user, units } = req.web!;
    const [reports, cycles, reviews] = await Promise.all([
      this.queries.execute(new ListReportsQuery()),
      this.queries.execute(new ListCyclesQuery()),
      this.queries.execute(new ListReviewsQuery()) as Promise<{ id: string; title: string }[]>,
    ]);
    const h = helpers(t, lang, units);
    const milestones = cycles.flatMap((c) => c.milestones.map((m) => ({ cycle: c, milestone: m })));
    const milestoneName = (cycleId: string, key: string) => {
      const found = milestones.find((x) => x.cycle.id === cycleId && x.milestone.key === key);
      return found ? t.reports.milestoneOption(found.milestone.name, key, found.cycle.name) : key;
    };
    const reviewTitle = (id: string | null) => (id ? (reviews.find((r) => r.id === id)?.title ?? id) : null);
    const rows = reports.map((r) => ({
      ...r,
      milestoneName: milestoneName(r.cycleId, r.milestoneKey),
      reviewTitle: reviewTitle(r.reviewId),
      asOfText: asOfText(r.asOf, t, h),
      isNew: r.id === newId,
    }));
    this.pages.render(
      req,
      res,
      'reports.eta',
      t.reports.title,
      {
        reports: rows,
        newReport: rows.find((r) => r.isNew) ?? null,
        canMake: may(user, 'makeReports'),
        milestoneOptions: milestones.map(({ cycle, milestone }) => ({
          value: milestoneValue(cycle.id, milestone.key),
          label: t.reports.milestoneOption(milestone.name, milestone.key, cycle.name),
        })),
        reviewOptions: reviews.map((r) => ({ value: r.id, label: r.title })),
        languages: LANGUAGES.map((l: Language) => ({ value: l, label: t.reports.languages[l] })),
        formats: REPORT_FORMATS.map((f) => ({ value: f, label: t.reports.formats[f] })),
        preselected,
        problem,
        values,
      },
      problem?.status ?? 200,
    );
  }
}
