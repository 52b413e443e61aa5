import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recommendations read model becomes tables with columns: the summary
 * columns on rm_recommendations (what the list reads), and a row per action,
 * per progress update and per evidence link. The JSON `state` column goes: at
 * thousands of notes it was a megabyte rewritten by every write and parsed by
 * every list.
 *
 * Existing rows are converted from their `state` here, so the checkpoint stays
 * valid and nothing needs rebuilding. The conversion is this migration's own
 * copy of the mapping in recommendations.projection.ts as it was written: a
 * migration must not change with later code.
 */

interface Meeting {
  body: string;
  date: string;
}
interface OldUpdate {
  at: string;
  by: string;
  progressPercent: number;
  note: string;
  evidence: Array<{ title: string; url: string }>;
}
interface OldAction {
  id: string;
  title: string;
  description: string | null;
  responsibleUnit: string;
  ownerEmail: string;
  dueDate: string;
  originalDueDate: string;
  status: string;
  progressPercent: number;
  addedAt: string;
  completedAt: string | null;
  updates: OldUpdate[];
}
interface OldState {
  id: string;
  reviewId: string;
  code: string;
  title: string;
  text: string;
  textEn: string | null;
  status: string;
  decision: { decision: string; reason: string; meeting: Meeting | null; decidedAt: string } | null;
  assessment: { status: string; reason: string; meeting: Meeting | null; assessedAt: string } | null;
  actions: OldAction[];
  version: number;
  lastChangedAt: string;
}

const OPEN = ['planned', 'in_progress'];

function progressOf(s: OldState): number {
  const counted = s.actions.filter((a) => a.status !== 'cancelled');
  return counted.length === 0 ? 0 : Math.round(counted.reduce((sum, a) => sum + a.progressPercent, 0) / counted.length);
}

