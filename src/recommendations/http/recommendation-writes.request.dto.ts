import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDay, IsDayOrInstant } from '../../kernel/http/validators';

const UNIT = /^[a-z0-9][a-z0-9_-]{0,99}$/;
const UNIT_MESSAGE = 'must be a unit id such as sfi or utredning';

export class RegisterRecommendationRequest {
  @ApiProperty() @IsUUID() reviewId: string;

  @ApiProperty({ example: 'R6' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, { message: 'code must be 1–50 letters, digits, dots, dashes or underscores, such as R6' })
  code: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) text: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) textEn?: string;
  @ApiProperty({ example: 'sfi' }) @IsString() @Matches(UNIT, { message: `responsibleUnit ${UNIT_MESSAGE}` }) responsibleUnit: string;
}

export class AddActionRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: 'sfi' }) @IsString() @Matches(UNIT, { message: `responsibleUnit ${UNIT_MESSAGE}` }) responsibleUnit: string;
  @ApiProperty({ example: 'handlaggare.sfi@demo.local' }) @IsEmail() @MaxLength(320) ownerEmail: string;
  @ApiProperty({ example: '2012-08-31' }) @IsDay() dueDate: string;
}

export class EvidenceRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;

  @ApiProperty({ example: 'https://start.stockholm/' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https address' })
  @MaxLength(2000)
  url: string;
}

export class ReportProgressRequest {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) progressPercent: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) note: string;

  @ApiPropertyOptional({ type: [EvidenceRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence?: EvidenceRequest[];
}

export class RescheduleActionRequest {
  @ApiProperty({ example: '2012-10-31' }) @IsDay() dueDate: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export class CompleteActionRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) note: string;
}

export class AssignActionRequest {
  @ApiProperty() @IsEmail() @MaxLength(320) ownerEmail: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(UNIT, { message: `responsibleUnit ${UNIT_MESSAGE}` }) responsibleUnit?: string;
}

export class RecommendationListRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) unit?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
}

export class AsOfRequest {
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC)' }) @IsOptional() @IsDayOrInstant() asOf?: string;
}
