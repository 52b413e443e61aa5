import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDay, Nested } from '../kernel/http/validators';
import type { CycleDefinition } from './domain/cycle';

/** A cycle is created and changed with the same body: the whole plan, its milestones and reminder days. */
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
  @Nested(() => MilestoneRequest, { each: true })
  milestones: MilestoneRequest[];

  @ApiProperty({ example: [14, 7, 1] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderDaysBefore: number[];
}

/** The plan a request describes, field by field, so nothing the body carries beyond it reaches the event. */
export const toCycleDefinition = (b: CycleRequest): CycleDefinition => ({
  name: b.name,
  year: b.year,
  milestones: b.milestones.map(({ key, name, periodStart, periodEnd, dueDate }) => ({ key, name, periodStart, periodEnd, dueDate })),
  reminderDaysBefore: b.reminderDaysBefore,
});