export class RecommendationTables1764000000006 implements MigrationInterface {
  name = 'RecommendationTables1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_actions (
      recommendation_id VARCHAR(36) NOT NULL,
      id VARCHAR(36) NOT NULL,
      ordinal INTEGER NOT NULL,
      title TEXT NOT NULL,
      description TEXT,
      responsible_unit VARCHAR(100) NOT NULL,
      owner_email VARCHAR(320) NOT NULL,
      due_date VARCHAR(10) NOT NULL,
      original_due_date VARCHAR(10) NOT NULL,
      status VARCHAR(20) NOT NULL,
      progress_percent INTEGER NOT NULL,
      added_at VARCHAR(30) NOT NULL,
      completed_at VARCHAR(30),
      update_count INTEGER NOT NULL,
      PRIMARY KEY (recommendation_id, id)
    )`);
    // Updates are numbered 1… per action, in the order they were reported: the paging cursor.
    await q.query(`CREATE TABLE rm_action_updates (
      recommendation_id VARCHAR(36) NOT NULL,
      action_id VARCHAR(36) NOT NULL,
      seq INTEGER NOT NULL,
      reported_at VARCHAR(30) NOT NULL,
      reported_by VARCHAR(320) NOT NULL,
      progress_percent INTEGER NOT NULL,
      note TEXT NOT NULL,
      PRIMARY KEY (recommendation_id, action_id, seq)
    )`);
    await q.query(`CREATE TABLE rm_update_evidence (
      recommendation_id VARCHAR(36) NOT NULL,
      action_id VARCHAR(36) NOT NULL,
      update_seq INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      title TEXT NOT NULL,
      url TEXT NOT NULL,
      PRIMARY KEY (recommendation_id, action_id, update_seq, seq)
    )`);
    for (const column of [
      "code_rank INTEGER NOT NULL DEFAULT 0",
      "title TEXT NOT NULL DEFAULT ''",
      "text TEXT NOT NULL DEFAULT ''",
      'text_en TEXT',
      'progress_percent INTEGER NOT NULL DEFAULT 0',
      'action_count INTEGER NOT NULL DEFAULT 0',
      'open_action_count INTEGER NOT NULL DEFAULT 0',
      'next_due_date VARCHAR(10)',
      'decision VARCHAR(20)',
      'decision_reason TEXT',
      'decision_meeting TEXT',
      'decided_at VARCHAR(30)',
      'assessment VARCHAR(30)',
      'assessment_reason TEXT',
      'assessment_meeting TEXT',
      'assessed_at VARCHAR(30)',
      'version INTEGER NOT NULL DEFAULT 0',
      "last_changed_at VARCHAR(30) NOT NULL DEFAULT ''",
    ]) {
      await q.query(`ALTER TABLE rm_recommendations ADD COLUMN ${column}`);
    }

    const ids: Array<{ id: string }> = await q.query('SELECT id FROM rm_recommendations ORDER BY id');
    const states: OldState[] = [];
    for (const { id } of ids) {
      const [row]: Array<{ state: string }> = await q.query(params(q, 'SELECT state FROM rm_recommendations WHERE id = ?'), [id]);
      const s = JSON.parse(row.state) as OldState;
      states.push({ ...s, actions: [] });
      await this.convert(q, s);
    }
    const byReview = new Map<string, OldState[]>();
    for (const s of states) byReview.set(s.reviewId, [...(byReview.get(s.reviewId) ?? []), s]);
    for (const siblings of byReview.values()) {
      const ranked = [...siblings].sort((a, b) => a.code.localeCompare(b.code, 'sv', { numeric: true }));
      for (const [i, s] of ranked.entries()) await q.query(params(q, 'UPDATE rm_recommendations SET code_rank = ? WHERE id = ?'), [i + 1, s.id]);
    }
    await q.query('ALTER TABLE rm_recommendations DROP COLUMN state');
    await q.query('CREATE INDEX rm_recommendations_order ON rm_recommendations (review_id, code_rank)');
  }

  private async convert(q: QueryRunner, s: OldState): Promise<void> {
    const open = s.actions.filter((a) => OPEN.includes(a.status));
    await q.query(
      params(
        q,
        `UPDATE rm_recommendations SET title = ?, text = ?, text_en = ?, progress_percent = ?, action_count = ?, open_action_count = ?, next_due_date = ?,
          decision = ?, decision_reason = ?, decision_meeting = ?, decided_at = ?, assessment = ?, assessment_reason = ?, assessment_meeting = ?, assessed_at = ?,
          version = ?, last_changed_at = ? WHERE id = ?`,
      ),
      [
        s.title,
        s.text,
        s.textEn,
        progressOf(s),
        s.actions.length,
        open.length,
        open.map((a) => a.dueDate).sort()[0] ?? null,
        s.decision?.decision ?? null,
        s.decision?.reason ?? null,
        s.decision?.meeting ? JSON.stringify(s.decision.meeting) : null,
        s.decision?.decidedAt ?? null,
        s.assessment?.status ?? null,
        s.assessment?.reason ?? null,
        s.assessment?.meeting ? JSON.stringify(s.assessment.meeting) : null,
        s.assessment?.assessedAt ?? null,
        s.version,
        s.lastChangedAt,
        s.id,
      ],
    );
    for (const [ordinal, a] of s.actions.entries()) {
      await q.query(
        params(
          q,
          `INSERT INTO rm_actions (recommendation_id, id, ordinal, title, description, responsible_unit, owner_email, due_date, original_due_date, status,
            progress_percent, added_at, completed_at, update_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        [s.id, a.id, ordinal, a.title, a.description, a.responsibleUnit, a.ownerEmail, a.dueDate, a.originalDueDate, a.status, a.progressPercent, a.addedAt, a.completedAt, a.updates.length],
      );
      for (const [i, u] of a.updates.entries()) {
        await q.query(
          params(q, 'INSERT INTO rm_action_updates (recommendation_id, action_id, seq, reported_at, reported_by, progress_percent, note) VALUES (?, ?, ?, ?, ?, ?, ?)'),
          [s.id, a.id, i + 1, u.at, u.by, u.progressPercent, u.note],
        );
        for (const [j, e] of u.evidence.entries()) {
          await q.query(params(q, 'INSERT INTO rm_update_evidence (recommendation_id, action_id, update_seq, seq, title, url) VALUES (?, ?, ?, ?, ?, ?)'), [
            s.id,
            a.id,
            i + 1,
            j + 1,
            e.title,
            e.url,
          ]);
        }
      }
    }
  }

  /**
   * Back to one JSON row per recommendation, emptied: the release before this
   * one fills it again with `npm run projections:rebuild recommendations`.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rm_recommendations_order');
    for (const table of ['rm_update_evidence', 'rm_action_updates', 'rm_actions']) await q.query(`DROP TABLE ${table}`);
    await q.query('DELETE FROM rm_recommendations');
    await q.query("DELETE FROM projection_checkpoints WHERE name = 'recommendations'");
    for (const column of [
      'code_rank', 'title', 'text', 'text_en', 'progress_percent', 'action_count', 'open_action_count', 'next_due_date', 'decision', 'decision_reason',
      'decision_meeting', 'decided_at', 'assessment', 'assessment_reason', 'assessment_meeting', 'assessed_at', 'version', 'last_changed_at',
    ]) {
      await q.query(`ALTER TABLE rm_recommendations DROP COLUMN ${column}`);
    }
    await q.query("ALTER TABLE rm_recommendations ADD COLUMN state TEXT NOT NULL DEFAULT ''");
  }
}

/** TypeORM passes the query to the driver as written: `?` on SQLite, `$1…` on PostgreSQL. */
function params(q: QueryRunner, sql: string): string {
  if (q.connection.options.type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
