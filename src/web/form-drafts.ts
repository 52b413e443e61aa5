import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { sessionIdOf } from '../auth/session-table';
import { Database } from '../event-store/database';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { clearCookie, CSRF_COOKIE, CSRF_FIELD, csrfValid, safeLocalPath, SESSION_COOKIE, setCookie } from './web-session';

/** The browser's handle to its kept form: random, HttpOnly, and gone with the row. */
export const DRAFT_COOKIE = 'uf_draft';
/** The hidden field every form carries (partials/csrf.eta): the page it was shown on, to come back to. */
export const FROM_FIELD = '_from';
/** Long enough to find the password, short enough that an abandoned draft does not linger. */
const DRAFT_SECONDS = 3600;
/** Well above any form of ours; a post larger than this keeps nothing rather than part of it. */
const MAX_DRAFT_BYTES = 64 * 1024;
/** Never kept: the form token (it is the old session's), where to return (kept apart), and any password. */
const NEVER_KEPT = new Set<string>([CSRF_FIELD, FROM_FIELD]);
const SECRET_FIELD = /password|passord|losenord|lösenord|secret|token/i;

/** A kept form, as the page it came from gets it back: the form's address and what was typed. */
export interface RestoredDraft {
  action: string;
  values: Record<string, string>;
}

interface DraftRow {
  user_id: string;
  return_path: string;
  action_path: string;
  fields: string;
  expires_at: string;
}

interface EndedSession {
  userId: string;
  sessionId: string;
}

const hashOf = (handle: string) => createHash('sha256').update(handle, 'utf8').digest('hex');

/** The fields worth keeping: strings only, no token, no password. */
export function keptFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string' && !NEVER_KEPT.has(name) && !SECRET_FIELD.test(name)) fields[name] = value;
  }
  return fields;
}

/**
 * Expired sessions do not lose work. A form posted after its session ended is
 * kept on the server for an hour, for the user whose session it was, and the
 * browser gets only a random handle. Signing in again leads back to the page
 * the form was on, which shows the form again with what was typed (not sent:
 * the user looks it over and sends it). Kept only when the post proves where it
 * came from: the session cookie names a session this server signed (expired or
 * ended, but ours) and the form's token is that session's, so a page on another
 * site can neither plant a draft nor read one, and nobody else who signs in on
 * the same browser gets it back.
 */
@Injectable()
export class FormDrafts {
  constructor(
    private readonly db: Database,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The session a cookie's token named, even expired: its signature is ours, whatever became of it since. */
  private async endedSession(token: string | undefined): Promise<EndedSession | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; jti?: unknown }>(token, { ignoreExpiration: true });
      return typeof claims.sub === 'string' && typeof claims.jti === 'string' ? { userId: claims.sub, sessionId: sessionIdOf(claims.jti) } : null;
    } catch {
      return null;
    }
  }

  /**
   * Keeps a post refused for want of a session. Returns the page to come back
   * to (the form's page, else null) and whether the fields were kept.
   */
  async keep(req: Request, res: Response, cookies: Record<string, string>): Promise<{ returnPath: string | null; kept: boolean }> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnPath = safeLocalPath(body[FROM_FIELD], '') || null;
    const ended = await this.endedSession(cookies[SESSION_COOKIE]);
    if (!returnPath || !ended || !csrfValid(this.config.jwtSecret, cookies[CSRF_COOKIE], body[CSRF_FIELD], ended.sessionId)) return { returnPath, kept: false };
    const fields = JSON.stringify(keptFields(body));
    if (Buffer.byteLength(fields, 'utf8') > MAX_DRAFT_BYTES) return { returnPath, kept: false };
    const handle = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.db.write(async (tx) => {
      // One draft per user: the latest post is what they were typing last.
      await tx.query('DELETE FROM form_drafts WHERE user_id = ? OR expires_at < ?', [ended.userId, now.toISOString()]);
      await tx.query('INSERT INTO form_drafts (id, user_id, return_path, action_path, fields, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        hashOf(handle),
        ended.userId,
        returnPath,
        req.path,
        fields,
        new Date(now.getTime() + DRAFT_SECONDS * 1000).toISOString(),
      ]);
    });
    setCookie(res, DRAFT_COOKIE, handle, { secure: this.config.production }, DRAFT_SECONDS);
    return { returnPath, kept: true };
  }

  /**
   * The draft this signed-in user left on this page, taken (used once); null
   * if there is none. A draft of someone else is dropped, never shown.
   */
  async take(req: Request, res: Response, userId: string, cookies: Record<string, string>): Promise<RestoredDraft | null> {
    const handle = cookies[DRAFT_COOKIE];
    if (!handle) return null;
    const id = hashOf(handle);
    const [row] = await this.db.read((sql) => sql.query<DraftRow>('SELECT user_id, return_path, action_path, fields, expires_at FROM form_drafts WHERE id = ?', [id]));
    const settings = { secure: this.config.production };
    if (!row || row.expires_at < new Date().toISOString() || row.user_id !== userId) {
      if (row) await this.db.write((tx) => tx.query('DELETE FROM form_drafts WHERE id = ?', [id]));
      clearCookie(res, DRAFT_COOKIE, settings);
      return null;
    }
    // Another page first (a link followed before the form's page): the draft waits for its page.
    if (req.originalUrl !== row.return_path) return null;
    await this.db.write((tx) => tx.query('DELETE FROM form_drafts WHERE id = ?', [id]));
    clearCookie(res, DRAFT_COOKIE, settings);
    return { action: row.action_path, values: JSON.parse(row.fields) as Record<string, string> };
  }
}
