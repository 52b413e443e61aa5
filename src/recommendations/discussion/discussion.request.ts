import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { MAX_ATTACHMENT_BYTES, MAX_COMMENT_LENGTH } from '../domain/recommendation.discussion';

export class CommentRequest {
  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH }) @IsString() @MinLength(1) @IsNotBlank() @MaxLength(MAX_COMMENT_LENGTH) text: string;
}

/** What multer may take in (in memory): one file of at most 25 MB and the fields of a progress form; more is refused before it is read. */
export const ATTACHMENT_UPLOAD_LIMITS = {
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 30, fieldSize: 20_000, parts: 32 },
  // Browsers and curl send a file's name as UTF-8 bytes: "närvaro.csv" is not Latin-1 (multer's default).
  defParamCharset: 'utf8',
};

/** The uploaded file as multer hands it over. */
export interface Upload {
  originalname: string;
  buffer: Buffer;
}
