import { Body, Get, HttpException, Injectable, Param, Post, Req, Res, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { DomainError, notFound } from '../../kernel/domain-error';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import { refusal, validateForm, invalidForm, type FormProblem, type Form } from '../../web/form-problems';
import { formWriteContext, typedValues } from '../../web/form-key';
import type { Dictionary } from '../../web/i18n';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { ATTACHMENT_UPLOAD_LIMITS, CommentRequest, type Upload } from './discussion.request';
import { Discussions } from './discussions';
import { judgeFile } from './file-kind';
import type { WriteContext } from '../../event-store/command-runner';
import { sendAttachment } from './send-attachment';


/** What the upload came to: the file, or why multer refused it (too large, a second file). */
type UploadRequest = WebRequest & { file?: Upload; uploadRefused?: string };

/**
 * Reads the upload form's multipart body before the web guard runs, so the
 * guard finds the form token in it as in any other form. A refused upload is
 * no error here: the page says what was wrong.
 */
@Injectable()
export class AttachmentUploadMiddleware implements NestMiddleware {
  private readonly upload = multer(ATTACHMENT_UPLOAD_LIMITS).single('file');

  use(req: Request & { uploadRefused?: string }, res: Response, next: NextFunction): void {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    this.upload(req, res, (error: unknown) => {
      if (error) req.uploadRefused = (error as { code?: string }).code ?? 'UPLOAD';
      next();
    });
  }
}

/**
 * The file a progress form may carry (optional): judged before the progress is
 * written, so a file that is no evidence refuses the whole form; attached
 * once the progress is in (RecommendationPage's afterWrite).
 */
export async function progressUpload(
  req: WebRequest,
  discussions: Discussions,
  id: string,
  actionId: string,
): Promise<{ problem: FormProblem | null; afterWrite?: (ctx: WriteContext) => Promise<unknown>; fileName?: string }> {
  const { t } = req.web!;
  const { file, uploadRefused } = req as UploadRequest;
  const problem = fileProblemOf(`progress-${actionId}`);
  if (uploadRefused) return { problem: refusedUpload(uploadRefused, problem, t) };
  if (!file || file.buffer.length === 0) return { problem: null };
  try {
    await judgeFile(file.originalname, file.buffer);
  } catch (error) {
    if (error instanceof HttpException) return { problem: problem(error.getStatus(), t.discussion.notAccepted, error.message) };
    throw error;
  }
  return { problem: null, afterWrite: (ctx) => discussions.attach(id, actionId, file, ctx), fileName: file.originalname };
}

/** A form's refusal of its file, said beside the file field. */
const fileProblemOf =
  (form: string) =>
  (status: number, message: string, detail: string | null = null): FormProblem => ({ form, message, detail, fields: { file: message }, status });

/** Multer's refusal as the form says it: too large (413), or a form that is not this page's (400). */
const refusedUpload = (code: string, problem: (status: number, message: string) => FormProblem, t: Dictionary): FormProblem =>
  code === 'LIMIT_FILE_SIZE' ? problem(413, t.discussion.tooLarge) : problem(400, t.errors.badRequest);

/** Who may not, or what is not there, has no form on the page to be shown next to: the error page says it. */
const shownElsewhere = (error: unknown) => error instanceof DomainError && (error.kind === 'forbidden' || error.kind === 'not_found');

/** The action's upload field and comment form on the recommendation page, and the files' downloads under the session. */
@WebController()
export class DiscussionWebController {
  constructor(
    private readonly discussions: Discussions,
    private readonly page: RecommendationPage,
  ) {}

  @Post(routes.attachFile)
  async attach(@Req() req: UploadRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const form = `attach-${actionId}`;
    const fileProblem = fileProblemOf(form);
    if (req.uploadRefused) return this.page.show(req, res, id, null, refusedUpload(req.uploadRefused, fileProblem, t));
    if (!req.file || req.file.buffer.length === 0) return this.page.show(req, res, id, null, fileProblem(400, t.discussion.noFile));
    try {
      await this.discussions.attach(id, actionId, req.file, formWriteContext(req, b ?? {}));
    } catch (error) {
      if (shownElsewhere(error)) throw error;
      if (error instanceof HttpException && error.getStatus() === 415) return this.page.show(req, res, id, null, fileProblem(415, t.discussion.notAccepted, error.message));
      return this.page.show(req, res, id, null, refusal(error, form, t, () => 'file'));
    }
    res.redirect(303, paths.recommendation(id, { notice: 'attachmentAdded', anchor: `files-${actionId}` }));
  }

  @Post(routes.commentOnAction)
  async comment(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const form = `comment-${actionId}`;
    const values = typedValues(b);
    const checked = await validateForm(CommentRequest, { text: b.text ?? '' }, t, (f) => f);
    if (!checked.ok) return this.page.show(req, res, id, null, invalidForm(form, checked.fields, t), values);
    try {
      await this.discussions.comment(id, actionId, checked.value.text, formWriteContext(req, b));
    } catch (error) {
      if (shownElsewhere(error)) throw error;
      return this.page.show(req, res, id, null, refusal(error, form, t), values);
    }
    res.redirect(303, paths.recommendation(id, { notice: 'commentAdded', anchor: `comments-${actionId}` }));
  }

  /** Any signed-in user who may read the recommendation (every staff member) may download its files; never anyone signed out. */
  @Get(routes.attachment)
  async download(@Res() res: Response, @Param('id', UuidParam) id: string, @Param('fileId', UuidParam) fileId: string): Promise<void> {
    const file = await this.discussions.file(fileId);
    if (file.recommendationId !== id) throw notFound(`Attachment ${fileId} not found in recommendation ${id}`);
    sendAttachment(res, file);
  }
}
