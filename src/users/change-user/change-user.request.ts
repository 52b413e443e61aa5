import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import type { UserCommand } from '../domain/user';
import { UserProfileRequest } from '../user.request';

/** What is to change (only the fields given), and why: a change to a user always says why. */
export class ChangeUserRequest extends UserProfileRequest {
  @ApiPropertyOptional({ description: 'false deactivates the user (their sessions end at once), true reactivates them' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiProperty({ example: 'Ny chef' }) @IsString() @IsNotBlank({ message: 'reason must not be blank' }) @MaxLength(5000) reason: string;
}

export const toChangeUser = (b: ChangeUserRequest): UserCommand => ({
  type: 'ChangeUser',
  ...(b.name !== undefined ? { name: b.name } : {}),
  ...(b.role !== undefined ? { role: b.role } : {}),
  ...(b.unit !== undefined ? { unit: b.unit || null } : {}),
  ...(b.language !== undefined ? { language: b.language } : {}),
  ...(b.active !== undefined ? { active: b.active } : {}),
});
