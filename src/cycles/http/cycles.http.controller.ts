import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { IsDay, UuidParam } from '../../kernel/http/validators';
import { ChangeCycleCommand, GetCycleQuery, ListCyclesQuery, toCycleView } from '../cycles.cqrs';

export class MilestoneRequest {
  @ApiProperty({ example: 'T1' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'key must be 1–20 letters, digits, dashes or underscores' }) key: string;
  @ApiProperty({ example: 'Tertialrapport 1' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: '2012-01-01' }) @IsDay() periodStart: string;
  @ApiProperty({ example: '2012-04-30' }) @IsDay() periodEnd: string;
  @ApiProperty({ example: '2012-05-22' }) @IsDay() dueDate: string;
}

export class CycleRequest {
  @ApiProperty({ example: 'Verksamhetsplan 2012' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 2012 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({ type: [MilestoneRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => MilestoneRequest)
  milestones: MilestoneRequest[];

  @ApiProperty({ example: [14, 7, 1] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderDaysBefore: number[];
}

const definition = (b: CycleRequest) => ({
  name: b.name,
  year: b.year,
  milestones: b.milestones.map(({ key, name, periodStart, periodEnd, dueDate }) => ({ key, name, periodStart, periodEnd, dueDate })),
  reminderDaysBefore: b.reminderDaysBefore,
});

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CyclesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  list() {
    return this.queries.execute(new ListCyclesQuery());
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetCycleQuery(id));
  }

  @Post()
  @ApiOperation({ summary: 'Create a planning cycle with its milestones (admin)' })
  async create(@Body() b: CycleRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const cycleId = randomUUID();
    const written = await this.commands.execute(new ChangeCycleCommand(cycleId, { type: 'CreateCycle', cycleId, ...definition(b) }, ctx));
    return respond(res, written, toCycleView(written.state), 201);
  }

  @Put(':id')
  @ApiOperation({ summary: "Change a cycle: its milestones' dates, the reminder days (admin)" })
  async change(@Param('id', UuidParam) id: string, @Body() b: CycleRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeCycleCommand(id, { type: 'ChangeCycle', ...definition(b) }, ctx));
    return respond(res, written, toCycleView(written.state));
  }
}
