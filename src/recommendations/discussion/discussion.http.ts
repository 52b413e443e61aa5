import { BadRequestException, Body, Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { UuidParam } from '../../kernel/http/validators';
import { ATTACHMENT_UPLOAD_LIMITS, CommentRequest, type Upload } from './discussion.request';
import { Discussions, type AttachmentView, type CommentView } from './discussions';
import { respond } from '../../kernel/http/respond';
import { sendAttachment } from './send-attachment';

/** Files as evidence and the conversation on an action. Neither is ever on the public page or in the public API. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions/:actionId')
export class DiscussionHttpController {
  constructor(private readonly discussions: Discussions) {}

  @Post('attachments')
  @UseInterceptors(FileInterceptor('file', ATTACHMENT_UPLOAD_LIMITS))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOperation({ summary: 'Attach a file as evidence (pdf, docx, xlsx, odt, ods, png, jpeg, txt, csv, at most 25 MB, judged by content; else 415)' })
  async attach(
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @UploadedFile() file: Upload | undefined,
    @WriteCtx() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttachmentView> {
    if (!file || file.buffer.length === 0) throw new BadRequestException({ message: 'No file was sent', details: [{ field: 'file', message: 'must be a non-empty multipart file field named file' }] });
    const added = await this.discussions.attach(id, actionId, file, ctx);
    return respond(res, added, added.view, 201);
  }

  @Get('attachments')
  @ApiOperation({ summary: 'The files attached to the action, first first' })
  attachments(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string): Promise<AttachmentView[]> {
    return this.discussions.attachments(id, actionId);
  }

  @Post('comments')
  @ApiOperation({ summary: 'Comment on the action (officers and heads of its unit, secretaries, admins); the others in the thread are mailed' })
  async comment(
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @Body() b: CommentRequest,
    @WriteCtx() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommentView> {
    const added = await this.discussions.comment(id, actionId, b.text, ctx);
    return respond(res, added, added.view, 201);
  }

  @Get('comments')
  @ApiOperation({ summary: 'The action’s comments, oldest first' })
  comments(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string): Promise<CommentView[]> {
    return this.discussions.comments(id, actionId);
  }
}

@ApiTags('actions')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentHttpController {
  constructor(private readonly discussions: Discussions) {}

  @Get(':id')
  @ApiOperation({ summary: 'The attached file’s bytes, as a download (Content-Disposition: attachment, X-Content-Type-Options: nosniff)' })
  async download(@Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    sendAttachment(res, await this.discussions.file(id));
  }
}
