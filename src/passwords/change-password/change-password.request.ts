import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A signed-in user's new password, with the current one as proof that it is them at the keyboard. */
export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password' })
  @IsString()
  @MaxLength(1000)
  newPassword: string;
}
