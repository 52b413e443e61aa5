import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { ChangeReviewCommand, toReviewView } from '../reviews.cqrs';
import { RegisterReviewRequest, toRegisterReview } from './register-review.request';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class RegisterReviewHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  async register(@Body() b: RegisterReviewRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const reviewId = randomUUID();
    const written = await this.commands.execute(new ChangeReviewCommand(reviewId, toRegisterReview(reviewId, b), ctx));
    return respond(res, written, toReviewView(written.state), 201);
  }
}
