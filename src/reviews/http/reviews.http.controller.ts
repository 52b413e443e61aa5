import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { IsDay, UuidParam } from '../../kernel/http/validators';
import { MeetingRequest, toMeeting } from '../../recommendations/http/committee.request.dto';
import { ChangeReviewCommand, GetReviewQuery, ListReviewsQuery } from '../reviews.cqrs';

export class RegisterReviewRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) reviewer: string;
  @ApiProperty({ example: '2011-09-30' }) @IsDay() reviewedOn: string;
  @ApiProperty({ example: 'Arbetsmarknadsnämnden' }) @IsString() @MinLength(1) @MaxLength(200) committee: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) diaryNumber?: string;
}

export class ReviewDecisionRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) text: string;
  @ApiProperty({ type: MeetingRequest }) @ValidateNested() @Type(() => MeetingRequest) meeting: MeetingRequest;
}

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  list() {
    return this.queries.execute(new ListReviewsQuery());
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReviewQuery(id));
  }

  @Post()
  async register(@Body() b: RegisterReviewRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const reviewId = randomUUID();
    const change = { type: 'RegisterReview' as const, reviewId, ...b, diaryNumber: b.diaryNumber ?? null };
    return respond(res, await this.commands.execute(new ChangeReviewCommand(reviewId, change, ctx)));
  }

  @Post(':id/decisions')
  async decide(@Param('id', UuidParam) id: string, @Body() b: ReviewDecisionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const change = { type: 'RecordReviewDecision' as const, decisionId: randomUUID(), text: b.text, meeting: toMeeting(b.meeting)! };
    return respond(res, await this.commands.execute(new ChangeReviewCommand(id, change, ctx)));
  }
}
