import type { ChartData } from './charts';
import { formatInteger } from '../../kernel/format-integer';
import type { ReportModel } from './report-model';

/**
 * The report's charts, from its model's facts only (so a rebuild draws the
 * same ones): recommendations by status, by traffic light, and the overdue
 * actions per responsible unit. Every format draws these.
 */
export function reportCharts(model: ReportModel): ChartData[] {
  const { labels, language } = model;
  const formatNumber = (n: number) => formatInteger(n, language);
  const overdue = new Map<string, number>();
  for (const r of model.recommendations) for (const a of r.actions) if (a.overdue) overdue.set(a.responsibleUnitText, (overdue.get(a.responsibleUnitText) ?? 0) + 1);
  const units = [...overdue.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [
    {
      id: 'report-chart-status',
      title: labels.recommendationsByStatus,
      series: [{ key: 'count', label: labels.count, tone: 'primary' }],
      rows: model.summary.byStatus.map((c) => ({ label: c.label, values: [c.count] })),
      empty: `${labels.total}: 0`,
      formatNumber,
    },
    {
      id: 'report-chart-lights',
      title: labels.trafficLights,
      series: [{ key: 'count', label: labels.count, tone: 'primary' }],
      rows: model.summary.byTrafficLight.map((c) => ({ label: c.label, values: [c.count], tone: c.light })),
      empty: `${labels.total}: 0`,
      formatNumber,
    },
    {
      id: 'report-chart-overdue',
      title: `${labels.actionsOverdue} – ${labels.responsibleUnit.toLowerCase()}`,
      series: [{ key: 'overdue', label: labels.actionsOverdue, tone: 'red' }],
      rows: units.map(([unit, n]) => ({ label: unit, values: [n] })),
      empty: `${labels.actionsOverdue}: 0`,
      formatNumber,
    },
  ];
}
