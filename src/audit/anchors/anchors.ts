import { Inject, Injectable, Logger, ServiceUnavailableException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { open, readFile } from 'node:fs/promises';
import { createHash, type KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Sql } from '../../event-store/database';
import { Database } from '../../event-store/database';
import { GENESIS_HASH } from '../../event-store/event-hash';
import { Clock } from '../../kernel/clock';
import { makeDirectory } from '../../kernel/make-directory';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { parseAnchor, signAnchor, type Anchor } from '../domain/anchor';
import { loadEarlierPublicKeys, loadSigningKey, type SigningKey } from './signing-key';

/** The file in ANCHOR_DIR every anchor is appended to, one JSON line each. */
export const ANCHOR_FILE = 'anchors.ndjson';

/** How often the app asks whether an anchor is due (the interval itself is ANCHOR_INTERVAL_MINUTES). */
const CHECK_EVERY_MS = 60_000;

interface AnchorRow {
  position: number | string;
  head_hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
}

/**
 * An anchor stored in the table whose line could not be written to ANCHOR_DIR (a directory that
 * cannot be made, a disk that is full): 503 with the reason, and the scheduled anchoring's warning.
 */
export class AnchorNotWritten extends ServiceUnavailableException {
  constructor(anchor: Anchor, dir: string, cause: unknown) {
    super(`The anchor at position ${anchor.position} is stored in the database, but ANCHOR_DIR (${dir}) could not be written: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Which database a line of ANCHOR_DIR belongs to: the SQLite file's path, or
 * PostgreSQL's host, port and database (never the credentials), hashed. A
 * directory shared by several databases (development, tests) keeps each
 * one's anchors apart; a database moved elsewhere (db:copy) starts a new set,
 * its old anchors travelling in its table.
 */
export function installationOf(database: AppConfig['database']): string {
  let where: string;
  if (database.type === 'sqlite') where = `sqlite:${resolve(database.path)}`;
  else {
    const url = new URL(database.url);
    where = `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
  return createHash('sha256').update(where).digest('hex').slice(0, 16);
}

const anchorOf = (r: AnchorRow): Anchor => ({ position: Number(r.position), headHash: r.head_hash, signedAt: r.signed_at, keyId: r.key_id, signature: r.signature });

export const readAnchors = async (sql: Sql): Promise<Anchor[]> =>
  (await sql.query<AnchorRow>('SELECT position, head_hash, signed_at, key_id, signature FROM audit_anchors ORDER BY position, signed_at')).map(anchorOf);

/**
 * Signs the log's head and keeps the signature in two places: the
 * audit_anchors table, and a line in ANCHOR_DIR (outside the database, where
 * the database's administrator need not reach). Anchors are made when an
 * auditor asks, for every report (at the report's position, reused when the
 * report is made again), and at least every ANCHOR_INTERVAL_MINUTES while new
 * events arrive. Each is decided and written inside a write transaction, which
 * every process takes in turn, so two instances never anchor the same head
 * twice for the interval.
 */
@Injectable()
export class Anchors implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Anchors');
  readonly key: SigningKey;
  private timer: NodeJS.Timeout | null = null;
  /** Written with each line in ANCHOR_DIR, and read back only from lines that carry it. */
  readonly installation: string;
  /** The keys an anchor may be signed with: this one, then the earlier ones named in the configuration. */
  readonly publicKeys: KeyObject[];
  private checking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = loadSigningKey(config.anchors.keyFile);
    this.installation = installationOf(config.database);
    this.publicKeys = [this.key.publicKey, ...loadEarlierPublicKeys(config.anchors.earlierPublicKeyFiles)];
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.anchorIfDue(), CHECK_EVERY_MS);
    this.timer.unref();
    void this.anchorIfDue();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
  }

  list(): Promise<Anchor[]> {
    return this.db.read(readAnchors);
  }

  /** The longest time between anchors while events arrive. */
  get intervalMinutes(): number {
    return this.config.anchors.intervalMinutes;
  }

  /**
   * Every anchor known: the table's and ANCHOR_DIR's, each once. The file is
   * the copy the database's administrator does not hold: an anchor deleted from
   * the table (its triggers dropped) is still checked.
   */
  async known(): Promise<Anchor[]> {
    const stored = await this.db.read(readAnchors);
    let text = '';
    try {
      text = await readFile(join(this.config.anchors.dir, ANCHOR_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const key = (a: Anchor) => `${a.position}/${a.keyId}/${a.signedAt}/${a.signature}`;
    const all = new Map(stored.map((a) => [key(a), a]));
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let anchor: Anchor | null = null;
      try {
        const value = JSON.parse(line) as { installation?: unknown };
        anchor = value.installation === this.installation ? parseAnchor(value) : null;
      } catch {
        anchor = null;
      }
      // A line that does not parse (a write cut off by a crash) vouches for nothing; the table still has the anchor.
      if (anchor && !all.has(key(anchor))) all.set(key(anchor), anchor);
    }
    return [...all.values()].sort((a, b) => a.position - b.position || a.signedAt.localeCompare(b.signedAt));
  }

  /** Signs the head as it is now. */
  async anchorHead(): Promise<Anchor> {
    const anchor = await this.db.write(async (tx) => {
      const head = await this.headAt(tx, null);
      return this.insert(tx, head.position, head.hash);
    });
    await this.appendToFile(anchor);
    return anchor;
  }

  /** An anchor at this position: the first one made there with this key, or a new one, so a report made again names the same anchor. */
  async anchorAt(position: number): Promise<Anchor> {
    let made = false;
    const anchor = await this.db.write(async (tx) => {
      const [existing] = await tx.query<AnchorRow>(
        'SELECT position, head_hash, signed_at, key_id, signature FROM audit_anchors WHERE position = ? AND key_id = ? ORDER BY signed_at LIMIT 1',
        [position, this.key.keyId],
      );
      if (existing) return anchorOf(existing);
      const head = await this.headAt(tx, position);
      made = true;
      return this.insert(tx, head.position, head.hash);
    });
    if (made) await this.appendToFile(anchor);
    return anchor;
  }

  /** Anchors the head if events came after the newest anchor and that anchor is older than the interval. */
  anchorIfDue(): Promise<Anchor | null> {
    const run = this.dueAnchor().catch((error: Error) => {
      this.logger.warn(`Could not anchor the log: ${error.message}`);
      return null;
    });
    this.checking = run;
    return run;
  }

  private async dueAnchor(): Promise<Anchor | null> {
    const anchor = await this.db.write(async (tx) => {
      const [last] = await tx.query<{ position: number | string | null; signed_at: string | null }>(
        'SELECT MAX(position) AS position, MAX(signed_at) AS signed_at FROM audit_anchors',
      );
      const head = await this.headAt(tx, null);
      if (head.position === 0 || head.position <= Number(last?.position ?? 0)) return null;
      const dueAt = last?.signed_at ? new Date(last.signed_at).getTime() + this.config.anchors.intervalMinutes * 60_000 : 0;
      if (this.clock.now().getTime() < dueAt) return null;
      return this.insert(tx, head.position, head.hash);
    });
    if (anchor) await this.appendToFile(anchor);
    return anchor;
  }

  private async headAt(tx: Sql, position: number | null): Promise<{ position: number; hash: string }> {
    const [row] =
      position === null
        ? await tx.query<{ position: number | string; hash: string }>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1')
        : await tx.query<{ position: number | string; hash: string }>('SELECT position, hash FROM events WHERE position = ?', [position]);
    if (!row && position) throw new Error(`No event at position ${position} to anchor`);
    return { position: Number(row?.position ?? 0), hash: row?.hash ?? GENESIS_HASH };
  }

  private async insert(tx: Sql, position: number, headHash: string): Promise<Anchor> {
    const anchor = signAnchor(this.key.privateKey, position, headHash, this.clock.nowIso());
    await tx.query('INSERT INTO audit_anchors (position, head_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)', [
      anchor.position,
      anchor.headHash,
      anchor.signedAt,
      anchor.keyId,
      anchor.signature,
    ]);
    return anchor;
  }

  /** One line, synced to disk before the anchor is reported made. */
  private async appendToFile(anchor: Anchor): Promise<void> {
    const dir = this.config.anchors.dir;
    try {
      await makeDirectory(dir);
      const file = await open(join(dir, ANCHOR_FILE), 'a', 0o644);
      try {
        await file.write(`${JSON.stringify({ ...anchor, installation: this.installation })}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (error) {
      throw new AnchorNotWritten(anchor, dir, error);
    }
  }
}
