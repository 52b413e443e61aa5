import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** A correction of an action's title or description: what is left out stays as it is; an empty description clears it. */
export class EditActionRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ description: 'An empty string clears it' }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: 'Stavfel i titeln' }) @IsString() @MinLength(1) @IsNotBlank() @MaxLength(5000) reason: string;
}

export const toEditAction = (actionId: string, r: EditActionRequest): RecommendationCommand => ({
  type: 'EditAction',
  actionId,
  title: r.title ?? null,
  description: r.description,
  reason: r.reason,
});
