import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { Dictionary, Language } from '../../web/i18n';
import { helpers } from '../../web/web-pages';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { chartSvg, type ChartData } from '../domain/charts';
import { formatInteger } from '../../kernel/format-integer';
import { OverviewQuery, type Overview } from './overview.query';

/** A chart as the page shows it: the SVG, and its figures as a table (row header, a column per series, the total when stacked). */
export interface ShownChart {
  id: string;
  title: string;
  note: string | null;
  svg: string;
  rowHeader: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[] }>;
  empty: string;
}

export function overviewCharts(o: Overview, t: Dictionary, lang: Language, h: ReturnType<typeof helpers>): ShownChart[] {
  const w = t.overview;
  const formatNumber = (n: number) => formatInteger(n, lang);
  const charts: Array<{ data: ChartData; rowHeader: string; note?: string }> = [
    {
      rowHeader: w.status,
      data: { id: 'chart-status', title: w.byStatus, series: [{ key: 'count', label: w.count, tone: 'primary' }], rows: o.byStatus.map((s) => ({ label: h.recStatus(s.status), values: [s.count] })), empty: w.none, formatNumber },
    },
    {
      rowHeader: w.light,
      note: w.lightRule,
      data: { id: 'chart-lights', title: w.byLight, series: [{ key: 'count', label: w.count, tone: 'primary' }], rows: o.byLight.map((l) => ({ label: w.lights[l.light], values: [l.count], tone: l.light })), empty: w.none, formatNumber },
    },
    {
      rowHeader: w.milestone,
      data: {
        id: 'chart-milestones',
        title: o.cycle ? w.milestones(o.cycle.name) : w.milestones('–'),
        series: [
          { key: 'completed', label: w.completed, tone: 'green' },
          { key: 'open', label: w.open, tone: 'primary' },
          { key: 'overdue', label: w.overdue, tone: 'red' },
        ],
        rows: o.milestones.map((m) => ({ label: `${m.milestone.key} ${m.milestone.name}`, values: [m.completed, m.open, m.overdue] })),
        empty: o.cycle ? w.none : w.milestonesNone,
        formatNumber,
      },
    },
    {
      rowHeader: w.unit,
      data: { id: 'chart-overdue-units', title: w.overdueByUnit, series: [{ key: 'overdue', label: w.overdue, tone: 'red' }], rows: o.overdueByUnit.map((u) => ({ label: h.unit(u.unit), values: [u.count] })), empty: w.noneOverdue, formatNumber },
    },
  ];
  return charts.map(({ data, rowHeader, note }) => {
    const stacked = data.series.length > 1;
    return {
      id: data.id,
      title: data.title,
      note: note ?? null,
      svg: data.rows.length ? chartSvg(data) : '',
      rowHeader,
      columns: [...data.series.map((s) => s.label), ...(stacked ? [w.total] : [])],
      rows: data.rows.map((r) => ({ label: r.label, cells: [...r.values.map(formatNumber), ...(stacked ? [formatNumber(r.values.reduce((a, b) => a + b, 0))] : [])] })),
      empty: data.empty,
    };
  });
}

/** Where things stand, as charts with their figures beside them: the start page of everyone but officers (shell.web.ts). */
@WebController()
export class OverviewWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.overview)
  async overview(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, lang, units } = req.web!;
    const overview = await this.queries.execute(new OverviewQuery());
    this.pages.render(req, res, 'reports/overview/overview.eta', t.overview.title, {
      today: overview.today,
      charts: overviewCharts(overview, t, lang, helpers(t, lang, units)),
    });
  }
}
