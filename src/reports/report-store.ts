import type { Sql } from '../event-store/database';
import { notFound } from '../kernel/domain-error';
import type { GeneratedReport } from './domain/report.decide';
import type { ReportLanguage } from './domain/report-model';
import type { ReportFormat } from './render/render-report';

/** What GET /reports shows of a report: what its event recorded, and who made it when. */
export interface ReportMetadata extends Omit<GeneratedReport, 'format'> {
  format: ReportFormat;
  createdAt: string;
  createdBy: { id: string; email: string; name: string; role: string };
}

interface ReportRow {
  id: string;
  cycle_id: string;
  milestone_key: string;
  review_id: string | null;
  as_of: string;
  language: ReportLanguage;
  format: ReportFormat;
  position: number | string;
  sha256: string;
  content_type: string;
  file_name: string;
  created_at: string;
  created_by: string;
  content?: Buffer | Uint8Array;
}

const METADATA_COLUMNS = 'id, cycle_id, milestone_key, review_id, as_of, language, format, position, sha256, content_type, file_name, created_at, created_by';

const toMetadata = (r: ReportRow): ReportMetadata => ({
  id: r.id,
  cycleId: r.cycle_id,
  milestoneKey: r.milestone_key,
  reviewId: r.review_id,
  asOf: r.as_of,
  language: r.language,
  format: r.format,
  position: Number(r.position),
  sha256: r.sha256,
  fileName: r.file_name,
  contentType: r.content_type,
  createdAt: r.created_at,
  createdBy: JSON.parse(r.created_by),
});

/** A stored report's metadata, and its file when asked. */
export async function readReport(sql: Sql, id: string, withContent = false): Promise<ReportMetadata & { content?: Buffer }> {
  const [row] = await sql.query<ReportRow>(`SELECT ${METADATA_COLUMNS}${withContent ? ', content' : ''} FROM reports WHERE id = ?`, [id]);
  if (!row) throw notFound(`Report ${id} not found`);
  return { ...toMetadata(row), ...(withContent ? { content: Buffer.from(row.content!) } : {}) };
}

/** Every stored report's metadata, newest first. */
export async function listReports(sql: Pick<Sql, 'query'>): Promise<ReportMetadata[]> {
  const rows = await sql.query<ReportRow>(`SELECT ${METADATA_COLUMNS} FROM reports ORDER BY created_at DESC, id`);
  return rows.map(toMetadata);
}

/** Keeps the file beside its metadata, in the transaction that records the report's event. */
export async function storeReport(tx: Sql, metadata: ReportMetadata, content: Buffer): Promise<void> {
  const m = metadata;
  await tx.query(`INSERT INTO reports (${METADATA_COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    m.id,
    m.cycleId,
    m.milestoneKey,
    m.reviewId,
    m.asOf,
    m.language,
    m.format,
    m.position,
    m.sha256,
    m.contentType,
    m.fileName,
    m.createdAt,
    JSON.stringify(m.createdBy),
    content,
  ]);
}
