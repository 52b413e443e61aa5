import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may, type Permission } from '../auth/permissions';
import { ListCyclesQuery } from '../cycles/cycles.cqrs';
import { forbidden } from '../kernel/domain-error';
import { ListReviewsQuery } from '../reviews/reviews.cqrs';
import { type FormProblem, type Form } from '../web/form-problems';
import { LANGUAGES, type Dictionary, type Language } from '../web/i18n';
import type { WebRequest } from '../web/web-context';
import type { REPORTS_PAGE_WORDS } from '../web/words/reports.words';
import { helpers, WebPages } from '../web/web-pages';
import { ListReportsQuery } from './list-reports/list-reports.query';
import { REPORT_FORMATS, type ReportFormat } from './render/render-report';

/** Every format has its label on the form in both languages (src/web/words/reports.words.ts): a format added without them does not compile. */
type Covers<K extends string, T extends Record<K, string>> = T;
export type FormatLabels = Covers<ReportFormat, (typeof REPORTS_PAGE_WORDS)['sv' | 'en']['reports']['formats']>;

export const REPORT_FORM = 'report';

/**
 * Cycle and milestone are one choice in the form, `cycleId:milestoneKey`, so
 * that only milestones of the chosen cycle can be picked without a script.
 */
const milestoneValue = (cycleId: string, key: string) => `${cycleId}:${key}`;

/** A date the API reads as the end of that day (UTC) is shown as that day; any other instant as Stockholm time. */
function asOfText(asOf: string, t: Dictionary, h: ReturnType<typeof helpers>): string {
  const endOfDay = /^(\d{4}-\d{2}-\d{2})T23:59:59\.999Z$/.exec(asOf);
  return endOfDay ? t.reports.endOfDay(h.day(endOfDay[1])) : h.instant(asOf);
}

/** Who may see or make reports, from the permissions table the API's routes name, so the two never disagree. */
export function requireReports(req: WebRequest, permission: Extract<Permission, 'makeReports' | 'readReports'>): void {
  const user = req.web!.user!;
  if (!may(user, permission)) {
    throw forbidden(`The role ${user.role} may not ${permission === 'makeReports' ? 'make' : 'read'} reports`);
  }
}

/**
 * The committee reports page (list-reports/reports.eta): the reports made and
 * the form to make one. Shown by the list (GET) and again by the form's POST
 * when it is refused, with what was typed.
 */
@Injectable()
export class ReportsPage {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  async show(req: WebRequest, res: Response, problem: FormProblem | null, values: Form, preselected = '', newId: string | null = null): Promise<void> {
    requireReports(req, 'readReports');
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
      'reports/list-reports/reports.eta',
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
