import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../kernel/http/not-blank';
import { ROLES, type Role } from '../kernel/actor';
import { IsUnitId } from '../recommendations/unit-id.request';
import { USER_LANGUAGES, type UserLanguage } from './domain/user';

/** A user's profile fields as a change takes them: each optional, only those given change. */
export class UserProfileRequest {
  @ApiPropertyOptional({ example: 'Olle Officer' }) @IsOptional() @IsString() @IsNotBlank({ message: 'name must not be blank' }) @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  /** null (or empty): no unit; a secretary, an auditor or an admin needs none. */
  @ApiPropertyOptional({ example: 'sfi', nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null && v !== '') @IsUnitId() unit?: string | null;
  @ApiPropertyOptional({ enum: USER_LANGUAGES }) @IsOptional() @IsIn(USER_LANGUAGES) language?: UserLanguage;
}

/** Why, for the event log; a blank one is none. */
export const reasonOf = (reason: string | undefined | null): string | null => (reason && /\S/.test(reason) ? reason.trim() : null);
