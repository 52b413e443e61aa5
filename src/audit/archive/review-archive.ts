import { Injectable } from '@nestjs/common';
import { Zip, ZipDeflate } from 'fflate';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Database } from '../../event-store/database';
import { EVENT_COLUMNS, type EventRow } from '../../event-store/event-row';
import { Clock } from '../../kernel/clock';
import { notFound } from '../../kernel/domain-error';
import { escapeHtml } from '../../kernel/html';
import { RECOMMENDATION_STREAM_PREFIX } from '../../recommendations/domain/recommendation.events';
import { listReports, readReport } from '../../reports/report-store';
import { reviewStreamId } from '../../reviews/domain/review';
import { Anchors, readAnchors } from '../anchors/anchors';
import type { Anchor } from '../domain/anchor';
import { chainOf, trailerLines } from '../list-events/list-events.query';

/** Where the package keeps its files: FGS Paketstruktur / E-ARK CSIP, one representation. The offline verifier reads the same paths (src/cli/verify-log.ts). */
const DATA = 'representations/rep1/data';
const EVENTS_FILE = `${DATA}/events.ndjson`;
const ANCHORS_FILE = `${DATA}/anchors.ndjson`;
const PUBLIC_KEY_FILE = `${DATA}/public-key.pem`;

/** Events per read: a page is written out (and the client has taken it) before the next is read. */
const EVENT_PAGE = 1000;

interface PackedFile {
  path: string;
  mimeType: string;
  size: number;
  sha256: string;
  created: string;
}

const xml = escapeHtml;

/** A line of the package's event file: what the audit export's NDJSON line holds, chain columns included. */
function eventLine(r: EventRow): string {
  const metadata = JSON.parse(r.metadata) as { actor: unknown; reason: unknown };
  return `${JSON.stringify({
    position: Number(r.position),
    streamId: r.stream_id,
    version: Number(r.stream_version),
    type: r.type,
    occurredAt: r.occurred_at,
    actor: metadata.actor,
    reason: metadata.reason,
    data: JSON.parse(r.data),
    chain: chainOf(r),
  })}\n`;
}

/**
 * A review's archive package, streamed as a zip: the review's events and its
 * recommendations' (NDJSON with each event's stored columns, position and
 * hashes), the anchors at their positions (one made now at the review's
 * newest event), the public key, the review's reports as they were made, and
 * METS.xml at the root listing every file with its SHA-256. Written file by
 * file, page by page, waiting for the client: nothing is held whole but one
 * report file.
 *
 * What `npm run verify` can prove from it: every event's content against its
 * own hash; events that follow each other in the log are linked; the events
 * at anchored positions (the review's newest at least) are the ones the app
 * signed with its key. The review's events are not contiguous in the global
 * log, so the package cannot show that no event of the review is missing
 * between two of them; the audit export of the whole log can.
 */
@Injectable()
export class ReviewArchive {
  constructor(
    private readonly db: Database,
    private readonly anchors: Anchors,
    private readonly clock: Clock,
  ) {}

  /** The file name, after checking the review exists (a 404 before any byte goes out). */
  async prepare(reviewId: string): Promise<{ fileName: string; title: string }> {
    const [review] = await this.db.query<{ title: string }>('SELECT title FROM rm_reviews WHERE id = ?', [reviewId]);
    if (!review) throw notFound(`Review ${reviewId} does not exist`);
    return { fileName: `arkivpaket-${reviewId}.zip`, title: review.title };
  }

