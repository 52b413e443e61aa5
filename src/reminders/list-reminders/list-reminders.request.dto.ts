import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageRequest } from '../../kernel/http/paging';
import { REMINDER_STATUSES, type ReminderStatus } from '../reminder-table';

export class ListRemindersRequest extends PageRequest {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES, description: '`sending` is the short moment between claiming a reminder and recording it' })
  @IsOptional()
  @IsIn(REMINDER_STATUSES, { message: `status must be one of ${REMINDER_STATUSES.join(', ')}` })
  status?: ReminderStatus;
}
