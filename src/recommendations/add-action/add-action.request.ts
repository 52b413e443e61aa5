import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { IsDay } from '../../kernel/http/validators';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { IsUnitId } from '../unit-id.request';
import { normalEmail } from '../../kernel/email-address';

export class AddActionRequest {
  @ApiProperty() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: 'sfi' }) @IsUnitId() responsibleUnit: string;
  @ApiProperty({ example: 'handlaggare.sfi@demo.local' }) @IsEmail() @MaxLength(320) ownerEmail: string;
  @ApiProperty({ example: '2012-08-31' }) @IsDay() dueDate: string;
}

/** Owners are known by their address in lower case, as sign-in looks them up. */
export const toAddAction = (actionId: string, r: AddActionRequest): RecommendationCommand => ({
  type: 'AddAction',
  actionId,
  title: r.title,
  description: r.description ?? null,
  responsibleUnit: r.responsibleUnit,
  ownerEmail: normalEmail(r.ownerEmail),
  dueDate: r.dueDate,
});