  async write(reviewId: string, title: string, out: Writable): Promise<void> {
    const created = this.clock.nowIso();
    const mtime = new Date(created);
    const zip = new Zip();
    let failed: Error | null = null;
    zip.ondata = (error, chunk, final) => {
      if (error) failed = error;
      else out.write(chunk);
      if (final) out.end();
    };
    const drained = async () => {
      if (failed) throw failed;
      if (out.writableNeedDrain) await once(out, 'drain');
    };
    const packed: PackedFile[] = [];
    /** One file of the package, its pieces written as they come, its checksum counted on the way. */
    const file = async (path: string, mimeType: string, pieces: AsyncIterable<Uint8Array | string>) => {
      const entry = new ZipDeflate(path, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      const hash = createHash('sha256');
      let size = 0;
      for await (const piece of pieces) {
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        hash.update(bytes);
        size += bytes.length;
        entry.push(bytes);
        await drained();
      }
      entry.push(new Uint8Array(0), true);
      await drained();
      packed.push({ path, mimeType, size, sha256: hash.digest('hex'), created });
    };

    const streams = await this.streams(reviewId);
    const positions = new Set<number>();
    let last = 0;
    // Read once, after the events: they end the event file and make the anchors file.
    let anchors: Anchor[] = [];
    const trailer = async () => {
      anchors = await this.anchorsAt(positions, last);
      // Not the whole log: only the review's streams.
      return trailerLines(anchors, { complete: false });
    };
    await file(EVENTS_FILE, 'application/x-ndjson', this.events(streams, positions, (p) => (last = p), trailer));
    await file(ANCHORS_FILE, 'application/x-ndjson', one(anchors.map((a) => `${JSON.stringify(a)}\n`).join('')));
    await file(PUBLIC_KEY_FILE, 'application/x-pem-file', one(this.anchors.key.publicKeyPem));
    const reports = (await this.db.read(listReports)).filter((r) => r.reviewId === reviewId);
    for (const report of reports) {
      const stored = await this.db.read((sql) => readReport(sql, report.id, true));
      await file(`${DATA}/reports/${report.id.slice(0, 8)}-${report.fileName}`, report.contentType.split(';')[0], one(stored.content ?? Buffer.alloc(0)));
    }
    const mets = new ZipDeflate('METS.xml', { level: 6 });
    mets.mtime = mtime;
    zip.add(mets);
    mets.push(Buffer.from(metsXml(reviewId, title, created, packed), 'utf8'), true);
    zip.end();
    await drained();
  }

  /** The review's stream and its recommendations' streams, by the read models. */
  private async streams(reviewId: string): Promise<string[]> {
    const recommendations = await this.db.query<{ id: string }>('SELECT id FROM rm_recommendations WHERE review_id = ? ORDER BY id', [reviewId]);
    return [reviewStreamId(reviewId), ...recommendations.map((r) => RECOMMENDATION_STREAM_PREFIX + r.id)];
  }

  private async *events(streams: string[], positions: Set<number>, lastSeen: (p: number) => void, trailer: () => Promise<string>): AsyncGenerator<string> {
    const inList = streams.map(() => '?').join(', ');
    for (let after = 0; ; ) {
      const rows = await this.db.read((sql) =>
        sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND stream_id IN (${inList}) ORDER BY position LIMIT ${EVENT_PAGE}`, [after, ...streams]),
      );
      if (rows.length) yield rows.map(eventLine).join('');
      for (const r of rows) positions.add(Number(r.position));
      if (rows.length) {
        after = Number(rows[rows.length - 1].position);
        lastSeen(after);
      }
      if (rows.length < EVENT_PAGE) break;
    }
    yield await trailer();
  }

  /** The anchors at the package's events, the review's newest event signed now if it was not yet. */
  private async anchorsAt(positions: Set<number>, last: number): Promise<Anchor[]> {
    if (last > 0) await this.anchors.anchorAt(last);
    return (await this.db.read(readAnchors)).filter((a) => positions.has(a.position));
  }
}

async function* one(piece: Uint8Array | string): AsyncGenerator<Uint8Array | string> {
  yield piece;
}

function metsXml(reviewId: string, title: string, created: string, files: PackedFile[]): string {
  const fileEntries = files
    .map(
      (f, i) =>
        `      <mets:file ID="file-${i + 1}" MIMETYPE="${xml(f.mimeType)}" SIZE="${f.size}" CREATED="${f.created}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256">\n` +
        `        <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${xml(encodeURI(f.path))}"/>\n` +
        '      </mets:file>',
    )
    .join('\n');
  const pointers = files.map((_, i) => `        <mets:fptr FILEID="file-${i + 1}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
  OBJID="uppfoljning-review-${xml(reviewId)}" LABEL="${xml(title)}" TYPE="Other" csip:OTHERTYPE="Uppföljning av rekommendationer"
  csip:CONTENTINFORMATIONTYPE="OTHER" PROFILE="https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml">
  <mets:metsHdr CREATEDATE="${created}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">
    <mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
      <mets:name>Uppföljning</mets:name>
    </mets:agent>
  </mets:metsHdr>
  <mets:fileSec ID="filesec">
    <mets:fileGrp ID="rep1-data" USE="Representations/rep1">
${fileEntries}
    </mets:fileGrp>
  </mets:fileSec>
  <mets:structMap ID="structmap" TYPE="PHYSICAL" LABEL="CSIP">
    <mets:div ID="package" LABEL="uppfoljning-review-${xml(reviewId)}">
      <mets:div ID="rep1" LABEL="Representations/rep1">
${pointers}
      </mets:div>
    </mets:div>
  </mets:structMap>
</mets:mets>
`;
}
