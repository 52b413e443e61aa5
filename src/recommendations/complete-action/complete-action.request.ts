import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import type { RecommendationCommand } from '../domain/recommendation.decide';

export class CompleteActionRequest {
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(5000) note: string;
}

export const toCompleteAction = (actionId: string, r: CompleteActionRequest): RecommendationCommand => ({ type: 'CompleteAction', actionId, note: r.note });
