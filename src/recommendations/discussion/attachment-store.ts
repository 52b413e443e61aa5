import type { Sql } from '../../event-store/sql';
import type { AttachmentRef } from '../domain/recommendation.discussion';

/** An attachment as a download finds it: which recommendation it belongs to (to check who may read it), its name, type and bytes. */
export interface StoredAttachment extends AttachmentRef {
  recommendationId: string;
  content: Buffer;
}

interface Row {
  id: string;
  recommendation_id: string;
  action_id: string;
  filename: string;
  content_type: string;
  size: number | string;
  sha256: string;
  content: Buffer | Uint8Array;
}

/**
 * Keeps the bytes once by their hash, and this attaching of them, inside the
 * write's transaction: refused, nothing of it stays. A retry of the same write
 * inserts nothing twice.
 */
export async function storeAttachment(tx: Sql, recommendationId: string, ref: AttachmentRef, content: Buffer, at: string, by: string): Promise<void> {
  await tx.query('INSERT INTO attachment_blobs (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [ref.sha256, content.length, content]);
  await tx.query(
    'INSERT INTO attachments (id, recommendation_id, action_id, filename, content_type, size, sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    [ref.attachmentId, recommendationId, ref.actionId, ref.filename, ref.contentType, ref.size, ref.sha256, at, by],
  );
}

export async function readAttachment(sql: Sql, id: string): Promise<StoredAttachment | null> {
  const [row] = await sql.query<Row>(
    'SELECT a.id, a.recommendation_id, a.action_id, a.filename, a.content_type, a.size, a.sha256, b.content FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.id = ?',
    [id],
  );
  if (!row) return null;
  return {
    attachmentId: row.id,
    recommendationId: row.recommendation_id,
    actionId: row.action_id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    content: Buffer.from(row.content),
  };
}
