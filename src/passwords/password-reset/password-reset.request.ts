import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

/** Whose password is forgotten: an address, which may or may not have an account (the answer is the same). */
export class PasswordResetRequest {
  @ApiProperty({ example: 'handlaggare.sfi@demo.local' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}
