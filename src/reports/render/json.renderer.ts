import type { ReportModel } from '../domain/report-model';
import type { RenderedReport } from './rendered-report';

/**
 * The model itself, for other systems. Keys are sorted at every level, so the
 * bytes depend only on the model's content, never on the order its fields
 * happened to be built in.
 */
export function renderJson(model: ReportModel): RenderedReport {
  const json = `${JSON.stringify(sortKeys(model), null, 2)}\n`;
  return { content: Buffer.from(json, 'utf8'), contentType: 'application/json; charset=utf-8', extension: 'json' };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
