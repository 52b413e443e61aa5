import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { CommandRunner, type WriteContext } from '../../event-store/command-runner';
import { Database } from '../../event-store/database';
import { EventStore } from '../../event-store/event-store';
import { Clock } from '../../kernel/clock';
import { notFound } from '../../kernel/domain-error';
import { recommendationAggregate } from '../change-recommendation.handler';
import { commentRecipients, discussionsOf, type AttachmentRef, type ThreadEntry } from '../domain/recommendation.discussion';
import { recommendationStreamId } from '../domain/recommendation.events';
import { toHistoryEntry } from '../get-history/get-history.query';
import { readAttachment, storeAttachment, type StoredAttachment } from './attachment-store';
import { CommentMails } from './comment-mails';
import { judgeFile, safeFilename } from './file-kind';
import type { WriteOutcome } from '../../kernel/http/respond';

const THREAD_EVENTS = ['RecommendationRegistered', 'ActionAdded', 'AttachmentAdded', 'ActionCommented'];

/** What the API answers for an attached file. */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface CommentView {
  id: string;
  text: string;
  createdAt: string;
  author: { name: string; email: string; role: string };
}

const attachmentView = (a: Omit<AttachmentRef, 'actionId'>): AttachmentView => ({ id: a.attachmentId, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 });
const commentView = (c: ThreadEntry): CommentView => ({ id: c.commentId, text: c.text, createdAt: c.at, author: c.by });

/** What a comment or a file added: its view, and the write's outcome (the version after it, whether it was a replay) for respond(). */
export interface Added<V> extends WriteOutcome {
  view: V;
}

/**
 * Attachments and comments on an action, for the API and the web alike. The
 * rules are the domain's (recommendation.discussion.ts); here the file is
 * judged, hashed and stored with its event in one transaction, and a comment's
 * mails are written with it and sent once it is in (comment-mails.ts).
 */
@Injectable()
export class Discussions {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly mails: CommentMails,
  ) {}

  /** 415 for what is not evidence, 400/403/404/409 as the domain says; the file and its event are written together or not at all. */
  async attach(recommendationId: string, actionId: string, upload: { originalname: string; buffer: Buffer }, ctx: WriteContext): Promise<Added<AttachmentView>> {
    const kind = await judgeFile(upload.originalname, upload.buffer);
    const ref: AttachmentRef = {
      attachmentId: randomUUID(),
      actionId,
      filename: safeFilename(upload.originalname, kind),
      contentType: kind.contentType,
      size: upload.buffer.length,
      sha256: createHash('sha256').update(upload.buffer).digest('hex'),
    };
    // The same Idempotency-Key with another file is another request (409), as with another body.
    const withFile = (hash: string) => createHash('sha256').update(`${hash}:${ref.sha256}:${ref.filename}`).digest('hex');
    const idem = ctx.idempotency;
    const keyed = idem ? { ...ctx, idempotency: { key: idem.key, requestHash: withFile(idem.requestHash), earlierHash: idem.earlierHash && withFile(idem.earlierHash) } } : ctx;
    const written = await this.runner.run(recommendationAggregate, recommendationId, { type: 'AddAttachment', ...ref }, keyed, {
      precheck: (tx) => storeAttachment(tx, recommendationId, ref, upload.buffer, this.clock.now().toISOString(), ctx.actor.email),
    });
    // A replayed Idempotency-Key answers with the file that key attached first.
    const added = written.newEvents.find((e) => e.type === 'AttachmentAdded')?.data as AttachmentRef | undefined;
    return { view: attachmentView(added ?? ref), version: written.version, replayed: written.replayed };
  }

  /** The file for a download; 404 when there is none (any signed-in user may read every recommendation). */
  async file(id: string): Promise<StoredAttachment> {
    const found = await this.db.read((sql) => readAttachment(sql, id));
    if (!found) throw notFound(`Attachment ${id} not found`);
    return found;
  }

  async comment(recommendationId: string, actionId: string, text: string, ctx: WriteContext): Promise<Added<CommentView>> {
    const before = (await this.thread(recommendationId, actionId)).comments;
    // The mails it owes are rows in the same transaction as the comment: the database, not this process, remembers them.
    const { written, owed } = await this.db.write(async (tx) => {
      const written = await this.runner.runIn(tx, recommendationAggregate, recommendationId, { type: 'CommentOnAction', actionId, commentId: randomUUID(), text }, ctx);
      const event = written.newEvents.find((e) => e.type === 'ActionCommented');
      const action = written.state.actions.find((a) => a.id === actionId);
      if (written.replayed || !event || !action) return { written, owed: [] };
      const recipients = commentRecipients(action, before, ctx.actor.email);
      const facts = { recommendationId, code: written.state.code, actionId, actionTitle: action.title, author: ctx.actor.name, text: event.data.text as string, commentId: event.data.commentId as string };
      return { written, owed: await this.mails.owe(tx, recommendationId, recipients.map((recipient) => ({ ...facts, recipient }))) };
    });
    const event = written.newEvents.find((e) => e.type === 'ActionCommented');
    const comment: CommentView = {
      id: event?.data.commentId,
      text: event?.data.text,
      createdAt: event?.occurredAt ?? this.clock.now().toISOString(),
      author: { name: ctx.actor.name, email: ctx.actor.email, role: ctx.actor.role },
    };
    // Sent after the answer, so a slow mail server never holds the writer up.
    this.mails.sendSoon(owed);
    return { view: comment, version: written.version, replayed: written.replayed };
  }

  async comments(recommendationId: string, actionId: string): Promise<CommentView[]> {
    return (await this.thread(recommendationId, actionId)).comments.map(commentView);
  }

  async attachments(recommendationId: string, actionId: string): Promise<AttachmentView[]> {
    return (await this.thread(recommendationId, actionId)).attachments.map(attachmentView);
  }

  /** The action's thread and files, from its recommendation's history: 404 for an unknown recommendation or action. */
  private async thread(recommendationId: string, actionId: string) {
    // Only the events a thread is made of: a recommendation with thousands of notes reads none of them.
    const events = await this.db.read((sql) => this.store.readAll(sql, { streamId: recommendationStreamId(recommendationId), types: THREAD_EVENTS }));
    if (events.length === 0) throw notFound(`Recommendation ${recommendationId} not found`);
    if (!events.some((e) => e.type === 'ActionAdded' && e.data.actionId === actionId)) throw notFound(`Action ${actionId} not found`);
    return discussionsOf(events.map(toHistoryEntry)).get(actionId) ?? { attachments: [], comments: [] };
  }
}
