import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A link's token and the password to set; the password policy (password-policy.ts) is checked by PasswordLinks.use, naming `password`. */
export class SetPasswordRequest {
  @ApiProperty({ description: 'The `token` query parameter of the mailed (or printed) link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({ example: 'tre små grisar i skogen', description: 'At least 12 characters, not a common password' })
  @IsString()
  @MaxLength(1000)
  password: string;
}
