import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { ROLES, type Role } from '../../kernel/actor';
import { IsUnitId } from '../../recommendations/unit-id.request';
import { USER_LANGUAGES, type UserCommand, type UserLanguage, type UserSource } from '../domain/user';
import { reasonOf } from '../user.request';

/** A new user: address, name and role are required; the language is Swedish unless said; the reason is optional. */
export class CreateUserRequest {
  @ApiProperty({ example: 'olle.officer@stockholm.se' }) @IsEmail() @MaxLength(320) email: string;
  @ApiProperty({ example: 'Olle Officer' }) @IsString() @IsNotBlank({ message: 'name must not be blank' }) @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ example: 'sfi', nullable: true, description: 'required for officers and unit heads' })
  @ValidateIf((_, v) => v !== undefined && v !== null && v !== '')
  @IsUnitId()
  unit?: string | null;
  @ApiPropertyOptional({ enum: USER_LANGUAGES, default: 'sv' }) @IsOptional() @IsIn(USER_LANGUAGES) language?: UserLanguage;
  @ApiPropertyOptional({ example: 'Ny handläggare på sfi' }) @IsOptional() @IsString() @MaxLength(5000) reason?: string;
}

/** The command a request makes; the id is the caller's, so the answer can point at it. */
export const toCreateUser = (userId: string, b: CreateUserRequest, source: UserSource = 'admin'): UserCommand => ({
  type: 'CreateUser',
  userId,
  email: b.email,
  name: b.name,
  role: b.role,
  unit: b.unit || null,
  language: b.language ?? 'sv',
  source,
});

export const createReason = (b: CreateUserRequest): string | null => reasonOf(b.reason);
