import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../kernel/http/not-blank';
import { UNIT_NAME_MAX_LENGTH, type UnitCommand } from '../domain/unit';

/** What an admin changes of a unit, and why: only the fields given change; `active: false` retires it, `true` reinstates it. */
export class ChangeUnitRequest {
  @ApiPropertyOptional({ example: 'sfi-avdelningen' })
  @IsOptional()
  @IsString()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  @IsNotBlank({ message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ example: 'Swedish for immigrants (sfi) department' })
  @IsOptional()
  @IsString()
  @MaxLength(UNIT_NAME_MAX_LENGTH)
  @IsNotBlank({ message: 'nameEn must not be blank' })
  nameEn?: string;

  @ApiPropertyOptional({ example: false, description: 'false retires the unit (409 while it has open actions, listed in details); true reinstates it' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ example: 'Ny organisation från 1 juli' })
  @IsString()
  @MaxLength(5000)
  @IsNotBlank({ message: 'reason must not be blank' })
  reason: string;
}

/** The change as the domain takes it; the reason goes into the event's metadata, not its data. */
export const toChangeUnit = (b: ChangeUnitRequest): UnitCommand => ({
  type: 'ChangeUnit',
  ...(b.name !== undefined ? { name: b.name } : {}),
  ...(b.nameEn !== undefined ? { nameEn: b.nameEn } : {}),
  ...(b.active !== undefined ? { active: b.active } : {}),
});
