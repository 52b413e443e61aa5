import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { UNIT_ID_MAX_LENGTH, UNIT_ID_PATTERN, UNIT_NAME_MAX_LENGTH, type UnitCommand } from '../domain/unit';

/** A new unit: its id (chosen once, used everywhere) and its names in Swedish and English. */
export class CreateUnitRequest {
  @ApiProperty({ example: 'ekonomi', description: 'lowercase letters, digits and single hyphens; never changes' })
  @IsString()
  @MaxLength(UNIT_ID_MAX_LENGTH)
  @Matches(UNIT_ID_PATTERN, { message: 'id must be lowercase letters, digits and single hyphens, such as sfi or ekonomi-2' })
  id: string;

  @ApiProperty({ example: 'ekonomiavdelningen' })
  @IsString()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  @IsNotBlank({ message: 'name must not be blank' })
  name: string;

  @ApiProperty({ example: 'Finance department' })
  @IsString()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  @IsNotBlank({ message: 'nameEn must not be blank' })
  nameEn: string;
}

/** The API's POST /units and the units page's form create a unit the same way. */
export const toCreateUnit = (b: CreateUnitRequest): UnitCommand => ({ type: 'CreateUnit', unitId: b.id, name: b.name, nameEn: b.nameEn });
